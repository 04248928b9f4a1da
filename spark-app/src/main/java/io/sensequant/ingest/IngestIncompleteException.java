package io.sensequant.ingest;

import java.util.List;

/** Required symbols are missing after ingestion; names them and the failed chunks, and how to proceed anyway. */
public class IngestIncompleteException extends RuntimeException {
    public IngestIncompleteException(List<String> missing, List<String> failedChunks) {
        super("required symbols missing after ingestion: " + String.join(", ", missing)
                + (failedChunks.isEmpty() ? "" : "; failed chunks: " + String.join(" | ", failedChunks))
                + ". Fix the source and re-run (completed chunks are kept), or pass --allow-partial to continue without them");
    }
}
