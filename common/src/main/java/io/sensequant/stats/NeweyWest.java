package io.sensequant.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heteroskedasticity- and autocorrelation-consistent (HAC) inference on a time series, Newey &amp; West (1987):
 * the long-run variance is the sum of the autocovariances up to {@code lag}, weighted by the Bartlett kernel
 * w_j = 1 − j / (lag + 1) (which keeps it non-negative). Used for series whose observations overlap: a
 * per-date series built from h-day forward labels is autocorrelated up to lag h − 1, so lag ≥ h.
 * p-values come from Student's t distribution (n − 1 degrees of freedom for a mean, n − k for a regression
 * coefficient): the usual small-sample choice, slightly more conservative than the normal.
 */
public final class NeweyWest {
    public static final String DISTRIBUTION_MEAN = "student_t(n-1)";
    public static final String DISTRIBUTION_REGRESSION = "student_t(n-2)";

    private NeweyWest() {
    }

    /**
     * A HAC test of a mean (or coefficient) against 0: estimate, HAC standard error, t = estimate / se, the
     * one-sided p of H1 "greater than 0" and the two-sided p.
     */
    public record Test(int n, int lag, double estimate, double standardError, double t, double pOneSided,
                       double pTwoSided, String distribution) {
        public static Test undefined(int n, int lag, double estimate, String distribution) {
            return new Test(n, lag, estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, distribution);
        }

        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("n", n);
            map.put("hac_lag", lag);
            map.put("estimate", estimate);
            map.put("hac_standard_error", standardError);
            map.put("t", t);
            map.put("p_one_sided", pOneSided);
            map.put("p_two_sided", pTwoSided);
            map.put("distribution", distribution);
            return map;
        }
    }

    /** HAC test that the mean of {@code x} is 0 (NaN values are not allowed: drop them first). */
    public static Test mean(double[] x, int lag) {
        int n = x.length;
        double mean = n == 0 ? Double.NaN : sum(x) / n;
        if (n < 2) {
            return Test.undefined(n, lag, mean, DISTRIBUTION_MEAN);
        }
        double[] u = new double[n];
        for (int t = 0; t < n; t++) {
            u[t] = x[t] - mean;
        }
        double longRun = longRunVariance(u, lag);
        double se = Math.sqrt(longRun / n);
        return test(n, lag, mean, se, n - 1, DISTRIBUTION_MEAN);
    }

    /**
     * OLS of y = a + b·x with HAC (Newey–West) standard errors of a and b: the sandwich
     * (X'X)⁻¹ S (X'X)⁻¹, S = Σ_j w_j Σ_t (x_t u_t)(x_{t−j} u_{t−j})' (+ transpose for j > 0).
     * Returns {intercept test, slope test}; both undefined with fewer than 3 points or a constant x.
     */
    public static Test[] regression(double[] y, double[] x, int lag) {
        int n = y.length;
        if (n != x.length) {
            throw new IllegalArgumentException("regression series differ in length: " + n + " vs " + x.length);
        }
        if (n < 3 || constant(x)) {
            return new Test[]{Test.undefined(n, lag, Double.NaN, DISTRIBUTION_REGRESSION),
                    Test.undefined(n, lag, Double.NaN, DISTRIBUTION_REGRESSION)};
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        double[][] design = new double[n][1];
        for (int t = 0; t < n; t++) {
            design[t][0] = x[t];
        }
        ols.newSampleData(y, design);
        double[] beta = ols.estimateRegressionParameters();
        double[] residuals = ols.estimateResiduals();
        double[][] scores = new double[n][2];
        double[][] xtx = new double[2][2];
        for (int t = 0; t < n; t++) {
            double[] row = {1.0, x[t]};
            for (int i = 0; i < 2; i++) {
                scores[t][i] = row[i] * residuals[t];
                for (int j = 0; j < 2; j++) {
                    xtx[i][j] += row[i] * row[j];
                }
            }
        }
        double[][] s = new double[2][2];
        for (int j = 0; j <= Math.min(lag, n - 1); j++) {
            double w = j == 0 ? 1.0 : 1.0 - j / (lag + 1.0);
            for (int t = j; t < n; t++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        double g = scores[t][a] * scores[t - j][b];
                        s[a][b] += w * (j == 0 ? g : g + scores[t - j][a] * scores[t][b]);
                    }
                }
            }
        }
        RealMatrix bread = new LUDecomposition(new Array2DRowRealMatrix(xtx)).getSolver().getInverse();
        RealMatrix covariance = bread.multiply(new Array2DRowRealMatrix(s)).multiply(bread);
        return new Test[]{test(n, lag, beta[0], Math.sqrt(covariance.getEntry(0, 0)), n - 2, DISTRIBUTION_REGRESSION),
                test(n, lag, beta[1], Math.sqrt(covariance.getEntry(1, 1)), n - 2, DISTRIBUTION_REGRESSION)};
    }

    /** Bartlett-weighted long-run variance of a centred series: γ0 + 2 Σ_{j=1..lag} w_j γ_j, γ_j = Σ u_t u_{t−j} / n. */
    static double longRunVariance(double[] u, int lag) {
        int n = u.length;
        double total = autocovariance(u, 0);
        for (int j = 1; j <= Math.min(lag, n - 1); j++) {
            total += 2 * (1.0 - j / (lag + 1.0)) * autocovariance(u, j);
        }
        return total;
    }

    private static double autocovariance(double[] u, int j) {
        double s = 0;
        for (int t = j; t < u.length; t++) {
            s += u[t] * u[t - j];
        }
        return s / u.length;
    }

    private static Test test(int n, int lag, double estimate, double se, int degreesOfFreedom, String distribution) {
        if (!(se > 0) || degreesOfFreedom < 1) {
            return Test.undefined(n, lag, estimate, distribution);
        }
        double t = estimate / se;
        TDistribution dist = new TDistribution(null, degreesOfFreedom);
        double upper = dist.cumulativeProbability(-t); // P(T > t), by symmetry: exact in the far tail too
        return new Test(n, lag, estimate, se, t, upper, 2 * Math.min(upper, 1 - upper), distribution);
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }
}
