package io.sensequant.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeweyWestTest {
    @Test
    void meanTestByHand() {
        double[] x = {1, 2, 3, 4, 5};
        // centred (-2,-1,0,1,2): gamma0 = 10/5 = 2, gamma1 = (2 + 0 + 0 + 2)/5 = 0.8; Bartlett w1 = 1 - 1/2
        NeweyWest.Test lag1 = NeweyWest.mean(x, 1);
        assertEquals(3.0, lag1.estimate(), 1e-15);
        assertEquals(Math.sqrt((2 + 2 * 0.5 * 0.8) / 5), lag1.standardError(), 1e-15);
        assertEquals(3 / Math.sqrt(0.56), lag1.t(), 1e-12);
        double upper = 1 - new TDistribution(4).cumulativeProbability(lag1.t());
        assertEquals(upper, lag1.pOneSided(), 1e-12);
        assertEquals(2 * upper, lag1.pTwoSided(), 1e-12);
        assertEquals(0.0080, lag1.pOneSided(), 2e-4, "P(T4 > 4.009): between the table's 0.01 (3.747) and 0.005 (4.604)");
        assertEquals(Math.sqrt(2.0 / 5), NeweyWest.mean(x, 0).standardError(), 1e-15, "lag 0: the i.i.d. (1/n) variance");
        // gamma2 = ((0)(-2) + (1)(-1) + (2)(0))/5 = -0.2; lag 2 weights 2/3 and 1/3
        assertEquals(Math.sqrt((2 + 2 * (2.0 / 3) * 0.8 + 2 * (1.0 / 3) * -0.2) / 5), NeweyWest.mean(x, 2).standardError(), 1e-15);
        NeweyWest.Test negative = NeweyWest.mean(new double[]{-1, -2, -3, -4, -5}, 1);
        assertEquals(1 - upper, negative.pOneSided(), 1e-12, "one-sided is H1: mean > 0");
        assertTrue(Double.isNaN(NeweyWest.mean(new double[]{1}, 1).pOneSided()));
        assertTrue(Double.isNaN(NeweyWest.mean(new double[]{2, 2, 2}, 1).pOneSided()), "no variation: undefined");
    }

    @Test
    void regressionCoefficientsAreOlsAndLagZeroIsWhite() {
        double[] x = {0.8, -1.5, 1.0, 0.1, -0.4, 0.9, 0.2, 0.3, -0.7, 1.4};
        double[] y = {1.1, -2.2, 1.6, 0.2, -0.5, 1.0, 0.5, 0.1, -0.6, 2.3};
        SimpleRegression ols = new SimpleRegression();
        for (int t = 0; t < x.length; t++) {
            ols.addData(x[t], y[t]);
        }
        NeweyWest.Test[] lag0 = NeweyWest.regression(y, x, 0);
        assertEquals(ols.getIntercept(), lag0[0].estimate(), 1e-12);
        assertEquals(ols.getSlope(), lag0[1].estimate(), 1e-12);
        // White (HC0) slope variance: sum (x - xbar)^2 u^2 / (sum (x - xbar)^2)^2
        double xbar = java.util.Arrays.stream(x).average().orElseThrow();
        double sxx = 0;
        double meat = 0;
        for (int t = 0; t < x.length; t++) {
            double u = y[t] - ols.getIntercept() - ols.getSlope() * x[t];
            sxx += (x[t] - xbar) * (x[t] - xbar);
            meat += (x[t] - xbar) * (x[t] - xbar) * u * u;
        }
        assertEquals(Math.sqrt(meat) / sxx, lag0[1].standardError(), 1e-12);
        assertEquals(NeweyWest.DISTRIBUTION_REGRESSION, lag0[1].distribution());
        assertEquals(1 - new TDistribution(8).cumulativeProbability(lag0[0].t()), lag0[0].pOneSided(), 1e-12);
    }

    @Test
    void hacCoversOverlappingSumsWhereTheNaiveErrorDoesNot() {
        // mean-zero series of overlapping 7-sums of white noise: the naive t rejects far too often, HAC lag 7 does not
        SplittableRandom random = new SplittableRandom(8);
        int rejectNaive = 0;
        int rejectHac = 0;
        int trials = 400;
        for (int k = 0; k < trials; k++) {
            double[] e = new double[306];
            for (int i = 0; i < e.length; i++) {
                e[i] = random.nextGaussian();
            }
            double[] s = new double[300];
            for (int t = 0; t < s.length; t++) {
                for (int j = 0; j < 7; j++) {
                    s[t] += e[t + j];
                }
            }
            rejectNaive += NeweyWest.mean(s, 0).pTwoSided() < 0.05 ? 1 : 0;
            rejectHac += NeweyWest.mean(s, 7).pTwoSided() < 0.05 ? 1 : 0;
        }
        assertTrue(rejectNaive > 0.25 * trials, "naive rejections " + rejectNaive);
        assertTrue(rejectHac < 0.10 * trials, "HAC rejections " + rejectHac);
    }
}
