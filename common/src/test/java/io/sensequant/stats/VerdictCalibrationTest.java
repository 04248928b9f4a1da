package io.sensequant.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration of {@link DateLevelVerdict} on simulated panels ({@link SimulatedPanels}): its false-positive rate
 * at alpha 0.05 on null panels (a student whose predictions depend only on the past) must stay at or below 0.08,
 * and its power on panels with a planted skill of realistic size must reach 0.8. Also measures the old row-level
 * rule (exact binomial over rows against the majority share AND a row-level i.i.d. bootstrap accuracy lower
 * bound above 0.40, the bootstrap by its normal approximation) on the same null panels.
 */
class VerdictCalibrationTest {
    static final SimulatedPanels DESIGN = new SimulatedPanels(100, 300, 7, 0.008, 0.015, 0.95);
    static final int NULL_PANELS = 300;
    static final int SKILL_PANELS = 200;
    static final double SKILL = 0.08;
    static final double ALPHA = 0.05;
    static final DateLevelVerdict.Settings SETTINGS = new DateLevelVerdict.Settings(ALPHA, 7, 14, 300, 0.95, 99L, 2, 3);

    @Test
    void falsePositiveRateAtMostEightPercentAndPowerAtLeastEightyPercent() {
        SplittableRandom random = new SplittableRandom(20261204L);
        long started = System.nanoTime();
        int newRejections = 0;
        int oldRejections = 0;
        int binomialRejections = 0;
        for (int k = 0; k < NULL_PANELS; k++) {
            DatePanel panel = DESIGN.panel(0, random);
            newRejections += decide(panel, k).passed() ? 1 : 0;
            double[] old = oldRowLevel(panel);
            binomialRejections += old[0] < ALPHA ? 1 : 0;
            oldRejections += old[0] < ALPHA && old[1] > 0.40 ? 1 : 0;
        }
        int detected = 0;
        double ic = 0;
        for (int k = 0; k < SKILL_PANELS; k++) {
            DatePanel panel = DESIGN.panel(SKILL, random);
            ic += Correlations.pearson(panel.score(), panel.forwardReturn()) / SKILL_PANELS;
            detected += decide(panel, NULL_PANELS + k).passed() ? 1 : 0;
        }
        double fpr = (double) newRejections / NULL_PANELS;
        double power = (double) detected / SKILL_PANELS;
        String design = String.format("%d symbols x %d dates, horizon %d, market sd %.3f + idiosyncratic sd %.3f daily, "
                        + "3 classes at -/+0.43 sd, student AR(1) phi %.2f; HAC lag %d, mean block %.0f, %d bootstrap resamples",
                DESIGN.symbols(), DESIGN.dates(), DESIGN.horizon(), DESIGN.marketSd(), DESIGN.idioSd(), DESIGN.phi(),
                SETTINGS.hacLag(), SETTINGS.meanBlock(), SETTINGS.iterations());
        System.out.printf("CALIBRATION date-level verdict FPR at alpha %.2f = %.3f (%d/%d null panels; %s)%n",
                ALPHA, fpr, newRejections, NULL_PANELS, design);
        System.out.printf("CALIBRATION date-level verdict power = %.3f (%d/%d panels with planted skill %.2f, measured "
                + "per-row IC %.3f; same design)%n", power, detected, SKILL_PANELS, SKILL, ic);
        System.out.printf("CALIBRATION old row-level rule FPR = %.3f (binomial p < %.2f AND row bootstrap lower bound "
                        + "> 0.40); row-level binomial alone FPR = %.3f (same %d null panels)%n",
                (double) oldRejections / NULL_PANELS, ALPHA, (double) binomialRejections / NULL_PANELS, NULL_PANELS);
        System.out.printf("CALIBRATION took %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertTrue(fpr <= 0.08, "false-positive rate " + fpr);
        assertTrue(power >= 0.8, "power " + power);
    }

    static DateLevelVerdict.Result decide(DatePanel panel, int k) {
        DateLevelVerdict.Settings s = SETTINGS;
        return DateLevelVerdict.decide(panel, DateLevelVerdict.WalkForwardEvidence.none(),
                new DateLevelVerdict.Settings(s.alpha(), s.hacLag(), s.meanBlock(), s.iterations(), s.confidence(),
                        s.seed() + k, s.minCompletedFolds(), s.icMinSymbols()));
    }

    /** {p of the exact row-level binomial test vs the majority share, row-bootstrap 95% lower bound (normal approx.)}. */
    static double[] oldRowLevel(DatePanel panel) {
        int n = panel.rows();
        long correct = 0;
        long[] support = new long[panel.classes()];
        for (int i = 0; i < n; i++) {
            correct += panel.label()[i] == panel.prediction()[i] ? 1 : 0;
            support[panel.label()[i]]++;
        }
        double share = (double) java.util.Arrays.stream(support).max().orElse(0) / n;
        double p = correct == 0 ? 1 : Beta.regularizedBeta(share, correct, n - correct + 1.0);
        double accuracy = (double) correct / n;
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);
        return new double[]{p, accuracy - z * Math.sqrt(accuracy * (1 - accuracy) / n)};
    }
}
