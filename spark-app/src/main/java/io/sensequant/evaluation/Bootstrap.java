package io.sensequant.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap: the statistic is recomputed on {@code iterations} resamples (drawn with replacement, from a
 * generator seeded by the caller) of the sample's indices, and the interval is the (1 − c)/2 and (1 + c)/2
 * quantiles of those values (linear interpolation between order statistics). Resamples on which the statistic is
 * undefined (NaN, e.g. a Sharpe ratio without variation) are left out.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** A point estimate on the whole sample with its interval. */
    public record Interval(double estimate, double lower, double upper) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("estimate", estimate);
            map.put("lower", lower);
            map.put("upper", upper);
            return map;
        }
    }

    /** {@code statistic} receives the indices (0..n−1) of one resample; the estimate is on 0..n−1 itself. */
    public static Interval percentile(int n, ToDoubleFunction<int[]> statistic, int iterations, double confidence, long seed) {
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        double estimate = n == 0 ? Double.NaN : statistic.applyAsDouble(identity);
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> values = new ArrayList<>(iterations);
        int[] sample = new int[n];
        for (int b = 0; b < iterations; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            double value = statistic.applyAsDouble(sample);
            if (!Double.isNaN(value)) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            return new Interval(estimate, Double.NaN, Double.NaN);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double tail = (1 - confidence) / 2;
        return new Interval(estimate, quantile(sorted, tail), quantile(sorted, 1 - tail));
    }

    /** Quantile p of sorted values, interpolating linearly between order statistics (Hyndman–Fan type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
