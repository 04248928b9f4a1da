package io.sensequant.ingest;

import io.sensequant.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where each bar field sits in one file, found by matching the header row against the accepted names in
 * {@code ingest.csv.columns} (case-insensitively, ignoring surrounding spaces), so files from different
 * exporters (Date,Open,... or timestamp,open,...) need no renaming. Columns that match nothing are ignored.
 */
final class CsvColumns {
    /** The fields every file must provide, in the order of {@code ingest.csv.columns}. */
    static final List<String> FIELDS = List.of("ts", "open", "high", "low", "close", "volume");
    static final int TS = 0;
    static final int OPEN = 1;
    static final int HIGH = 2;
    static final int LOW = 3;
    static final int CLOSE = 4;
    static final int VOLUME = 5;
    static final int NONE = -1;

    private final List<String> headers;
    private final int[] indexOfField;
    private final int symbolIndex;

    private CsvColumns(List<String> headers, int[] indexOfField, int symbolIndex) {
        this.headers = List.copyOf(headers);
        this.indexOfField = indexOfField;
        this.symbolIndex = symbolIndex;
    }

    /** Fails fast on a config that could never match a file: every field needs at least one accepted name. */
    static void validate(Map<String, List<String>> accepted) {
        if (accepted == null) {
            throw new ConfigException("ingest.csv.columns is missing; list the accepted header names for "
                    + String.join(", ", FIELDS));
        }
        for (String field : FIELDS) {
            List<String> names = accepted.get(field);
            if (names == null || names.stream().allMatch(n -> n == null || n.isBlank())) {
                throw new ConfigException("ingest.csv.columns." + field + " lists no header names; give at least one, "
                        + "e.g. ingest.csv.columns." + field + "=[" + field + "]");
            }
        }
    }

    /**
     * @param headerRow    the header's row number (1 unless blank lines precede it)
     * @param symbolColumn the symbol column's header for a long file, or null for a per-symbol file
     */
    static CsvColumns resolve(String file, long headerRow, List<String> headers, Map<String, List<String>> accepted,
                              String symbolColumn) throws CsvDataException {
        String where = file + " row " + headerRow + " (header)";
        int[] indexOfField = new int[FIELDS.size()];
        List<String> missing = new ArrayList<>();
        for (int f = 0; f < FIELDS.size(); f++) {
            String field = FIELDS.get(f);
            List<String> names = accepted.get(field).stream().map(CsvColumns::key).toList();
            List<Integer> matches = matching(headers, names);
            if (matches.isEmpty()) {
                missing.add(field + " (accepted names: " + String.join(", ", accepted.get(field))
                        + "; ingest.csv.columns." + field + ")");
            } else if (matches.size() > 1) {
                throw new CsvDataException(where + ": columns " + quoted(headers, matches)
                        + " all match field " + field + " (ingest.csv.columns." + field + ": "
                        + String.join(", ", accepted.get(field)) + "); keep only the name of the column to use "
                        + "in ingest.csv.columns." + field + " (separate date and time columns are not combined: join them "
                        + "into one timestamp column)");
            } else {
                indexOfField[f] = matches.get(0);
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvDataException(where + ": no column for " + String.join(" and ", missing)
                    + "; headers found: " + quoted(headers) + ". Rename the column in the file or add its header "
                    + "to ingest.csv.columns.<field>");
        }
        int symbolIndex = NONE;
        if (symbolColumn != null) {
            List<Integer> matches = matching(headers, List.of(key(symbolColumn)));
            if (matches.size() != 1) {
                String problem = matches.isEmpty() ? "has no symbol column '" + symbolColumn + "'"
                        : "has several symbol columns " + quoted(headers, matches);
                throw new CsvDataException(where + " " + problem + " (ingest.csv.symbol_column); "
                        + "headers found: " + quoted(headers) + ". A single csv file needs exactly one column naming "
                        + "each row's symbol; set ingest.csv.symbol_column to its header, or point ingest.csv.path "
                        + "at a directory of SYMBOL.csv files");
            }
            symbolIndex = matches.get(0);
        }
        return new CsvColumns(headers, indexOfField, symbolIndex);
    }

    /** Column index of a field (one of the constants above). */
    int index(int field) {
        return indexOfField[field];
    }

    /** Column index of the symbol column, or {@link #NONE}. */
    int symbolIndex() {
        return symbolIndex;
    }

    int width() {
        return headers.size();
    }

    /** The column's header as written in the file, for messages; positional if the row is longer than the header. */
    String name(int index) {
        return index < headers.size() ? headers.get(index).trim() : "#" + (index + 1);
    }

    List<String> headers() {
        return headers;
    }

    static String quoted(List<String> headers) {
        return headers.stream().map(h -> "'" + h.trim() + "'").collect(Collectors.joining(", "));
    }

    private static String quoted(List<String> headers, List<Integer> indices) {
        return indices.stream().map(i -> "'" + headers.get(i).trim() + "'").collect(Collectors.joining(", "));
    }

    private static List<Integer> matching(List<String> headers, List<String> keys) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (keys.contains(key(headers.get(i)))) {
                matches.add(i);
            }
        }
        return matches;
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }
}
