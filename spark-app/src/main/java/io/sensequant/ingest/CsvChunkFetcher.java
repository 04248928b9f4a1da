package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code csv} provider: bars from local files, either a directory of per-symbol files named
 * {@code SYMBOL.csv} (the symbol exactly as the file is named, e.g. {@code M&M.csv}) or one long file with a
 * symbol column ({@code ingest.csv.symbol_column}). Symbols need not be in any universe.
 *
 * <p>Each file is parsed once, on the first chunk that needs it, and kept: the ingest loop asks for many
 * chunks of the same symbol, and re-reading a file per chunk would make ingestion quadratic in history length.
 * Data problems are hard errors ({@link ChunkFetchException}, attempts 1: retrying cannot fix a file) that
 * fail every chunk of the affected symbol and no other. Rows out of time order are sorted and reported as a
 * warning of the chunk they fall in; everything else about values is left to the guardrails.
 *
 * <p>Thread-safe: {@link #fetch} is called from several threads. Files are parsed under a per-file lock, so
 * different files parse in parallel and the same file is never parsed twice; parsed files are immutable.
 */
public final class CsvChunkFetcher implements ChunkFetcher {
    private static final String EXTENSION = ".csv";
    /** How many names a "not found" message lists before eliding the rest. */
    private static final int NAMES_SHOWN = 20;

    private final Path source;
    private final boolean directory;
    private final String symbolColumn;
    private final CsvTimestamps timestamps;
    private final CsvFileParser parser;
    private final ConcurrentHashMap<Path, ParseOnce> files = new ConcurrentHashMap<>();

    /** Reads from {@code ingest.csv.path}. */
    public CsvChunkFetcher(PipelineConfig.Csv config) {
        this(config, null);
    }

    /**
     * @param path the source, overriding {@code ingest.csv.path} (the ingest command's {@code --path}); null to
     *             use the configured path
     * @throws ConfigException if the path is unset or missing, or the csv settings are invalid
     */
    public CsvChunkFetcher(PipelineConfig.Csv config, Path path) {
        this.source = source(config, path);
        this.directory = Files.isDirectory(source);
        CsvColumns.validate(config.columns());
        this.timestamps = new CsvTimestamps(config.timestampFormat(), config.timeZone());
        if (directory) {
            this.symbolColumn = null;
        } else {
            if (config.symbolColumn() == null || config.symbolColumn().isBlank()) {
                throw new ConfigException("ingest.csv.symbol_column is empty, but ingest.csv.path " + source
                        + " is a single file, which needs a column naming each row's symbol; set "
                        + "ingest.csv.symbol_column to its header, or point the path at a directory of SYMBOL.csv files");
            }
            this.symbolColumn = config.symbolColumn().trim();
        }
        this.parser = new CsvFileParser(config.columns(), symbolColumn, timestamps);
    }

    @Override
    public String name() {
        return "csv";
    }

    /** The directory or file bars are read from (absolute). */
    public Path source() {
        return source;
    }

    /**
     * The symbols the source has, sorted: file names without {@code .csv} for a directory, the distinct
     * values of the symbol column for a single file (which parses it; the parse is kept for the fetches).
     *
     * @throws ConfigException if the directory cannot be listed or the single file is unusable as a whole
     */
    public List<String> symbols() {
        if (directory) {
            return csvFileNames().stream()
                    .map(name -> name.substring(0, name.length() - EXTENSION.length()))
                    .sorted()
                    .toList();
        }
        try {
            return parsed(source).symbols();
        } catch (CsvDataException e) {
            throw new ConfigException("cannot list the symbols of the csv source: " + e.getMessage(), e);
        }
    }

    @Override
    public FetchedChunk fetch(ChunkRequest request) throws ChunkFetchException {
        try {
            CsvSeries series = series(request.symbol());
            CsvSeries.Selection chunk = series.select(request.symbol(), request.interval(), request.start(),
                    request.end(), timestamps.zone());
            List<String> warnings = chunk.rowsOutOfOrder() == 0 ? List.of()
                    : List.of(series.label() + ": " + chunk.rowsOutOfOrder() + " row"
                    + (chunk.rowsOutOfOrder() == 1 ? "" : "s") + " out of time order (sorted)");
            return new FetchedChunk(request, chunk.bars(), 1, warnings);
        } catch (CsvDataException e) {
            throw new ChunkFetchException(request.describe() + ": " + e.getMessage(), 1, e);
        }
    }

    private CsvSeries series(String symbol) throws CsvDataException {
        if (directory) {
            CsvSeries series = parsed(symbolFile(symbol)).series(CsvFile.SINGLE);
            if (series == null) { // cannot happen: a readable file has data rows; guard against a silent gap
                throw new IllegalStateException("parsed " + symbolFile(symbol) + " without a series");
            }
            return series;
        }
        CsvFile file = parsed(source);
        CsvSeries series = file.series(symbol);
        if (series == null) {
            List<String> similar = file.similar(symbol);
            String hint = similar.isEmpty() ? "" : " (symbols are matched exactly; the file has " + similar + ")";
            throw new CsvDataException(source + ": no rows for symbol " + symbol + " in column '"
                    + file.symbolHeader() + "'" + hint + "; symbols found: " + abbreviated(file.symbols()));
        }
        return series;
    }

    /** SYMBOL.csv in the directory, checked to exist, with a message that helps find the right file if not. */
    private Path symbolFile(String symbol) throws CsvDataException {
        Path file;
        try {
            if (symbol.isBlank() || symbol.contains("/") || symbol.contains("\\") || symbol.equals(".")
                    || symbol.equals("..")) {
                throw new InvalidPathException(symbol, "not a plain file name");
            }
            file = source.resolve(symbol + EXTENSION);
        } catch (InvalidPathException e) {
            throw new CsvDataException("symbol '" + symbol + "' cannot name a file in " + source + " (" + e.getReason()
                    + "); put it in a single csv file with a symbol column instead", e);
        }
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> present = csvFileNames();
        List<String> similar = present.stream()
                .filter(name -> name.equalsIgnoreCase(symbol + EXTENSION))
                .toList();
        String hint = !similar.isEmpty()
                ? "; found " + similar + " instead (file names must match the symbol exactly, with a lower-case .csv)"
                : "; the directory has " + present.size() + " csv file" + (present.size() == 1 ? "" : "s")
                + (present.isEmpty() ? "" : ": " + abbreviated(present));
        throw new CsvDataException("no csv file for symbol " + symbol + ": expected " + file + hint);
    }

    private CsvFile parsed(Path file) {
        return files.computeIfAbsent(file, ParseOnce::new).get();
    }

    /** Names of the visible *.csv files in the source directory (dot files are editor locks and OS metadata). */
    private List<String> csvFileNames() {
        try (Stream<Path> entries = Files.list(source)) {
            return entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(EXTENSION) && name.length() > EXTENSION.length()
                            && !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list the csv directory " + source + " (" + e + ")", e);
        }
    }

    private static String abbreviated(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " more";
    }

    private static Path source(PipelineConfig.Csv config, Path override) {
        Path path = override;
        if (path == null) {
            String configured = config.path();
            if (configured == null || configured.isBlank()) {
                throw new ConfigException("ingest.csv.path is not set; point it (or --path) at a directory of "
                        + "SYMBOL.csv files or at one csv file with a symbol column");
            }
            try {
                path = Path.of(configured.trim());
            } catch (InvalidPathException e) {
                throw new ConfigException("ingest.csv.path '" + configured + "' is not a valid path (" + e.getReason()
                        + ")", e);
            }
        }
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new ConfigException("csv source " + absolute + " does not exist (ingest.csv.path or --path); "
                    + "point it at a directory of SYMBOL.csv files or at one csv file with a symbol column");
        }
        if (!Files.isDirectory(absolute) && !Files.isRegularFile(absolute)) {
            throw new ConfigException("csv source " + absolute + " is neither a directory nor a regular file");
        }
        if (!Files.isReadable(absolute)) {
            throw new ConfigException("csv source " + absolute + " is not readable; check its permissions");
        }
        return absolute;
    }

    /**
     * Parses a file the first time it is asked for. The map only creates this cheap holder; the parse runs
     * under the holder's own lock, so a long parse never blocks the map (ConcurrentHashMap asks that
     * computeIfAbsent functions be short) and threads wanting other files are not held up.
     */
    private final class ParseOnce {
        private final Path file;
        private CsvFile parsed;

        ParseOnce(Path file) {
            this.file = file;
        }

        synchronized CsvFile get() {
            if (parsed == null) {
                parsed = parser.parse(file);
            }
            return parsed;
        }
    }

    @Override
    public String toString() {
        return "csv(" + source + (directory ? ", directory of SYMBOL.csv files" : ", symbol column " + symbolColumn)
                + ")";
    }
}
