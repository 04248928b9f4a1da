package io.sensequant.ranking;

import java.util.Arrays;

/**
 * The ranking's scores. Labels: adjusted balanced accuracy, (balanced accuracy - 1/K) / (1 - 1/K) over the K
 * classes present in the truth, so the majority-class (or any constant) predictor scores 0 and a perfect one 1,
 * whatever the class balance, and binary and 3-class targets compare on one scale. Returns (regression): the
 * Spearman rank correlation of prediction and realised return (rank IC), 0 for no skill.
 */
final class Scores {
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

    /** Spearman rank correlation over the pairs where both values are finite; NaN when undefined. */
    static double spearman(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                n++;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                x[k] = a[i];
                y[k] = b[i];
                k++;
            }
        }
        return pearson(ranks(x), ranks(y));
    }

    /** Pearson correlation over the pairs where both values are finite; NaN when undefined. */
    static double pearson(double[] a, double[] b) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double ma = sa / n;
        double mb = sb / n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                cov += (a[i] - ma) * (b[i] - mb);
                va += (a[i] - ma) * (a[i] - ma);
                vb += (b[i] - mb) * (b[i] - mb);
            }
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }

    /** Ranks 1..n, ties get their average rank. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
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
