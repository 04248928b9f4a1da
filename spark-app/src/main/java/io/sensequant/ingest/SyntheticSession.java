package io.sensequant.ingest;

import java.util.SplittableRandom;

/**
 * One trading session at minute resolution: a Brownian bridge of the log price from the day's open to its close,
 * with U-shaped intraday activity (variance and volume per minute follow the same profile), each minute's high and
 * low drawn exactly from the bridge's extremes between its endpoints, and the day's volume split over the minutes.
 * Coarser bars (5 minutes, the day) are aggregates of these minutes, so every interval tells the same story.
 * Holds reusable buffers: one instance per generating thread.
 */
final class SyntheticSession {
    private final int minutes;
    /** Standard deviation share of each minute: sqrt(variance share), the shares summing to 1. */
    private final double[] stepScale;
    /** Cumulative variance share ("bridge time") at each minute boundary, 0 at the open and 1 at the close. */
    private final double[] bridgeTime;
    private final double[] varianceShare;
    private final double[] volumeProfile;
    private final double volumeLogSigma;
    private final double[] weights;

    /** Log price at each minute boundary: path[0] is the open, path[minutes] the close. */
    final double[] path;
    /** Log high and log low within each minute. */
    final double[] high;
    final double[] low;
    /** Volume of each minute, at least 1. */
    final long[] volume;

    SyntheticSession(int minutes, double openWeight, double closeWeight, double volumeLogSigma) {
        this.minutes = minutes;
        this.volumeLogSigma = volumeLogSigma;
        this.volumeProfile = new double[minutes];
        this.varianceShare = new double[minutes];
        this.stepScale = new double[minutes];
        this.bridgeTime = new double[minutes + 1];
        double total = 0;
        for (int k = 0; k < minutes; k++) {
            double x = (k + 0.5) / minutes;
            double edge = x < 0.5 ? 1 - 2 * x : 2 * x - 1;
            volumeProfile[k] = 1 + ((x < 0.5 ? openWeight : closeWeight) - 1) * edge * edge;
            total += volumeProfile[k];
        }
        double cumulative = 0;
        for (int k = 0; k < minutes; k++) {
            varianceShare[k] = volumeProfile[k] / total;
            stepScale[k] = Math.sqrt(varianceShare[k]);
            cumulative += varianceShare[k];
            bridgeTime[k + 1] = cumulative;
        }
        bridgeTime[minutes] = 1.0;
        this.weights = new double[minutes];
        this.path = new double[minutes + 1];
        this.high = new double[minutes];
        this.low = new double[minutes];
        this.volume = new long[minutes];
    }

    int minutes() {
        return minutes;
    }

    /**
     * Fills the buffers for one session; draws a fixed number of values from {@code random} (4 per minute).
     *
     * @param dayVariance diffusion variance of the log price over the whole session
     * @param dayVolume   target volume of the session; the minutes' volumes are rounded, so their sum (returned)
     *                    is the session's volume
     */
    long simulate(SplittableRandom random, double logOpen, double logClose, double dayVariance, double dayVolume) {
        double daySd = Math.sqrt(dayVariance);
        double w = 0;
        path[0] = 0;
        for (int k = 0; k < minutes; k++) {
            w += daySd * stepScale[k] * random.nextGaussian();
            path[k + 1] = w;
        }
        // Bridge: x(t) = open + t * (close - open) + W(t) - t * W(1), t in bridge time.
        double shift = (logClose - logOpen) - w;
        for (int k = 0; k <= minutes; k++) {
            path[k] = logOpen + bridgeTime[k] * shift + path[k];
        }
        path[0] = logOpen;
        path[minutes] = logClose;
        double total = 0;
        for (int k = 0; k < minutes; k++) {
            double a = path[k];
            double b = path[k + 1];
            double d = b - a;
            double twiceVariance = 2 * dayVariance * varianceShare[k];
            // Maximum and minimum of a Brownian bridge from a to b: (a + b +- sqrt(d^2 - 2 v ln U)) / 2, U uniform.
            double up = Math.sqrt(d * d - twiceVariance * StrictMath.log(1 - random.nextDouble()));
            double down = Math.sqrt(d * d - twiceVariance * StrictMath.log(1 - random.nextDouble()));
            high[k] = 0.5 * (a + b + up);
            low[k] = 0.5 * (a + b - down);
            double weight = volumeProfile[k] * StrictMath.exp(volumeLogSigma * random.nextGaussian());
            weights[k] = weight;
            total += weight;
        }
        long sum = 0;
        double perWeight = dayVolume / total;
        for (int k = 0; k < minutes; k++) {
            long v = Math.max(1L, Math.round(perWeight * weights[k]));
            volume[k] = v;
            sum += v;
        }
        return sum;
    }
}
