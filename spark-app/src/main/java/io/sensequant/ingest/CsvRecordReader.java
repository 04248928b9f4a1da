package io.sensequant.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records following RFC 4180: fields separated by commas, optionally enclosed in double
 * quotes, a doubled quote inside a quoted field standing for one quote, and commas and line breaks allowed
 * inside quotes. Written here rather than taken from a library so the csv provider does not depend on Spark's
 * internal parser, and so every record knows the line it started on: error messages point users at that row.
 *
 * <p>Deliberately lenient where spreadsheets and exporters commonly deviate and nothing can be misread: a UTF-8
 * byte-order mark is skipped, LF, CRLF and lone CR all end a record, blank (or all-whitespace) lines are skipped,
 * whitespace around a quoted field is dropped, and a quote in the middle of an unquoted field is kept as text.
 * Text after a closing quote and a quote left open at the end of the file are errors, since the field's extent
 * is then a guess.
 */
final class CsvRecordReader implements Closeable {
    /** One record: the 1-based line it starts on (the header is normally row 1) and its raw fields. */
    record Record(long row, List<String> fields) {
    }

    /** Malformed quoting; {@code fieldIndex} is the 0-based field in which it happened. */
    static final class SyntaxException extends Exception {
        private final long row;
        private final int fieldIndex;

        SyntaxException(long row, int fieldIndex, String message) {
            super(message);
            this.row = row;
            this.fieldIndex = fieldIndex;
        }

        long row() {
            return row;
        }

        int fieldIndex() {
            return fieldIndex;
        }
    }

    private static final int EOF = -1;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;

    CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** The next non-blank record, or null at the end of the input. */
    Record next() throws IOException, SyntaxException {
        while (true) {
            skipLineBreaks();
            if (peek() == EOF) {
                return null;
            }
            long start = line;
            List<String> fields = readFields(start);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue; // a line of spaces: blank for every practical purpose
            }
            return new Record(start, fields);
        }
    }

    private List<String> readFields(long start) throws IOException, SyntaxException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (inQuotes) {
                if (c == EOF) {
                    throw new SyntaxException(start, fields.size(),
                            "a quoted field is not closed before the end of the file (a closing \" is missing)");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        inQuotes = false;
                    }
                    continue;
                }
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                field.append((char) c);
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                continue;
            }
            if (c == EOF || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c != EOF) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            }
            if (wasQuoted) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                throw new SyntaxException(start, fields.size(), "text after the closing quote of a quoted field ('"
                        + (char) c + "'); inside quotes write a quote as \"\"");
            }
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                inQuotes = true;
                wasQuoted = true;
                continue;
            }
            field.append((char) c);
        }
    }

    private void skipLineBreaks() throws IOException {
        while (true) {
            int c = peek();
            if (c == '\n') {
                read();
                line++;
            } else if (c == '\r') {
                read();
                if (peek() == '\n') {
                    read();
                }
                line++;
            } else {
                return;
            }
        }
    }

    private int peek() throws IOException {
        if (!fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (!fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        while (position >= limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            if (!started && n > 0) {
                started = true;
                if (buffer[0] == BYTE_ORDER_MARK) {
                    position = 1; // Excel's "CSV UTF-8" starts with one; it is not part of the first header
                }
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
