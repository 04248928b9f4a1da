package io.sensequant.release;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How a value from a phase summary reads in a briefing cell: numbers to four places (or in scientific notation when tiny). */
final class DocValues {
    private static final double SMALL = 1e-3;
    private static final double LARGE = 1e7;

    private DocValues() {
    }

    static String format(Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return value.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return "n/a";
            }
            if (d == Math.rint(d) && Math.abs(d) < LARGE) {
                // a whole number stored as a double (a count, a threshold of 50)
                return String.format(Locale.ROOT, "%.1f", d);
            }
            // a p-value of 1e-87 must not read as 0.0000
            return d != 0 && (Math.abs(d) < SMALL || Math.abs(d) >= LARGE) ? String.format(Locale.ROOT, "%.3e", d)
                    : String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return inline(value);
        }
        return cell(value.toString());
    }

    /** A nested value on one line: {@code key: value; key: value} or {@code a, b, c}. */
    static String inline(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ": " + format(e.getValue())).collect(Collectors.joining("; "));
        }
        if (value instanceof List<?> l) {
            return l.isEmpty() ? "none" : l.stream().map(DocValues::format).collect(Collectors.joining(", "));
        }
        return format(value);
    }

    /** Text safe in a Markdown table cell: no pipe, no line break. */
    static String cell(String text) {
        return text.replace("|", "/").replace('\n', ' ').replace('\r', ' ');
    }
}
