package io.sensequant.ingest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one csv file into per-symbol series, checking the header and every cell, with messages that name the
 * file, row and column and say what to do. It reads the file's structure only; values are passed on as they
 * are (negative volumes, high below low and duplicates are for the guardrails to judge).
 *
 * <p>Problems are scoped as narrowly as can be trusted. A bad cell spoils only its symbol's series. A problem
 * with the file's shape (empty, missing columns, a row with the wrong number of fields, broken quoting) spoils
 * the whole file: once fields may have shifted, not even the row's symbol cell can be believed.
 *
 * <p>Lines before the header whose first field starts with {@code #} are provenance notes and are skipped.
 */
final class CsvFileParser {
    private final Map<String, List<String>> acceptedColumns;
    private final String symbolColumn;
    private final CsvTimestamps timestamps;

    /**
     * @param symbolColumn header of the symbol column when files are long (several symbols), or null when each
     *                     file holds one symbol
     */
    CsvFileParser(Map<String, List<String>> acceptedColumns, String symbolColumn, CsvTimestamps timestamps) {
        this.acceptedColumns = acceptedColumns;
        this.symbolColumn = symbolColumn;
        this.timestamps = timestamps;
    }

    CsvFile parse(Path file) {
        try (CsvRecordReader reader = new CsvRecordReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return parse(file, reader);
        } catch (CsvRecordReader.SyntaxException e) {
            // The header is not known here if the header itself is broken, so the column is positional.
            return CsvFile.failed(file + " row " + e.row() + ", column #" + (e.fieldIndex() + 1) + ": "
                    + e.getMessage(), null);
        } catch (CsvDataException e) {
            return CsvFile.failed(e.getMessage(), e.getCause());
        } catch (CharacterCodingException e) {
            return CsvFile.failed(file + " is not UTF-8 text (" + e + "); save it as UTF-8 (plain CSV or "
                    + "\"CSV UTF-8\")", e);
        } catch (IOException e) {
            return CsvFile.failed(file + " cannot be read (" + e + "); check that it exists and is readable", e);
        }
    }

    private CsvFile parse(Path file, CsvRecordReader reader)
            throws IOException, CsvRecordReader.SyntaxException, CsvDataException {
        CsvRecordReader.Record header = reader.next();
        // Lines starting with '#' before the header are notes (where the data came from); no header starts with '#'.
        while (header != null && header.fields().get(0).stripLeading().startsWith("#")) {
            header = reader.next();
        }
        if (header == null) {
            throw new CsvDataException(file + " row 1: the file is empty; expected a header row such as '"
                    + exampleHeader() + "' and then one row per bar");
        }
        CsvColumns columns = CsvColumns.resolve(file.toString(), header.row(), header.fields(), acceptedColumns,
                symbolColumn);
        Map<String, CsvSeries.Builder> builders = new LinkedHashMap<>();
        String fileName = String.valueOf(file.getFileName());
        long dataRows = 0;
        CsvRecordReader.Record record;
        while ((record = readRecord(reader, columns, file)) != null) {
            dataRows++;
            checkWidth(file, header.row(), columns, record);
            String symbol = CsvFile.SINGLE;
            if (columns.symbolIndex() != CsvColumns.NONE) {
                symbol = record.fields().get(columns.symbolIndex()).trim();
                if (symbol.isEmpty()) {
                    throw new CsvDataException(file + " row " + record.row() + ", column '"
                            + columns.name(columns.symbolIndex()) + "': the symbol is empty; every row of a single "
                            + "csv file needs its symbol");
                }
            }
            String label = symbol.isEmpty() ? fileName : fileName + " (symbol " + symbol + ")";
            readRow(file, columns, record, builders.computeIfAbsent(symbol, s -> new CsvSeries.Builder(label)));
        }
        if (dataRows == 0) {
            throw new CsvDataException(file + " row " + (header.row() + 1) + ": no data rows after the header ("
                    + CsvColumns.quoted(header.fields()) + "); the file needs one row per bar");
        }
        return CsvFile.of(builders.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().build())),
                columns.symbolIndex() == CsvColumns.NONE ? null : columns.name(columns.symbolIndex()));
    }

    /** The next record, with quoting errors located by the header's column names. */
    private static CsvRecordReader.Record readRecord(CsvRecordReader reader, CsvColumns columns, Path file)
            throws IOException, CsvDataException {
        try {
            return reader.next();
        } catch (CsvRecordReader.SyntaxException e) {
            throw new CsvDataException(file + " row " + e.row() + ", column '" + columns.name(e.fieldIndex()) + "': "
                    + e.getMessage());
        }
    }

    private static void checkWidth(Path file, long headerRow, CsvColumns columns, CsvRecordReader.Record record)
            throws CsvDataException {
        int width = record.fields().size();
        if (width == columns.width()) {
            return;
        }
        String detail;
        if (width < columns.width()) {
            List<String> missing = columns.headers().subList(width, columns.width());
            detail = "no value for column" + (missing.size() == 1 ? " " : "s ") + CsvColumns.quoted(missing);
        } else {
            detail = "extra value '" + record.fields().get(columns.width()).trim() + "' after the last column '"
                    + columns.name(columns.width() - 1) + "'";
        }
        throw new CsvDataException(file + " row " + record.row() + ": has " + width + " fields but the header (row "
                + headerRow + ") has " + columns.width() + ", " + detail + ". Quote values that contain commas "
                + "(\"1,234.50\") and give every column a value (or remove the row)");
    }

    /** Parses one row's cells into the builder, or records the row's first bad cell as the series' problem. */
    private void readRow(Path file, CsvColumns columns, CsvRecordReader.Record record, CsvSeries.Builder series) {
        List<String> cells = record.fields();
        String where = file + " row " + record.row() + ", column '";
        int tsIndex = columns.index(CsvColumns.TS);
        Instant ts;
        try {
            ts = timestamps.parse(cells.get(tsIndex));
        } catch (DateTimeException e) {
            series.problem(where + columns.name(tsIndex) + "': cannot read '" + cells.get(tsIndex).trim()
                    + "' as a timestamp; expected " + timestamps.expected());
            return;
        }
        double[] prices = new double[CsvColumns.CLOSE - CsvColumns.OPEN + 1];
        for (int field = CsvColumns.OPEN; field <= CsvColumns.CLOSE; field++) {
            int index = columns.index(field);
            try {
                prices[field - CsvColumns.OPEN] = CsvNumbers.price(cells.get(index));
            } catch (NumberFormatException e) {
                series.problem(where + columns.name(index) + "': " + e.getMessage()
                        + "; expected a decimal price such as 1234.50. Fix the value or remove the row");
                return;
            }
        }
        int volumeIndex = columns.index(CsvColumns.VOLUME);
        long volume;
        try {
            volume = CsvNumbers.volume(cells.get(volumeIndex));
        } catch (NumberFormatException e) {
            series.problem(where + columns.name(volumeIndex) + "': " + e.getMessage()
                    + "; expected a whole number such as 125000 (125000.0 is accepted). Fix the value or remove the row");
            return;
        }
        series.add(ts, prices[0], prices[1], prices[2], prices[3], volume);
    }

    private String exampleHeader() {
        String fields = CsvColumns.FIELDS.stream().map(f -> acceptedColumns.get(f).get(0))
                .collect(Collectors.joining(","));
        return symbolColumn == null ? fields : symbolColumn + "," + fields;
    }
}
