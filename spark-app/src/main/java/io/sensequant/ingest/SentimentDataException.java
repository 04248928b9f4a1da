package io.sensequant.ingest;

/**
 * A sentiment source file that cannot be ingested as it is; the message names the file, row and column and
 * says what to fix. Nothing is written to the lake when it is thrown.
 */
public class SentimentDataException extends RuntimeException {
    public SentimentDataException(String message) {
        super(message);
    }
}
