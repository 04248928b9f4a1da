package io.sensequant.ingest;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one ingest: chunk counts, requests, guardrail counts, rows, and what is missing.
 * {@code quarantined}: bars withheld from ohlcv; {@code marketEvents}: jumps kept in ohlcv as market events.
 */
public record IngestReport(String provider, int chunksPlanned, int chunksFetched, int chunksCached, int chunksFailed,
                           long requests, long rowsWritten, long quarantined, long marketEvents, Map<String, Long> guardrails,
                           Map<String, Long> rowsPerSymbol, List<String> failedChunks, List<String> missingSymbols,
                           List<String> warnings, long ohlcvVersion) {
}
