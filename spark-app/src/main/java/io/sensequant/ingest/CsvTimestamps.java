package io.sensequant.ingest;

import io.sensequant.config.ConfigException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Turns the text of a csv timestamp cell into the bar's start instant, as {@code ingest.csv.timestamp_format}
 * and {@code ingest.csv.time_zone} say. A date without a time is the session of that date and maps to 00:00 in
 * the zone, so daily bars land on the right exchange date whatever the JVM's default zone; a date-time without
 * an offset is wall-clock time in the zone; an explicit offset always wins. Thread-safe (formatters are
 * immutable).
 */
final class CsvTimestamps {
    /** Position of the date/time separator in ISO text such as 2024-01-05 09:15:00. */
    private static final int ISO_DATE_LENGTH = "2024-01-05".length();

    private final ZoneId zone;
    private final String pattern;
    private final DateTimeFormatter formatter;

    /**
     * @param pattern a java.time pattern, or empty for ISO-8601 (date, local date-time, or with offset)
     * @param zone    zone name for timestamps without an offset
     */
    CsvTimestamps(String pattern, String zone) {
        this.zone = zone(zone);
        this.pattern = pattern == null ? "" : pattern.trim();
        this.formatter = this.pattern.isEmpty() ? iso() : custom(this.pattern);
    }

    ZoneId zone() {
        return zone;
    }

    Instant parse(String cell) throws DateTimeException {
        String text = cell.trim();
        if (pattern.isEmpty() && text.length() > ISO_DATE_LENGTH && text.charAt(ISO_DATE_LENGTH) == ' ') {
            // "2024-01-05 09:15:00" is how most tools print ISO date-times; java.time wants the 'T'.
            text = text.substring(0, ISO_DATE_LENGTH) + 'T' + text.substring(ISO_DATE_LENGTH + 1).trim();
        }
        TemporalAccessor parsed = formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof ZonedDateTime withOffset) {
            return withOffset.toInstant();
        }
        if (parsed instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        }
        return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
    }

    /** What a valid cell looks like, for error messages. */
    String expected() {
        if (pattern.isEmpty()) {
            return "an ISO-8601 date (2024-01-05), date-time (2024-01-05 09:15:00 or 2024-01-05T09:15:00, read in "
                    + zone + ") or date-time with offset (2024-01-05T09:15:00+05:30); for another layout set "
                    + "ingest.csv.timestamp_format to a java.time pattern such as dd/MM/yyyy";
        }
        return "the pattern '" + pattern + "' (ingest.csv.timestamp_format), read in " + zone
                + " unless it has an offset";
    }

    private static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfigException("ingest.csv.time_zone is empty; set it to the exchange's zone, e.g. Asia/Kolkata");
        }
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            throw new ConfigException("ingest.csv.time_zone '" + name + "' is not a time zone ("
                    + e.getMessage() + "); use a region id such as Asia/Kolkata", e);
        }
    }

    /** ISO date, optionally 'T' and a time, optionally an offset written +05:30, +0530, +05 or Z. */
    private static DateTimeFormatter iso() {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart()
                .appendLiteral('T')
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart()
                .appendPattern("[XXX][XX][X]")
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * A user pattern, case-insensitive (NSE files write 05-JAN-2024) with English month names. STRICT so that
     * 30/02/2024 is an error rather than silently becoming 29 February; the default era lets the familiar
     * 'yyyy' (year of era) work under STRICT.
     */
    private static DateTimeFormatter custom(String pattern) {
        try {
            return new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ingest.csv.timestamp_format '" + pattern + "' is not a java.time pattern ("
                    + e.getMessage() + "); e.g. dd/MM/yyyy or yyyy-MM-dd HH:mm:ss, or leave it empty for ISO-8601", e);
        }
    }
}
