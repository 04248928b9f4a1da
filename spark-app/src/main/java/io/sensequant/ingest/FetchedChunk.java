package io.sensequant.ingest;

import java.util.List;

/**
 * A chunk a provider answered: its bars (possibly none: "no data" is an empty chunk, not an error), how many
 * requests it took, and any source-level warnings (e.g. rows out of order in a file).
 */
public record FetchedChunk(ChunkRequest request, List<Bar> bars, int attempts, List<String> warnings) {
    public FetchedChunk {
        bars = List.copyOf(bars);
        warnings = List.copyOf(warnings);
    }
}
