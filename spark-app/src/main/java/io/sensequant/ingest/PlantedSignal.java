package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;

/**
 * The planted signal of one symbol's synthetic path ({@code ingest.synthetic.signal}), for known-answer runs.
 *
 * <p>{@code mean_reversion}: with z[t] the symbol's idiosyncratic log return of session t divided by its conditional
 * idiosyncratic volatility sigma[t], and S[t] = (z[t-1] + ... + z[t-L]) / sqrt(L) over L = {@code lookback_sessions}
 * (about standard normal), the idiosyncratic return of session t is sigma[t] * (e[t] - strength * S[t]) with e[t]
 * the session's fresh shock. A symbol that outran its factors over the last L sessions tends to give some of it
 * back, so price-based features (ret_5d, close_to_sma_20, rsi_14, bb_pctb_20) rank forward returns with a negative
 * information coefficient. The drift has mean zero, and it depends only on the symbol's own past, so a bar stays a
 * function of (seed, symbol, date). {@code none} (or strength 0) plants nothing.
 *
 * <p>Stateful, one instance per generated path: call {@link #drift()} before a session and {@link #record} after it.
 */
final class PlantedSignal {
    private final double strength;
    private final double[] window;
    private final double norm;
    private int next;
    private double sum;

    PlantedSignal(PipelineConfig.Signal config) {
        boolean on = PipelineConfig.Signal.MEAN_REVERSION.equals(config.kind()) && config.strength() > 0;
        this.strength = on ? config.strength() : 0.0;
        this.window = new double[on ? config.lookbackSessions() : 1];
        this.norm = Math.sqrt(window.length);
    }

    /** This session's idiosyncratic drift in units of its idiosyncratic volatility: -strength * S[t]. */
    double drift() {
        return strength == 0.0 ? 0.0 : -strength * sum / norm;
    }

    /** Records the session's standardised idiosyncratic return z[t] (shock plus drift). */
    void record(double z) {
        if (strength == 0.0) {
            return;
        }
        sum += z - window[next];
        window[next] = z;
        next = (next + 1) % window.length;
    }
}
