package io.sensequant.stats;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * The project's one Pearson and one Spearman correlation (commons-math3; Spearman with average ranks for ties),
 * over the pairs where both values are finite. NaN when undefined: fewer than two such pairs, or either side
 * constant. Callers that need more pairs (the ranking asks for three) check that themselves.
 */
public final class Correlations {
    private Correlations() {
    }

    public static double pearson(double[] a, double[] b) {
        double[][] pairs = finitePairs(a, b);
        return defined(pairs) ? new PearsonsCorrelation().correlation(pairs[0], pairs[1]) : Double.NaN;
    }

    public static double spearman(double[] a, double[] b) {
        double[][] pairs = finitePairs(a, b);
        return defined(pairs) ? new SpearmansCorrelation().correlation(pairs[0], pairs[1]) : Double.NaN;
    }

    /** How many index positions hold a finite value on both sides. */
    public static int finitePairCount(double[] a, double[] b) {
        requireSameLength(a, b);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Double.isFinite(a[i]) && Double.isFinite(b[i]) ? 1 : 0;
        }
        return n;
    }

    private static double[][] finitePairs(double[] a, double[] b) {
        int n = finitePairCount(a, b);
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                x[k] = a[i];
                y[k++] = b[i];
            }
        }
        return new double[][]{x, y};
    }

    private static boolean defined(double[][] pairs) {
        return pairs[0].length >= 2 && !constant(pairs[0]) && !constant(pairs[1]);
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("correlation of series of different lengths: " + a.length + " vs " + b.length);
        }
    }
}
