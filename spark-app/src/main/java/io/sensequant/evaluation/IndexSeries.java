package io.sensequant.evaluation;

import io.sensequant.config.ConfigException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The index the strategy is compared with: daily closes from the csv file named by
 * {@code stat_tests.benchmark.index_csv} (a header with {@code date} and {@code close} columns, any case, ISO dates),
 * turned into returns on the strategy's days.
 */
public final class IndexSeries {
    static final String KEY = "stat_tests.benchmark.index_csv";

    private IndexSeries() {
    }

    public static NavigableMap<LocalDate, Double> parse(String text, String file) {
        String[] lines = text.split("\\r?\\n");
        if (lines.length < 2) {
            throw new ConfigException(KEY + " file " + file + " has no data rows; it needs a header date,close and one row per day");
        }
        List<String> header = List.of(lines[0].toLowerCase(Locale.ROOT).replace("\"", "").split(","));
        int date = header.indexOf("date");
        int close = header.indexOf("close");
        if (date < 0 || close < 0) {
            throw new ConfigException(KEY + " file " + file + " has no 'date' and 'close' columns in its header " + header
                    + "; add them (or set " + KEY + "=\"\" to compare with the equal-weighted universe)");
        }
        NavigableMap<LocalDate, Double> closes = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].replace("\"", "").split(",");
            try {
                double value = Double.parseDouble(fields[close].trim());
                if (!(value > 0)) {
                    throw new NumberFormatException("not positive");
                }
                closes.put(LocalDate.parse(fields[date].trim()), value);
            } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new ConfigException(KEY + " file " + file + " line " + (i + 1) + ": cannot read a date (yyyy-MM-dd) "
                        + "and a positive close from '" + lines[i] + "'; fix the row");
            }
        }
        return closes;
    }

    /** The index's return on each day (close on the day over the close of the index's previous day); NaN when absent. */
    public static double[] returnsOn(LocalDate[] days, NavigableMap<LocalDate, Double> closes) {
        double[] out = new double[days.length];
        for (int d = 0; d < days.length; d++) {
            Double close = closes.get(days[d]);
            Map.Entry<LocalDate, Double> before = closes.lowerEntry(days[d]);
            out[d] = close == null || before == null ? Double.NaN : close / before.getValue() - 1;
        }
        return out;
    }
}
