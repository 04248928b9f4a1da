package io.sensequant.stats;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationsTest {
    @Test
    void handComputedValuesTiesAndFinitePairs() {
        // deviations (-1.5,-.5,.5,1.5) and (-1.5,.5,-.5,1.5): covariance 4, variances 5 and 5
        assertEquals(0.8, Correlations.pearson(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4}), 1e-12);
        // ties get average ranks: (1.5, 1.5, 3, 4) against (1, 2, 3, 4): 4.5 / sqrt(4.5 * 5)
        assertEquals(4.5 / Math.sqrt(22.5), Correlations.spearman(new double[]{0, 0, 1, 3}, new double[]{1, 2, 3, 4}), 1e-12);
        // non-finite pairs are dropped: the same as the clean pairs
        double[] a = {1, Double.NaN, 2, 3, 4, 7};
        double[] b = {1, 5, 3, 2, 4, Double.POSITIVE_INFINITY};
        assertEquals(0.8, Correlations.pearson(a, b), 1e-12);
        assertEquals(0.8, Correlations.spearman(a, b), 1e-12);
        assertEquals(4, Correlations.finitePairCount(a, b));
        double[] x = {0.3, -0.1, 0.25, 0.7, -0.4, 0.3};
        double[] y = {0.01, -0.02, 0.005, 0.03, 0.0, -0.01};
        assertEquals(new PearsonsCorrelation().correlation(x, y), Correlations.pearson(x, y), 1e-15);
        assertEquals(new SpearmansCorrelation().correlation(x, y), Correlations.spearman(x, y), 1e-15);
    }

    @Test
    void undefinedIsNaN() {
        assertTrue(Double.isNaN(Correlations.pearson(new double[]{1, 2, 3}, new double[]{5, 5, 5})), "constant side");
        assertTrue(Double.isNaN(Correlations.spearman(new double[]{1}, new double[]{2})), "one pair");
        assertTrue(Double.isNaN(Correlations.pearson(new double[]{1, Double.NaN}, new double[]{2, 3})), "one finite pair");
        assertEquals(-1.0, Correlations.pearson(new double[]{1, 2}, new double[]{2, 1}), 1e-15, "two pairs are defined");
    }
}
