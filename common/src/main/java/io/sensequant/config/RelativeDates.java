package io.sensequant.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative run dates, for schedules: {@code today}, {@code yesterday}, or an offset from today such as
 * {@code -365d}, {@code -12w}, {@code -3m}, {@code -1y}. They are replaced by the absolute date as the config is
 * built (today in the Spark session time zone, the market's), so the effective config, its fingerprint and every
 * snapshot hold real dates.
 */
final class RelativeDates {
    static final List<String> KEYS = List.of("run.start_date", "run.end_date");
    private static final Pattern OFFSET = Pattern.compile("([+-]\\d+)([dwmy])");

    private RelativeDates() {
    }

    /** Replaces relative values of {@link #KEYS} in {@code tree}; returns whether any was replaced. */
    static boolean resolve(ObjectNode tree) {
        JsonNode zone = ConfigTree.getPath(tree, "spark.session_time_zone");
        LocalDate today = LocalDate.now(zone == null ? ZoneId.systemDefault() : ZoneId.of(zone.asText()));
        boolean replaced = false;
        for (String key : KEYS) {
            JsonNode value = ConfigTree.getPath(tree, key);
            if (value != null && value.isTextual()) {
                LocalDate date = parse(value.asText().trim(), today);
                if (date != null) {
                    ConfigTree.putPath(tree, key, JsonNodeFactory.instance.textNode(date.toString()));
                    replaced = true;
                }
            }
        }
        return replaced;
    }

    /** The date {@code text} stands for, or null when it is not a relative date (an ISO date, or a mistake). */
    static LocalDate parse(String text, LocalDate today) {
        if (text.equals("today")) {
            return today;
        }
        if (text.equals("yesterday")) {
            return today.minusDays(1);
        }
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> today.plusDays(n);
            case "w" -> today.plusWeeks(n);
            case "m" -> today.plusMonths(n);
            default -> today.plusYears(n);
        };
    }
}
