package io.sensequant.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration of {@link DateLevelVerdict} on simulated panels ({@link SimulatedPanels}), at alpha 0.05 with the
 * default settings (HAC lag = horizon, mean block = the HAC lag; {@value #ITERATIONS} stationary-bootstrap
 * resamples instead of the configured 500, to keep the test to seconds). Every null panel has a score that
 * depends on nothing in the future, so its expected daily Rank IC is exactly 0; the false-positive rate must stay
 * at or below 0.08 on (A) a student whose score and classes come from a persistent past-only AR(1) signal,
 * (B) a constant-ish student that calls the test majority class on 80% of its rows (the past-only signal
 * elsewhere), and (C) the boundary null that is least favourable for the intersection-union test: the score is
 * the past-only signal but the classes are right on an extra {@value #LEAK_SHARE} of rows, so the edge requirement
 * holds on every panel and only the Rank IC test and bootstrap stand between the null and "passed" (their size).
 * The edge requirement compares with the constant prediction of {@link #EX_ANTE_CLASS}: the classes are equally
 * likely ex ante, so a fixed class stands for the training labels' majority the phase uses (a constant call made
 * before the test period). Planted skill of realistic size (per-row IC about 0.05, and 0.10) must be detected with
 * power at least 0.8 at the per-row IC 0.05. How often the edge requirement would hold against the test labels'
 * hindsight majority instead is printed beside the power (why the phase does not use it). The previous rule (Newey-West test of the mean daily accuracy edge over the majority class AND its
 * stationary-bootstrap lower bound above 0) and the old row-level rule (exact binomial over rows against the
 * majority share AND a row-level i.i.d. bootstrap accuracy lower bound above 0.40) are measured on the same panels
 * and printed. (D) An accuracy boundary null shows why rows cannot be the unit: against the constant "up" class
 * (whose share moves with the market factor), a student that differs from it on 20% of rows with expected daily
 * edge exactly 0; the date-level Newey-West test of the
 * mean daily edge keeps its size, the row-level exact binomial test of the same comparison does not (asserted).
 */
class VerdictCalibrationTest {
    static final SimulatedPanels DESIGN = new SimulatedPanels(100, 300, 7, 0.008, 0.015, 0.95);
    static final int NULL_PANELS = 300;
    static final int SKILL_PANELS = 300;
    static final double SKILL = 0.05;
    static final double LARGER_SKILL = 0.10;
    static final double MAJORITY_SHARE_OF_CALLS = 0.8;
    static final double LEAK_SHARE = 0.3;
    static final double ALPHA = 0.05;
    static final int EX_ANTE_CLASS = 1;
    static final String EX_ANTE = "fixed ex-ante class 1 (classes equally likely ex ante)";
    static final int UP_CLASS = 2;
    static final int ITERATIONS = 200;
    static final DateLevelVerdict.Settings SETTINGS = new DateLevelVerdict.Settings(ALPHA, 7, 7, ITERATIONS, 0.95, 99L, 2, 3);

    @Test
    void falsePositiveRateAtMostEightPercentAndPowerAtLeastEightyPercent() {
        SplittableRandom random = new SplittableRandom(20261204L);
        long started = System.nanoTime();
        int[] pastOnly = new int[4];       // verdict, previous accuracy-edge rule, old row-level rule, row binomial alone
        int[] majorityLeaning = new int[4];
        int[] boundary = new int[4];
        int zeroEdgeDates = 0;
        int zeroEdgeHac = 0;
        int zeroEdgeRows = 0;
        for (int k = 0; k < NULL_PANELS; k++) {
            DatePanel panel = DESIGN.panel(0, random);
            count(pastOnly, panel, k);
            count(majorityLeaning, leanOnMajority(panel, random), k);
            DatePanel leaked = leakLabels(panel, random);
            assertTrue(decide(leaked, k).edgeAboveZero(), "the boundary null keeps the edge requirement");
            count(boundary, leaked, k);
            DatePanel zero = zeroEdge(panel, random);
            DateLevelVerdict.Result vsUp = DateLevelVerdict.decide(zero, UP_CLASS, "fixed class 2",
                    DateLevelVerdict.WalkForwardEvidence.none(), seeded(k));
            zeroEdgeHac += vsUp.edge().pOneSided() < ALPHA ? 1 : 0;
            zeroEdgeDates += vsUp.edge().pOneSided() < ALPHA && vsUp.edgeInterval().lower() > 0 ? 1 : 0;
            zeroEdgeRows += rowLevelVsClass(zero, UP_CLASS) < ALPHA ? 1 : 0;
        }
        double fprA = (double) pastOnly[0] / NULL_PANELS;
        double fprB = (double) majorityLeaning[0] / NULL_PANELS;
        double fprC = (double) boundary[0] / NULL_PANELS;
        double[] skilled = power(SKILL, SKILL_PANELS, random);
        double[] larger = power(LARGER_SKILL, SKILL_PANELS, random);
        String design = String.format("design: %d symbols x %d dates, horizon %d, daily return = market factor sd %.3f "
                        + "+ idiosyncratic sd %.3f, 3 classes at -/+0.43 sd of the %d-day forward return, past-only AR(1) "
                        + "signal phi %.2f; Newey-West lag %d, mean block %.0f, %d stationary-bootstrap resamples, "
                        + "walk-forward not entered, alpha %.2f",
                DESIGN.symbols(), DESIGN.dates(), DESIGN.horizon(), DESIGN.marketSd(), DESIGN.idioSd(), DESIGN.horizon(),
                DESIGN.phi(), SETTINGS.hacLag(), SETTINGS.meanBlock(), SETTINGS.iterations(), ALPHA);
        System.out.printf("CALIBRATION Rank IC verdict FPR (A) past-only student = %.3f on %d null panels; %s%n",
                fprA, NULL_PANELS, design);
        System.out.printf("CALIBRATION Rank IC verdict FPR (B) constant-ish student (the baseline class on %.0f%% of rows) "
                + "= %.3f on %d null panels; same design%n", 100 * MAJORITY_SHARE_OF_CALLS, fprB, NULL_PANELS);
        System.out.printf("CALIBRATION Rank IC verdict FPR (C) boundary null (score independent of the future, expected "
                + "daily Rank IC exactly 0, edge requirement met on every panel) = %.3f on %d null panels; same design%n",
                fprC, NULL_PANELS);
        for (double[] p : new double[][]{skilled, larger}) {
            System.out.printf("CALIBRATION Rank IC verdict power = %.3f on %d panels with planted skill %.2f (per-row IC "
                            + "%.3f, mean daily Rank IC %.3f, mean daily edge over the ex-ante class %+.4f); the previous "
                            + "accuracy-edge rule's power on the same panels = %.3f; the edge requirement against the test "
                            + "labels' hindsight majority would hold on only %.3f of them; same design%n",
                    p[0], SKILL_PANELS, p[4], p[1], p[2], p[3], p[5], p[6]);
        }
        System.out.printf("CALIBRATION previous accuracy-edge rule FPR = %.3f (A) / %.3f (B); old row-level rule "
                        + "(binomial p < %.2f AND row bootstrap lower bound > 0.40) FPR = %.3f / %.3f, row-level binomial "
                        + "alone %.3f / %.3f; same null panels (C is no null for accuracy rules: its classes see labels)%n",
                (double) pastOnly[1] / NULL_PANELS, (double) majorityLeaning[1] / NULL_PANELS, ALPHA,
                (double) pastOnly[2] / NULL_PANELS, (double) majorityLeaning[2] / NULL_PANELS,
                (double) pastOnly[3] / NULL_PANELS, (double) majorityLeaning[3] / NULL_PANELS);
        System.out.printf("CALIBRATION accuracy boundary null (D: expected daily edge over the constant class 2, up, exactly 0): "
                        + "the date-level Newey-West test of the mean daily edge AND its bootstrap bound reject on %.3f "
                        + "(the Newey-West test alone on %.3f), the row-level exact binomial test of the same comparison "
                        + "on %.3f of %d panels (rows are not independent); same design%n",
                (double) zeroEdgeDates / NULL_PANELS, (double) zeroEdgeHac / NULL_PANELS,
                (double) zeroEdgeRows / NULL_PANELS, NULL_PANELS);
        System.out.printf("CALIBRATION took %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertTrue(fprA <= 0.08, "false-positive rate, past-only student: " + fprA);
        assertTrue(fprB <= 0.08, "false-positive rate, constant-ish student: " + fprB);
        assertTrue(fprC <= 0.08, "false-positive rate at the boundary null: " + fprC);
        assertTrue(zeroEdgeRows > 2 * zeroEdgeDates && zeroEdgeRows > 0.2 * NULL_PANELS,
                "row-level inference rejects the accuracy boundary null far more often: " + zeroEdgeRows + " vs " + zeroEdgeDates);
        assertTrue(skilled[0] >= 0.8, "power at per-row IC " + skilled[1] + ": " + skilled[0]);
        assertTrue(larger[0] >= skilled[0], "more skill, no less power: " + larger[0] + " vs " + skilled[0]);
    }

    private static void count(int[] counts, DatePanel panel, int k) {
        DateLevelVerdict.Result result = decide(panel, k);
        counts[0] += result.passed() ? 1 : 0;
        counts[1] += previousRule(panel, k) ? 1 : 0;
        double[] old = oldRowLevel(panel);
        counts[2] += old[0] < ALPHA && old[1] > 0.40 ? 1 : 0;
        counts[3] += old[0] < ALPHA ? 1 : 0;
    }

    /**
     * The previous rule: Newey-West test of the mean daily accuracy edge over the test labels' majority class
     * (p &lt; alpha) AND its stationary-bootstrap lower bound above 0.
     */
    static boolean previousRule(DatePanel panel, int k) {
        double[] edges = hindsightEdges(panel);
        return NeweyWest.mean(edges, SETTINGS.hacLag()).pOneSided() < ALPHA && StationaryBootstrap.mean(edges,
                SETTINGS.iterations(), SETTINGS.confidence(), SETTINGS.meanBlock(), SETTINGS.seed() + k).lower() > 0;
    }

    /** Per-date accuracy minus the accuracy of the test labels' (hindsight) majority class. */
    static double[] hindsightEdges(DatePanel panel) {
        int majority = panel.majorityClass();
        double[] edge = new double[panel.dates()];
        int[] rows = new int[panel.dates()];
        for (int i = 0; i < panel.rows(); i++) {
            int d = panel.date()[i];
            int label = panel.label()[i];
            edge[d] += (panel.prediction()[i] == label ? 1 : 0) - (label == majority ? 1 : 0);
            rows[d]++;
        }
        for (int d = 0; d < edge.length; d++) {
            edge[d] /= rows[d];
        }
        return edge;
    }

    /**
     * {power, per-row IC, mean daily Rank IC, mean daily edge, skill, previous rule's power, share of panels whose
     * mean edge over the hindsight majority is above 0} over {@code panels} panels with planted skill.
     */
    private static double[] power(double skill, int panels, SplittableRandom random) {
        double[] out = new double[7];
        out[4] = skill;
        for (int k = 0; k < panels; k++) {
            DatePanel panel = DESIGN.panel(skill, random);
            DateLevelVerdict.Result result = decide(panel, 10_000 + k);
            out[0] += result.passed() ? 1.0 / panels : 0;
            out[1] += Correlations.pearson(panel.score(), panel.forwardReturn()) / panels;
            out[2] += result.rankIc().estimate() / panels;
            out[3] += result.edge().estimate() / panels;
            out[5] += previousRule(panel, 10_000 + k) ? 1.0 / panels : 0;
            out[6] += java.util.Arrays.stream(hindsightEdges(panel)).average().orElse(0) > 0 ? 1.0 / panels : 0;
        }
        return out;
    }

    /**
     * Boundary null (C): the classes are the true label on a random {@link #LEAK_SHARE} of rows (the past-only
     * classes elsewhere), so the student beats the majority class; the score is left independent of the future.
     */
    static DatePanel leakLabels(DatePanel panel, SplittableRandom random) {
        int[] calls = panel.prediction().clone();
        for (int i = 0; i < calls.length; i++) {
            calls[i] = random.nextDouble() < LEAK_SHARE ? panel.label()[i] : calls[i];
        }
        return new DatePanel(panel.date(), panel.label(), calls, panel.persistence(), panel.score(),
                panel.forwardReturn(), panel.classes());
    }

    /** The panel with the student calling the baseline class on a share of its rows (at random). */
    static DatePanel leanOnMajority(DatePanel panel, SplittableRandom random) {
        int majority = EX_ANTE_CLASS;
        int[] calls = panel.prediction().clone();
        for (int i = 0; i < calls.length; i++) {
            calls[i] = random.nextDouble() < MAJORITY_SHARE_OF_CALLS ? majority : calls[i];
        }
        return new DatePanel(panel.date(), panel.label(), calls, panel.persistence(), panel.score(),
                panel.forwardReturn(), panel.classes());
    }

    static DateLevelVerdict.Result decide(DatePanel panel, int k) {
        return DateLevelVerdict.decide(panel, EX_ANTE_CLASS, EX_ANTE, DateLevelVerdict.WalkForwardEvidence.none(), seeded(k));
    }

    static DateLevelVerdict.Settings seeded(int k) {
        DateLevelVerdict.Settings s = SETTINGS;
        return new DateLevelVerdict.Settings(s.alpha(), s.hacLag(), s.meanBlock(), s.iterations(), s.confidence(),
                s.seed() + k, s.minCompletedFolds(), s.icMinSymbols());
    }

    /**
     * Accuracy boundary null (D): the constant UP_CLASS, except on a random 20% of rows, where a row whose
     * label is not UP_CLASS gets its true label with probability 1/2 (+1 against the constant) and a row whose
     * label is UP_CLASS gets another class (−1): expected edge 0.2 · (2/3 · 1/2 − 1/3) = 0 per row.
     */
    static DatePanel zeroEdge(DatePanel panel, SplittableRandom random) {
        int[] calls = new int[panel.rows()];
        for (int i = 0; i < calls.length; i++) {
            int label = panel.label()[i];
            calls[i] = UP_CLASS;
            if (random.nextDouble() < 0.2) {
                int other = (UP_CLASS + 1 + random.nextInt(2)) % 3;
                calls[i] = label == UP_CLASS ? other
                        : random.nextDouble() < 0.5 ? label : other == label ? 3 - label - UP_CLASS : other;
            }
        }
        return new DatePanel(panel.date(), panel.label(), calls, panel.persistence(), panel.score(),
                panel.forwardReturn(), panel.classes());
    }

    /** p of the exact row-level binomial test of the correct count against the share of {@code baseline}'s labels. */
    static double rowLevelVsClass(DatePanel panel, int baseline) {
        int n = panel.rows();
        long correct = 0;
        long support = 0;
        for (int i = 0; i < n; i++) {
            correct += panel.label()[i] == panel.prediction()[i] ? 1 : 0;
            support += panel.label()[i] == baseline ? 1 : 0;
        }
        return correct == 0 ? 1 : Beta.regularizedBeta((double) support / n, correct, n - correct + 1.0);
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
        double share = (double) Arrays.stream(support).max().orElse(0) / n;
        double p = correct == 0 ? 1 : Beta.regularizedBeta(share, correct, n - correct + 1.0);
        double accuracy = (double) correct / n;
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);
        return new double[]{p, accuracy - z * Math.sqrt(accuracy * (1 - accuracy) / n)};
    }
}
