package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.evaluation.SignalStrategy.Key;
import io.sensequant.evaluation.SignalStrategy.Signal;
import io.sensequant.market.StressPeriod;
import io.sensequant.spark.SharedSpark;
import io.sensequant.stats.SharpeRatio;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drawdown, Sharpe, Sortino, baselines, the stress book (the STAT_TESTS strategy), the failure-mode rules, the
 * gated resilience score and the pass verdict on fixed inputs; and, on seeded simulated crises, that a book
 * without skill does not pass (neither by riding the crisis' drift nor by luck) while a skilled one does.
 */
class StressMathTest {
    static final double[] SERIES = {0.1, -0.2, 0.05, 0.1};
    static final PipelineConfig.FailureModes RULES = new PipelineConfig.FailureModes(0.15, 1.5, 0.05, 3.0);
    static final PipelineConfig.Resilience RESILIENCE = new PipelineConfig.Resilience(0.4, 0.3, 0.3, 0.5, 2.0, 50);
    static final PipelineConfig CONFIG = SharedSpark.testConfig();

    @Test
    void drawdownSharpeSortinoAgreeWithHandComputations() {
        // equity 1.1, 0.88, 0.924, 1.0164; the peak 1.1 then 0.88: -20 %
        List<Double> series = List.of(0.1, -0.2, 0.05, 0.1);
        assertEquals(List.of(1.1, 0.88, 0.924, 1.0164), round(PerformanceStats.equityCurve(series)));
        assertEquals(List.of(0.0, -0.2, -0.16, -0.076), round(PerformanceStats.drawdownCurve(series)));
        // one drawdown, one sign convention (<= 0) for the stress charts, the stress figures and the stat tests
        assertEquals(-0.2, ReturnStats.maxDrawdown(SERIES), 1e-12);
        assertEquals(ReturnStats.maxDrawdown(SERIES), PerformanceStats.maxDrawdown(series), 0.0);
        assertEquals(0.0, ReturnStats.maxDrawdown(new double[]{0.01, 0.02}), 0.0, "never below the peak");
        assertEquals(0.0164, PerformanceStats.totalReturn(series), 1e-12);
        double mean = 0.05 / 4;
        double sampleStd = Math.sqrt((sq(0.1 - mean) + sq(-0.2 - mean) + sq(0.05 - mean) + sq(0.1 - mean)) / 3);
        assertEquals(mean / sampleStd * Math.sqrt(252), ReturnStats.sharpe(SERIES, 252), 1e-12);
        assertEquals(1.3817, ReturnStats.sharpe(SERIES, 252), 1e-4);
        assertEquals(ReturnStats.sharpe(SERIES, 252), SharpeRatio.estimate(SERIES, 0, 252, 5, 0.95).sharpe(), 0.0,
                "the stress interval is centred on the stat tests' Sharpe ratio");
        // only -0.2 is below the target 0: downside deviation sqrt(0.04 / 4) = 0.1
        assertEquals(mean / 0.1 * Math.sqrt(252), ReturnStats.sortino(SERIES, 252), 1e-12);
        assertEquals(Math.pow(1.065, 1.0 / 252) - 1, PerformanceStats.dailyRate(0.065, 252), 1e-15);
        assertTrue(Double.isNaN(ReturnStats.sharpe(new double[]{0.01}, 252)), "one day: undefined");
    }

    @Test
    void baselinesCompoundTheUniverseSixtyFortyAndCash() {
        Baselines.Result b = Baselines.of(List.of(0.01, -0.02), 0.6, 0.001);
        assertEquals(1.01 * 0.98 - 1, b.buyAndHold(), 1e-12);
        assertEquals((1 + 0.6 * 0.01 + 0.4 * 0.001) * (1 + 0.6 * -0.02 + 0.4 * 0.001) - 1, b.sixtyForty(), 1e-12);
        assertEquals(1.001 * 1.001 - 1, b.cash(), 1e-12);
    }

    static final LocalDate D1 = LocalDate.of(2020, 3, 2);
    static final LocalDate D2 = LocalDate.of(2020, 3, 3);
    static final List<Signal> SIGNALS = List.of(new Signal("A", D1, 2, 2), new Signal("B", D1, 2, 0),
            new Signal("C", D1, 1, 1), new Signal("A", D2, 1, 1), new Signal("B", D2, 0, 1));
    static final Map<Key, Double> NEXT = Map.of(new Key("A", D1), 0.02, new Key("B", D1), 0.01, new Key("C", D1), 0.5,
            new Key("A", D2), 0.03, new Key("B", D2), -0.04);

    @Test
    void theStressBookIsTheStatTestsStrategyHeldForTheHorizonWithCosts() {
        // horizon 2: day 1 holds half of day 1's tranche (A +1/3, B -1/3 of capital): A +1/6, B -1/6
        LongShortStrategy.Days book = SignalStrategy.book(SIGNALS, List.of(D1, D2), NEXT, 2, 10.0);
        assertEquals((0.02 - 0.01) / 6, book.gross()[0], 1e-15);
        assertEquals(2.0 / 6, book.turnover()[0], 1e-15);
        assertEquals((0.02 - 0.01) / 6 - 2.0 / 6 * 10 / 10_000, book.net()[0], 1e-15);
        // day 2's own tranche is flat (both neutral); day 1's tranche is still held: A +1/6, B -1/6, no trade
        assertEquals((0.03 + 0.04) / 6, book.gross()[1], 1e-15);
        assertEquals(0.0, book.turnover()[1], 1e-15);
        // the same grid through LongShortStrategy directly (symbols A, B, C)
        LongShortStrategy.Days direct = LongShortStrategy.run(new int[][]{{1, -1, 0}, {0, 0, 0}},
                new boolean[][]{{true, true, true}, {true, true, false}},
                new double[][]{{0.02, 0.01, 0.5}, {0.03, -0.04, Double.NaN}}, 2, 10.0);
        assertArrayEquals(direct.net(), book.net(), 0.0);
        // the stress summary states the stat tests' definition, verbatim
        StressEvaluation.Settings settings = new StressEvaluation.Settings(CONFIG.stressTests(), CONFIG.statTests().strategy(), 7);
        assertEquals(LongShortStrategy.definition(7, CONFIG.statTests().strategy().costBps(),
                CONFIG.statTests().strategy().annualizationDays()), StressEvaluation.strategyDefinition(settings));
        assertTrue(StressEvaluation.strategyDefinition(settings).contains("held 7 sessions"));
        // signals outside the days are ignored; a missing return earns nothing
        assertEquals(0.0, SignalStrategy.book(SIGNALS, List.of(LocalDate.of(2020, 3, 4)), NEXT, 1, 10.0).net()[0], 0.0);
    }

    @Test
    void scoresAndTheNoSkillPrecision() {
        SignalStrategy.Scores scores = SignalStrategy.scores(SIGNALS);
        assertEquals(5, scores.rows());
        assertEquals(3.0 / 5, scores.accuracy(), 1e-12);   // A/d1, C/d1 and A/d2 right
        assertEquals(1.0 / 2, scores.precision(), 1e-12);  // calls: A up (right), B down (wrong)
        assertEquals(1.0 / 3, scores.recall(), 1e-12);     // moves: A/d1 up, B/d1 up, B/d2 down; caught A/d1
        // calls: 1 up, 1 down; labels: 2 of 5 up, 1 of 5 down: 0.5 x 0.4 + 0.5 x 0.2
        assertEquals(0.3, scores.noSkillPrecision(), 1e-12);
        // always "down": precision is exactly the share of down labels, i.e. the no-skill level
        List<Signal> alwaysDown = SIGNALS.stream().map(s -> new Signal(s.symbol(), s.date(), s.label(), 0)).toList();
        SignalStrategy.Scores down = SignalStrategy.scores(alwaysDown);
        assertEquals(down.noSkillPrecision(), down.precision(), 1e-12);
    }

    @Test
    void failureModeRulesInOrder() {
        // training vol 1 %, 16 sessions: plausible drawdown 3 x 0.01 x 4 = 12 %
        assertEquals(FailureMode.BLACK_SWAN, FailureMode.classify(evidence(0.6, 0.55, 0.01, 0.01, -0.13), RULES));
        assertEquals(FailureMode.NONE, FailureMode.classify(evidence(0.6, 0.58, 0.01, 0.01, -0.11), RULES));
        // volatility doubled and accuracy 6 points down: regime change (not black swan: drawdown within 12 %)
        assertEquals(FailureMode.REGIME_CHANGE, FailureMode.classify(evidence(0.6, 0.54, 0.01, 0.02, -0.10), RULES));
        // volatility doubled but accuracy held up: none
        assertEquals(FailureMode.NONE, FailureMode.classify(evidence(0.6, 0.58, 0.01, 0.02, -0.10), RULES));
        // calm period, accuracy 20 points below in-sample: overfit
        assertEquals(FailureMode.OVERFIT, FailureMode.classify(evidence(0.8, 0.6, 0.01, 0.011, -0.05), RULES));
        // a gap below the threshold is not overfitting
        assertEquals(FailureMode.NONE, FailureMode.classify(evidence(0.74, 0.6, 0.01, 0.011, -0.05), RULES));
        // undefined volatilities never trigger a rule on their own
        assertEquals(FailureMode.NONE, FailureMode.classify(evidence(0.6, 0.6, Double.NaN, Double.NaN, -0.5), RULES));
    }

    @Test
    void resilienceScoreWeighsTheComponentsPastTheGate() {
        // drawdown -10 % of a 50 % limit: 80; precision 0.55 over a no-skill 0.40: (0.15 / 0.6) = 25; Sharpe 1 of cap 2: 50
        ResilienceScore.Result r = ResilienceScore.of(-0.10, 1.0, 0.55, 0.40, RESILIENCE);
        assertEquals(80, r.components().get("drawdown"), 1e-9);
        assertEquals(25, r.components().get("precision"), 1e-9);
        assertEquals(50, r.components().get("sharpe"), 1e-9);
        assertNull(r.gate());
        assertEquals(0.4 * 80 + 0.3 * 25 + 0.3 * 50, r.score(), 1e-9);
        assertTrue(r.passes(RESILIENCE));
        // beyond the limits: clamped to 0 and 100
        ResilienceScore.Result clamped = ResilienceScore.of(-0.7, 5.0, 0.9, 0.4, RESILIENCE);
        assertEquals(0.0, clamped.components().get("drawdown"), 0.0);
        assertEquals(100.0, clamped.components().get("sharpe"), 0.0);
    }

    @Test
    void aLosingBookWithoutSkillCannotPassOnASmallDrawdown() {
        // Sharpe -0.8, drawdown -2 %, precision 0.60 where chance gives 0.45. The old score (100 x precision, no
        // gate): 0.4 x 96 + 0.3 x 60 + 0.3 x 0 = 56.4 >= 50, a pass; now the gate closes and the score is 0.
        ResilienceScore.Result losing = ResilienceScore.of(-0.02, -0.8, 0.60, 0.45, RESILIENCE);
        assertEquals(96, losing.components().get("drawdown"), 1e-9);
        assertEquals("Sharpe ratio -0.800 is not above 0", losing.gate());
        assertEquals(0.0, losing.score(), 0.0);
        assertFalse(losing.passes(RESILIENCE));
        // positive Sharpe but precision at or below chance: no skill, closed
        ResilienceScore.Result lucky = ResilienceScore.of(-0.02, 1.5, 0.42, 0.42, RESILIENCE);
        assertEquals("directional precision 0.420 is not above the no-skill precision 0.420", lucky.gate());
        assertFalse(lucky.passes(RESILIENCE));
        assertEquals(0.0, lucky.components().get("precision"), 0.0, "no credit for chance precision");
        // an undefined Sharpe ratio closes the gate
        assertFalse(ResilienceScore.of(0.0, Double.NaN, 0.9, 0.4, RESILIENCE).passes(RESILIENCE));
    }

    @Test
    void theVerdictNeedsTheIntervalAboveTheFloorAndTheScore() {
        PipelineConfig.StressTests stress = CONFIG.stressTests();
        ResilienceScore.Result good = ResilienceScore.of(-0.02, 3.0, 0.7, 0.4, stress.resilience());
        assertTrue(good.passes(stress.resilience()));
        SharpeRatio.Estimate wide = new SharpeRatio.Estimate(27, 3.0, 2.0, -1.1, 7.1, 0.95, 7, 0, 252);
        StressEvaluation.Verdict noEvidence = StressEvaluation.verdict(wide, wide, good, stress);
        assertFalse(noEvidence.passed(), "a high point estimate whose interval reaches below the floor does not pass");
        assertTrue(noEvidence.text().contains("the Sharpe interval's lower bound is not above the floor 0.00"), noEvidence.text());
        SharpeRatio.Estimate clear = new SharpeRatio.Estimate(27, 9.0, 2.0, 4.9, 13.1, 0.95, 7, 0, 252);
        assertTrue(StressEvaluation.verdict(clear, clear, good, stress).passed());
        // a clear strategy Sharpe with no evidence beyond the net exposure: the drift, not skill
        StressEvaluation.Verdict drift = StressEvaluation.verdict(clear, wide, good, stress);
        assertFalse(drift.passed());
        assertTrue(drift.text().contains("active Sharpe interval's lower bound is not above"), drift.text());
        ResilienceScore.Result gated = ResilienceScore.of(-0.02, 9.0, 0.4, 0.4, stress.resilience());
        StressEvaluation.Verdict noSkill = StressEvaluation.verdict(clear, clear, gated, stress);
        assertFalse(noSkill.passed());
        assertTrue(noSkill.text().contains("resilience gate closed"), noSkill.text());
    }

    // ---- simulated crises: 27 sessions (the 2020 COVID window's length), 20 symbols ----

    static final int SESSIONS = 27;
    static final int SYMBOLS = 20;
    static final StressPeriod CRISIS = new StressPeriod("sim", "simulated crisis", LocalDate.of(2020, 2, 3),
            LocalDate.of(2020, 3, 31), "", "extreme", -0.3);

    /** A seeded crisis market and a book: skill 0 predicts independently of the future, 1 always right. */
    static StressOutcome simulate(long seed, double drift, double skill, double downBias, int horizon) {
        Random random = new Random(seed);
        Map<LocalDate, Double> universe = new TreeMap<>();
        Map<Key, Double> next = new HashMap<>();
        List<Signal> signals = new ArrayList<>();
        List<Double> training = new ArrayList<>();
        LocalDate day = CRISIS.start();
        for (int d = 0; d < SESSIONS; d++, day = day.plusDays(1)) {
            double market = drift + 0.02 * random.nextGaussian();
            double sum = 0;
            for (int s = 0; s < SYMBOLS; s++) {
                double r = market + 0.02 * random.nextGaussian();
                sum += r;
                next.put(new Key("S" + s, day), r);
                int label = r > 0.005 ? SignalStrategy.UP : r < -0.005 ? SignalStrategy.DOWN : 1;
                int guess = random.nextDouble() < downBias ? SignalStrategy.DOWN : SignalStrategy.UP;
                int prediction = random.nextDouble() < skill ? (r > 0 ? SignalStrategy.UP : SignalStrategy.DOWN) : guess;
                signals.add(new Signal("S" + s, day, label, prediction));
            }
            universe.put(day, sum / SYMBOLS);
        }
        for (int d = 0; d < 100; d++) {
            LocalDate before = CRISIS.start().minusDays(200 - d);
            universe.put(before, 0.01 * random.nextGaussian());
            training.add(0.0);
        }
        StressEvaluation.Replay replay = new StressEvaluation.Replay(CRISIS, signals, 0.6, 1_000,
                CRISIS.start().minusDays(200), CRISIS.start().minusDays(101), List.of());
        PipelineConfig.Strategy strategy = CONFIG.statTests().strategy();
        return StressEvaluation.evaluate(replay, universe, next,
                new StressEvaluation.Settings(CONFIG.stressTests(), strategy, horizon));
    }

    @Test
    void aNoSkillBookDoesNotPassByRidingTheCrisisDrift() {
        // every symbol falls 1.5 % a session on average: a book short nearly everything, without any view of which
        // symbol falls, shows a large Sharpe ratio; its precision is the share of falling symbols, i.e. chance
        StressOutcome rider = simulate(1, -0.015, 0.0, 0.95, 1);
        assertTrue(rider.sharpeRatio() > 2, "the drift flatters the point estimate: " + rider.sharpeRatio());
        assertFalse(rider.passed(), rider.verdict());
        assertTrue(rider.sharpe().lower() > 0, "the strategy interval alone would pass it: " + rider.verdict());
        assertTrue(rider.verdict().contains("active Sharpe interval's lower bound is not above"), rider.verdict());
        assertTrue(Math.abs(rider.activeSharpe().sharpe()) < Math.abs(rider.sharpeRatio()) / 2, rider.verdict());
    }

    @Test
    void noSkillRarelyPassesAndPlantedSkillDoes() {
        // 300 seeded crises without drift, books guessing up or down at random: the verdict's false-pass rate
        int reps = 300;
        int falsePasses = 0;
        for (int k = 0; k < reps; k++) {
            falsePasses += Boolean.TRUE.equals(simulate(1_000 + k, 0.0, 0.0, 0.5, 7).passed()) ? 1 : 0;
        }
        double rate = (double) falsePasses / reps;
        System.out.printf("stress verdict: no-skill false-pass rate %.4f over %d simulated 27-session crises%n", rate, reps);
        assertTrue(rate < 0.05, "no-skill books pass " + rate + " of simulated crises");
        // falling crises with a book that knows the next session's sign of half the symbols (75 % right calls),
        // holding one session (the horizon its calls are for): it must pass most of them. (At 65 % right calls the
        // measured pass rate is about two in three: 27 sessions is little evidence.)
        double power = passRate(0.5, 50);
        double weaker = passRate(0.3, 50);
        System.out.printf("stress verdict: pass rate of a skilled book over 50 simulated crises: %.2f at 75 %% right "
                + "calls, %.2f at 65 %%%n", power, weaker);
        assertTrue(power > 0.8, "a skilled book passes only " + power);
        assertTrue(weaker > rate, "more skill, more passes");
    }

    static double passRate(double skill, int reps) {
        int passes = 0;
        for (int k = 0; k < reps; k++) {
            passes += Boolean.TRUE.equals(simulate(5_000 + k, -0.015, skill, 0.5, 1).passed()) ? 1 : 0;
        }
        return (double) passes / reps;
    }

    static FailureMode.Evidence evidence(double inSample, double period, double trainVol, double periodVol, double drawdown) {
        return new FailureMode.Evidence(inSample, period, trainVol, periodVol, drawdown, 16);
    }

    static List<Double> round(List<Double> values) {
        return values.stream().map(v -> Math.round(v * 1e10) / 1e10).toList();
    }

    static double sq(double x) {
        return x * x;
    }
}
