package io.sensequant.stats;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Stationary bootstrap of Politis &amp; Romano (1994) for a statistic of a time series (one value per date):
 * a resample is built from blocks that start at a uniformly drawn date and run on (wrapping round the end) for a
 * geometric number of dates with mean {@code meanBlock}, so serial dependence shorter than the blocks survives
 * resampling, unlike an i.i.d. bootstrap. The interval is the percentile interval: the (1 − c)/2 and (1 + c)/2
 * quantiles of the statistic over the resamples (commons-math3 Percentile, estimation type R-7, linear
 * interpolation). Resamples on which the statistic is undefined (NaN) are left out. Seeded by the caller.
 */
public final class StationaryBootstrap {
    private StationaryBootstrap() {
    }

    /** A point estimate on the original series with its percentile interval. */
    public record Interval(double estimate, double lower, double upper, double confidence, double meanBlock,
                           int iterations) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("estimate", estimate);
            map.put("lower", lower);
            map.put("upper", upper);
            map.put("confidence", confidence);
            map.put("mean_block_length", meanBlock);
            map.put("iterations", iterations);
            return map;
        }
    }

    /** {@code statistic} receives the indices (0..n−1, with repeats) of one resample, in resample order. */
    public static Interval interval(int n, ToDoubleFunction<int[]> statistic, int iterations, double confidence,
                                    double meanBlock, long seed) {
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, confidence, meanBlock, iterations);
        }
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        double estimate = statistic.applyAsDouble(identity);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[iterations];
        int kept = 0;
        int[] sample = new int[n];
        for (int b = 0; b < iterations; b++) {
            resample(n, meanBlock, random, sample);
            double value = statistic.applyAsDouble(sample);
            if (!Double.isNaN(value)) {
                values[kept++] = value;
            }
        }
        if (kept == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, confidence, meanBlock, iterations);
        }
        double[] finite = Arrays.copyOf(values, kept);
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(finite);
        double tail = (1 - confidence) / 2;
        return new Interval(estimate, percentile.evaluate(100 * tail), percentile.evaluate(100 * (1 - tail)),
                confidence, meanBlock, iterations);
    }

    /** Interval of the mean of {@code series}. */
    public static Interval mean(double[] series, int iterations, double confidence, double meanBlock, long seed) {
        return interval(series.length, idx -> {
            double s = 0;
            for (int i : idx) {
                s += series[i];
            }
            return s / idx.length;
        }, iterations, confidence, meanBlock, seed);
    }

    /**
     * Fills {@code out} with one resample's indices: each position continues the current block (next date,
     * wrapping) with probability 1 − 1/meanBlock, else starts a new block at a uniform date.
     */
    static void resample(int n, double meanBlock, SplittableRandom random, int[] out) {
        double restart = 1.0 / Math.max(1.0, meanBlock);
        int current = random.nextInt(n);
        for (int i = 0; i < out.length; i++) {
            if (i > 0) {
                current = random.nextDouble() < restart ? random.nextInt(n) : (current + 1) % n;
            }
            out[i] = current;
        }
    }
}
