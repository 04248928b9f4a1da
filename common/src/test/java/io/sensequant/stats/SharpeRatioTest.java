package io.sensequant.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sharpe ratio and its Lo (2002) interval: a case worked by hand (every moment written out), Lo's i.i.d.
 * formula as the limit, and the interval's coverage on seeded simulations of i.i.d. and AR(1) daily returns.
 */
class SharpeRatioTest {
    static final double[] R = {0.1, -0.2, 0.05, 0.1};

    @Test
    void pointEstimateAndStandardErrorAgreeWithAHandComputation() {
        // mean 0.0125; deviations a = 0.0875, -0.2125, 0.0375, 0.0875; sum a^2 = 0.061875
        double sampleSd = Math.sqrt(0.061875 / 3);
        assertEquals(0.0125 / sampleSd, SharpeRatio.annualised(R, 0, 1), 1e-12);
        assertEquals(0.0125 / sampleSd * Math.sqrt(252), SharpeRatio.annualised(R, 0, 252), 1e-12);
        // b = a^2 - 0.061875 / 4 = -0.0078125, 0.0296875, -0.0140625, -0.0078125
        double saa = 0.061875 / 4;
        double sbb = (0.0078125 * 0.0078125 + 0.0296875 * 0.0296875 + 0.0140625 * 0.0140625 + 0.0078125 * 0.0078125) / 4;
        double sab = (0.0875 * -0.0078125 + -0.2125 * 0.0296875 + 0.0375 * -0.0140625 + 0.0875 * -0.0078125) / 4;
        double ga = 1 / sampleSd;
        double gb = -0.0125 / (2 * Math.pow(sampleSd, 3));
        double se0 = Math.sqrt((ga * ga * saa + 2 * ga * gb * sab + gb * gb * sbb) / 4);
        // the 97.5 % quantile of Student t with n - 1 = 3 degrees of freedom (tables: 3.182)
        SharpeRatio.Estimate q0 = SharpeRatio.estimate(R, 0, 1, 0, 0.95);
        assertEquals(se0, q0.standardError(), 1e-12);
        assertEquals(0.0125 / sampleSd - 3.182446305284263 * se0, q0.lower(), 1e-9);
        assertEquals(0.0125 / sampleSd + 3.182446305284263 * se0, q0.upper(), 1e-9);
        // one lag, Bartlett weight 1/2: lag-1 cross products of a and b
        double aa1 = (-0.2125 * 0.0875 + 0.0375 * -0.2125 + 0.0875 * 0.0375) / 4;
        double bb1 = (0.0296875 * -0.0078125 + -0.0140625 * 0.0296875 + -0.0078125 * -0.0140625) / 4;
        double ab1 = (-0.2125 * -0.0078125 + 0.0375 * 0.0296875 + 0.0875 * -0.0140625) / 4;   // a_t b_{t-1}
        double ba1 = (0.0296875 * 0.0875 + -0.0140625 * -0.2125 + -0.0078125 * 0.0375) / 4;   // b_t a_{t-1}
        double s1aa = saa + 2 * 0.5 * aa1;
        double s1bb = sbb + 2 * 0.5 * bb1;
        double s1ab = sab + 0.5 * (ab1 + ba1);
        double se1 = Math.sqrt((ga * ga * s1aa + 2 * ga * gb * s1ab + gb * gb * s1bb) / 4);
        assertEquals(se1, SharpeRatio.estimate(R, 0, 1, 1, 0.95).standardError(), 1e-12);
        // annualisation scales the ratio and its error alike; a risk-free rate shifts the mean
        assertEquals(se1 * Math.sqrt(252), SharpeRatio.estimate(R, 0, 252, 1, 0.95).standardError(), 1e-12);
        assertEquals((0.0125 - 0.001) / sampleSd, SharpeRatio.annualised(R, 0.001, 1), 1e-12);
    }

