package io.sensequant.ranking;

import io.sensequant.stats.Correlations;

import java.util.Arrays;

/**
 * The ranking's scores. Labels: adjusted balanced accuracy, (balanced accuracy - 1/K) / (1 - 1/K) over the K
 * classes present in the truth, so the majority-class (or any constant) predictor scores 0 and a perfect one 1,
 * whatever the class balance, and binary and 3-class targets compare on one scale. Returns (regression): the
 * Spearman rank correlation of prediction and realised return (rank IC), 0 for no skill.
 */
final class Scores {
    /** Fewest finite pairs for a correlation to count as evidence (a definition, not a tunable). */
    static final int MIN_PAIRS = 3;

    private Scores() {
    }

    static double balancedAccuracy(int[] truth, int[] predicted) {
        int classes = Arrays.stream(truth).max().orElse(0) + 1;
        long[] support = new long[classes];
        long[] hits = new long[classes];
        for (int i = 0; i < truth.length; i++) {
            support[truth[i]]++;
            if (predicted[i] == truth[i]) {
                hits[truth[i]]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (support[c] > 0) {
                sum += (double) hits[c] / support[c];
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    static int classesPresent(int[] truth) {
        return (int) Arrays.stream(truth).distinct().count();
    }

    /** Balanced accuracy rescaled so that chance (1/K) is 0 and perfect is 1; NaN with fewer than 2 classes. */
    static double adjustedBalancedAccuracy(int[] truth, int[] predicted) {
        int k = classesPresent(truth);
        if (k < 2) {
            return Double.NaN;
        }
        double chance = 1.0 / k;
        return (balancedAccuracy(truth, predicted) - chance) / (1 - chance);
    }

    static double accuracy(int[] truth, int[] predicted) {
        int hits = 0;
        for (int i = 0; i < truth.length; i++) {
            hits += truth[i] == predicted[i] ? 1 : 0;
        }
        return truth.length == 0 ? Double.NaN : (double) hits / truth.length;
    }

    /** Share of the most frequent class. */
    static double majorityShare(int[] truth) {
        if (truth.length == 0) {
            return Double.NaN;
        }
        int classes = Arrays.stream(truth).max().orElse(0) + 1;
        long[] counts = new long[classes];
        for (int t : truth) {
            counts[t]++;
        }
        return (double) Arrays.stream(counts).max().orElse(0) / truth.length;
    }

    /**
     * Spearman rank correlation ({@link Correlations}, average ranks for ties) over the pairs where both values
     * are finite; NaN when undefined, and below {@value #MIN_PAIRS} such pairs (two points always correlate ±1).
     */
    static double spearman(double[] a, double[] b) {
        return Correlations.finitePairCount(a, b) < MIN_PAIRS ? Double.NaN : Correlations.spearman(a, b);
    }

    /** Pearson correlation ({@link Correlations}) over the finite pairs; NaN when undefined or below {@value #MIN_PAIRS} pairs. */
    static double pearson(double[] a, double[] b) {
        return Correlations.finitePairCount(a, b) < MIN_PAIRS ? Double.NaN : Correlations.pearson(a, b);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Sample standard deviation of the finite values; 0 for one value, NaN for none. */
    static double std(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        if (finite.length == 1) {
            return 0;
        }
        double m = mean(finite);
        double ss = Arrays.stream(finite).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(ss / (finite.length - 1));
    }
}
