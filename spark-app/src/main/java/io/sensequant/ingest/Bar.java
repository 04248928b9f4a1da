package io.sensequant.ingest;

import java.io.Serializable;
import java.time.Instant;

/** One OHLCV bar as a provider returns it, before the guardrails; ts is the bar's start instant. */
public record Bar(String symbol, String interval, Instant ts, double open, double high, double low, double close,
                  long volume) implements Serializable {
}
