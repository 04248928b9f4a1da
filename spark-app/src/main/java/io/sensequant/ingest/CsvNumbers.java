package io.sensequant.ingest;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads price and volume cells. Stricter than {@link Double#parseDouble}, which would also take "NaN", "1d" or
 * hexadecimal floats: a cell must be a plain decimal, optionally in exponent notation, with surrounding spaces
 * allowed. Values are not judged (a negative volume is the guardrails' business, not the parser's).
 */
final class CsvNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvNumbers() {
    }

    /** The cell as a price, or an exception whose message says what is wrong with it. */
    static double price(String cell) {
        String text = decimal(cell);
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("'" + cell + "' is too large for a price");
        }
        return value;
    }

    /**
     * The cell as a whole volume. Exporters that hold volume as a float write 1234.0, so an integral decimal is
     * accepted; a fraction is not rounded away silently.
     */
    static long volume(String cell) {
        String text = decimal(cell);
        try {
            return new BigDecimal(text).longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + cell.trim() + "' is not a whole number (or too large) for a volume");
        }
    }

    private static String decimal(String cell) {
        String text = cell.trim();
        if (text.isEmpty()) {
            throw new NumberFormatException("the cell is empty");
        }
        if (!DECIMAL.matcher(text).matches()) {
            String hint = text.indexOf(',') >= 0 ? " (remove the thousands separators)" : "";
            throw new NumberFormatException("cannot read '" + text + "' as a number" + hint);
        }
        return text;
    }
}
