package io.sensequant.ingest;

import java.util.List;

/** What happened to one chunk in this ingest: fetched (with its row count), cached (already complete) or failed. */
public record ChunkOutcome(ChunkRequest request, String status, int attempts, long rows, String error, List<String> warnings) {
    public static final String FETCHED = "fetched";
    public static final String CACHED = "cached";
    public static final String FAILED = "failed";

    public ChunkOutcome {
        warnings = List.copyOf(warnings);
    }
}
