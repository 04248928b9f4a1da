package io.sensequant.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of parsing one csv file, kept for the life of the fetcher: the series per symbol, or the problem
 * that makes the whole file unusable (empty, header without the required columns, broken row structure). A
 * file's problem is cached like its data, so a bad file is read once and every chunk reports the same message.
 */
final class CsvFile {
    /** The symbol key of a per-symbol file, whose rows carry no symbol of their own. */
    static final String SINGLE = "";

    private final String problem;
    private final Throwable cause;
    private final Map<String, CsvSeries> bySymbol;
    private final String symbolHeader;

    private CsvFile(String problem, Throwable cause, Map<String, CsvSeries> bySymbol,
                    String symbolHeader) {
        this.problem = problem;
        this.cause = cause;
        this.bySymbol = bySymbol;
        this.symbolHeader = symbolHeader;
    }

    /**
     * @param symbolHeader the symbol column's header as written in the file, or null for a per-symbol file
     */
    static CsvFile of(Map<String, CsvSeries> bySymbol, String symbolHeader) {
        return new CsvFile(null, null, Map.copyOf(bySymbol), symbolHeader);
    }

    static CsvFile failed(String problem, Throwable cause) {
        return new CsvFile(problem, cause, Map.of(), null);
    }

    /** The series of a symbol ({@link #SINGLE} for a per-symbol file), or null if the file has no rows for it. */
    CsvSeries series(String symbol) throws CsvDataException {
        requireReadable();
        return bySymbol.get(symbol);
    }

    /** The symbols with rows in the file, sorted. */
    List<String> symbols() throws CsvDataException {
        requireReadable();
        return new TreeMap<>(bySymbol).keySet().stream().toList();
    }

    /** The symbol column's header as written in the file (null for a per-symbol file or an unusable one). */
    String symbolHeader() {
        return symbolHeader;
    }

    /** Symbols that differ from the given one only in case, to suggest when it is not found. */
    List<String> similar(String symbol) {
        return new TreeMap<>(bySymbol).keySet().stream()
                .filter(s -> s.toLowerCase(Locale.ROOT).equals(symbol.toLowerCase(Locale.ROOT)))
                .toList();
    }

    private void requireReadable() throws CsvDataException {
        if (problem != null) {
            throw cause == null ? new CsvDataException(problem) : new CsvDataException(problem, cause);
        }
    }
}
