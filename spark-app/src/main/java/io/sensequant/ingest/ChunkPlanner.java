package io.sensequant.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Splits a date range into contiguous, non-overlapping chunks of {@code chunkDays} calendar days (the last clipped). */
public record ChunkPlanner(int chunkDays) {

    public List<ChunkRequest> plan(String symbol, String providerCode, String interval, LocalDate start, LocalDate end) {
        List<ChunkRequest> chunks = new ArrayList<>();
        for (LocalDate chunkStart = start; !chunkStart.isAfter(end); chunkStart = chunkStart.plusDays(chunkDays)) {
            LocalDate chunkEnd = chunkStart.plusDays(chunkDays - 1L);
            chunks.add(new ChunkRequest(symbol, providerCode, interval, chunkStart, chunkEnd.isAfter(end) ? end : chunkEnd));
        }
        return chunks;
    }
}
