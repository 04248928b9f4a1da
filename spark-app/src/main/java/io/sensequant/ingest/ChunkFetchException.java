package io.sensequant.ingest;

/**
 * A chunk that could not be fetched: after the retries for transient failures, or at once for a hard error
 * (missing column, unparseable timestamp, empty file where data was required). The message names the
 * symbol, chunk, file, row and column as applicable; it never contains a secret.
 */
public class ChunkFetchException extends Exception {
    private final int attempts;

    public ChunkFetchException(String message, int attempts) {
        super(message);
        this.attempts = attempts;
    }

    public ChunkFetchException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
