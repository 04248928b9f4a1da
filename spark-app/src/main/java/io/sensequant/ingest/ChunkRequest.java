package io.sensequant.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One unit of fetching: a symbol's bars of one interval over [start, end] (both inclusive, exchange dates).
 * {@code providerCode} is the provider's name for the symbol (e.g. Breeze's stock code RELIND for RELIANCE).
 */
public record ChunkRequest(String symbol, String providerCode, String interval, LocalDate start, LocalDate end)
        implements Serializable {

    /** Stable id, used as the ingest_log key together with symbol and interval. */
    public String describe() {
        return symbol + " " + interval + " " + start + ".." + end;
    }
}