    @Test
    void undefinedWithoutDispersionOrData() {
        assertTrue(Double.isNaN(SharpeRatio.annualised(new double[]{0.01}, 0, 252)));
        assertTrue(Double.isNaN(SharpeRatio.annualised(new double[]{0.01, 0.01, 0.01}, 0, 252)));
        SharpeRatio.Estimate e = SharpeRatio.estimate(new double[]{}, 0, 252, 3, 0.9);
        assertTrue(Double.isNaN(e.lower()) && Double.isNaN(e.upper()));
        assertThrows(IllegalArgumentException.class, () -> SharpeRatio.estimate(R, 0, 252, -1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> SharpeRatio.estimate(R, 0, 252, 0, 1.0));
    }

    @Test
    void withoutLagsOnNormalReturnsItIsLosIidFormula() {
        Random random = new Random(7);
        double[] r = new double[20_000];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.001 + 0.01 * random.nextGaussian();
        }
        SharpeRatio.Estimate e = SharpeRatio.estimate(r, 0, 1, 0, 0.95);
        double lo = Math.sqrt((1 + e.sharpe() * e.sharpe() / 2) / r.length);
        assertEquals(lo, e.standardError(), 0.03 * lo);
    }

    /** Share of seeded simulations whose interval holds the true annualised ratio. */
    static double coverage(double phi, int n, int lags, int reps, long seed) {
        return simulate(0.0008, phi, n, lags, reps, seed)[0];
    }

    /** {share covered, share with the lower bound above the truth} over seeded AR(1) simulations (phi 0: i.i.d.). */
    static double[] simulate(double mu, double phi, int n, int lags, int reps, long seed) {
        Random random = new Random(seed);
        double sigmaU = 0.01;
        double sigmaX = sigmaU / Math.sqrt(1 - phi * phi);   // stationary sd of the AR(1) noise
        double truth = mu / sigmaX * Math.sqrt(252);
        int hits = 0;
        int above = 0;
        for (int k = 0; k < reps; k++) {
            double[] r = new double[n];
            double e = sigmaX * random.nextGaussian();
            for (int t = 0; t < n; t++) {
                e = phi * e + sigmaU * random.nextGaussian();
                r[t] = mu + e;
            }
            SharpeRatio.Estimate est = SharpeRatio.estimate(r, 0, 252, lags, 0.95);
            hits += est.lower() <= truth && truth <= est.upper() ? 1 : 0;
            above += est.lower() > truth ? 1 : 0;
        }
        return new double[]{(double) hits / reps, (double) above / reps};
    }

    @Test
    void intervalCoversTheTrueRatioAtItsNominalRate() {
        // 2,000 simulations: the binomial standard error of a 95 % coverage is 0.5 point; tolerance 2 points
        double iid = coverage(0, 250, 0, 2_000, 101);
        assertEquals(0.95, iid, 0.02, "i.i.d., no lags: " + iid);
        double iidLags = coverage(0, 250, 5, 2_000, 102);
        assertEquals(0.95, iidLags, 0.02, "i.i.d., 5 lags: " + iidLags);
        // AR(1) with phi 0.3 (the long-run variance of the mean is 1.86 x the i.i.d. one): lags restore coverage
        double ar = coverage(0.3, 500, 10, 2_000, 103);
        assertEquals(0.95, ar, 0.03, "AR(1), 10 lags: " + ar);
        double arNoLags = coverage(0.3, 500, 0, 2_000, 104);
        System.out.printf("coverage iid q0 %.4f, iid q5 %.4f, AR(1) q10 %.4f, AR(1) q0 %.4f%n", iid, iidLags, ar, arNoLags);
        assertTrue(arNoLags < 0.90, "AR(1) without lags must under-cover (the reason for the lags): " + arNoLags);
    }

    @Test
    void aShortNoSkillPeriodRarelyClearsAZeroFloor() {
        // the stress pass rule's situation: 27 sessions (the 2020 COVID window), 7 lags (the default horizon), a
        // book with no edge (true Sharpe 0), 95 % interval: nominally 2.5 % of lower bounds lie above 0. Newey-West
        // under-covers in samples this short, so the measured rate is higher; it must stay below 6 %.
        double falsePass = simulate(0.0, 0, 27, 7, 4_000, 105)[1];
        System.out.printf("no-skill false pass, n 27, 7 lags, 95 %% interval: %.4f%n", falsePass);
        assertTrue(falsePass > 0.01 && falsePass < 0.06, "false-pass rate " + falsePass);
        double coverage = simulate(0.0, 0, 27, 7, 4_000, 106)[0];
        System.out.printf("coverage, n 27, 7 lags, 95 %% interval: %.4f%n", coverage);
        assertTrue(coverage > 0.85, "short-sample coverage " + coverage);
    }
}
