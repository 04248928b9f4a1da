package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.market.SymbolNames;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a sentiment csv file: a header row naming (case-insensitively) the columns symbol, date, score and
 * optionally articles, in any order (other columns are ignored), then one row per symbol and day. The whole
 * file is checked before anything is kept, so a bad row fails the ingest with the file, row and column named
 * and nothing written: symbols must be valid exchange symbols, dates ISO yyyy-MM-dd, scores plain decimals in
 * [-1, 1], articles whole numbers >= 0 (or empty), and a (symbol, date) may appear only once. Rows are counted
 * from 1 at the header, as a spreadsheet shows them.
 */
final class SentimentCsv {
    static final String SOURCE = "csv";
    static final String SYMBOL = "symbol";
    static final String DATE = "date";
    static final String SCORE = "score";
    static final String ARTICLES = "articles";
    private static final List<String> REQUIRED = List.of(SYMBOL, DATE, SCORE);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** The kept rows and what was left out because it lies outside the run's symbols or date range. */
    record Parsed(List<Row> rows, long dataRows, long outsideRun) {
    }

    private SentimentCsv() {
    }

    /** The configured file as an absolute path, or a config error naming sentiment.csv_path. */
    static Path locate(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new ConfigException("sentiment.csv_path is not set; point it at a csv file with header "
                    + "symbol,date,score[,articles]");
        }
        Path path;
        try {
            path = Path.of(configured.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException("sentiment.csv_path '" + configured + "' is not a valid path (" + e.getReason() + ")", e);
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("sentiment.csv_path " + path + (Files.exists(path) ? " is not a regular file" : " does not exist")
                    + "; point it at a csv file with header symbol,date,score[,articles]");
        }
        if (!Files.isReadable(path)) {
            throw new ConfigException("sentiment.csv_path " + path + " is not readable; check its permissions");
        }
        return path;
    }

    /** Parses and checks the whole file, then keeps the rows of {@code symbols} dated within [start, end]. */
    static Parsed read(Path file, Set<String> symbols, LocalDate start, LocalDate end) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file);
             CsvRecordReader reader = new CsvRecordReader(new InputStreamReader(in, decoder))) {
            return parse(file, reader, symbols, start, end);
        } catch (CharacterCodingException e) {
            throw new SentimentDataException(file + ": the file is not UTF-8 text (" + e.getMessage()
                    + "); save it as UTF-8 csv");
        } catch (IOException e) {
            throw new SentimentDataException(file + ": cannot read the file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    private static Parsed parse(Path file, CsvRecordReader reader, Set<String> symbols, LocalDate start, LocalDate end)
            throws IOException {
        CsvRecordReader.Record header = next(file, reader, null);
        if (header == null) {
            throw new SentimentDataException(file + " row 1: the file is empty; expected a header row such as "
                    + "'symbol,date,score,articles'");
        }
        List<String> headers = header.fields();
        Map<String, Integer> index = columns(file, header);
        int articles = index.getOrDefault(ARTICLES, -1);
        List<Row> kept = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        long dataRows = 0;
        long outside = 0;
        CsvRecordReader.Record record;
        while ((record = next(file, reader, headers)) != null) {
            dataRows++;
            long row = record.row();
            List<String> fields = record.fields();
            if (fields.size() != headers.size()) {
                throw new SentimentDataException(file + " row " + row + ": " + fields.size() + " fields, but the header (row "
                        + header.row() + ") has " + headers.size() + "; every row needs one value per header column");
            }
            String symbol = fields.get(index.get(SYMBOL)).trim();
            if (!SymbolNames.isValid(symbol)) {
                throw error(file, row, headers, index.get(SYMBOL), "'" + symbol + "' is not a valid exchange symbol "
                        + "(upper-case letters, digits, '&' and '-', at most 20 characters)");
            }
            String dateCell = fields.get(index.get(DATE)).trim();
            LocalDate date;
            try {
                date = LocalDate.parse(dateCell);
            } catch (DateTimeParseException e) {
                throw error(file, row, headers, index.get(DATE), "cannot read '" + dateCell + "' as a date; write dates as "
                        + "yyyy-MM-dd (e.g. 2023-01-02)");
            }
            double score = score(file, row, headers, index.get(SCORE), fields.get(index.get(SCORE)));
            Integer articleCount = articles < 0 ? null : articles(file, row, headers, articles, fields.get(articles));
            Long earlier = seen.putIfAbsent(symbol + "|" + date, row);
            if (earlier != null) {
                throw new SentimentDataException(file + " row " + row + ": " + symbol + " on " + date
                        + " appears again (first on row " + earlier + "); keep one row per symbol and date");
            }
            if (!symbols.contains(symbol) || date.isBefore(start) || date.isAfter(end)) {
                outside++;
                continue;
            }
            kept.add(RowFactory.create(symbol, Date.valueOf(date), score, articleCount, SOURCE));
        }
        return new Parsed(kept, dataRows, outside);
    }

    /** Index of each known column, by lower-cased header; required ones must be there, none twice. */
    private static Map<String, Integer> columns(Path file, CsvRecordReader.Record header) {
        Map<String, Integer> index = new HashMap<>();
        List<String> headers = header.fields();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.get(i).trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !name.equals(ARTICLES)) {
                continue;
            }
            Integer before = index.putIfAbsent(name, i);
            if (before != null) {
                throw new SentimentDataException(file + " row " + header.row() + " (header): columns #" + (before + 1)
                        + " and #" + (i + 1) + " are both named '" + name + "'; keep one");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new SentimentDataException(file + " row " + header.row() + " (header): no column " + String.join(", ", missing)
                    + "; headers found: " + headers + ". The header must name symbol, date, score (and optionally articles)");
        }
        return index;
    }

    private static double score(Path file, long row, List<String> headers, int column, String cell) {
        String text = cell.trim();
        if (text.isEmpty()) {
            throw error(file, row, headers, column, "the score is empty; leave the row out for a day without sentiment");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw error(file, row, headers, column, "cannot read '" + text + "' as a number");
        }
        double score = Double.parseDouble(text);
        if (!(score >= -1.0 && score <= 1.0)) {
            throw error(file, row, headers, column, "score " + text + " is outside [-1, 1]; rescale the source's scores to [-1, 1]");
        }
        return score;
    }

    private static Integer articles(Path file, long row, List<String> headers, int column, String cell) {
        String text = cell.trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (!DECIMAL.matcher(text).matches()) {
                throw new NumberFormatException();
            }
            int count = new BigDecimal(text).intValueExact();
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(file, row, headers, column, "cannot read '" + text + "' as an article count (a whole number >= 0, "
                    + "or empty when unknown)");
        }
    }

    private static CsvRecordReader.Record next(Path file, CsvRecordReader reader, List<String> headers) throws IOException {
        try {
            return reader.next();
        } catch (CsvRecordReader.SyntaxException e) {
            String column = headers != null && e.fieldIndex() < headers.size()
                    ? "column '" + headers.get(e.fieldIndex()).trim() + "'" : "column #" + (e.fieldIndex() + 1);
            throw new SentimentDataException(file + " row " + e.row() + ", " + column + ": " + e.getMessage());
        }
    }

    private static SentimentDataException error(Path file, long row, List<String> headers, int column, String problem) {
        return new SentimentDataException(file + " row " + row + ", column '" + headers.get(column).trim() + "': " + problem);
    }
}
