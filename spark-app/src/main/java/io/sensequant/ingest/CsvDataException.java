package io.sensequant.ingest;

/**
 * A problem in a csv file's content, with a message that already names the file, row and column and says what
 * to do. The fetcher turns it into a {@link ChunkFetchException} for every chunk of the symbol it affects.
 */
final class CsvDataException extends Exception {
    CsvDataException(String message) {
        super(message);
    }

    CsvDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
