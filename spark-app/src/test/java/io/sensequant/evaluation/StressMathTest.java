package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.evaluation.SignalStrategy.Key;
import io.sensequant.evaluation.SignalStrategy.Signal;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drawdown, Sharpe, Sortino, baselines, the strategy, the failure-mode rules and the resilience score on fixed inputs. */
class StressMathTest {
    static final List<Double> SERIES = List.of(0.1, -0.2, 0.05, 0.1);
    static final PipelineConfig.FailureModes RULES = new PipelineConfig.FailureModes(0.15, 1.5, 0.05, 3.0);
    static final PipelineConfig.Resilience RESILIENCE = new PipelineConfig.Resilience(0.4, 0.3, 0.3, 0.5, 2.0, 50);

    @Test
    void drawdownSharpeSortinoAgreeWithHandComputations() {
        // equity 1.1, 0.88, 0.924, 1.0164; the peak 1.1 then 0.88: -20 %
        assertEquals(List.of(1.1, 0.88, 0.924, 1.0164), round(PerformanceStats.equityCurve(SERIES)));
        assertEquals(-0.2, PerformanceStats.maxDrawdown(SERIES), 1e-12);
        assertEquals(0.0164, PerformanceStats.totalReturn(SERIES), 1e-12);
        double mean = 0.05 / 4;
        double sampleStd = Math.sqrt((sq(0.1 - mean) + sq(-0.2 - mean) + sq(0.05 - mean) + sq(0.1 - mean)) / 3);
        assertEquals(mean / sampleStd * Math.sqrt(252), PerformanceStats.sharpe(SERIES, 0, 252), 1e-12);
        assertEquals(1.3817, PerformanceStats.sharpe(SERIES, 0, 252), 1e-4);
        // only -0.2 is below the target 0: downside deviation sqrt(0.04 / 4) = 0.1
        assertEquals(mean / 0.1 * Math.sqrt(252), PerformanceStats.sortino(SERIES, 0, 252), 1e-12);
        double rf = 0.001;
        double excessMean = mean - rf;
        double downside = Math.sqrt((sq(-0.2 - rf)) / 4);
        assertEquals(excessMean / downside * Math.sqrt(252), PerformanceStats.sortino(SERIES, rf, 252), 1e-12);
        assertEquals(Math.pow(1.065, 1.0 / 252) - 1, PerformanceStats.dailyRate(0.065, 252), 1e-15);
        assertTrue(Double.isNaN(PerformanceStats.sharpe(List.of(0.01), 0, 252)), "one day: undefined");
        assertEquals(0.0, PerformanceStats.maxDrawdown(List.of(0.01, 0.02)), 0.0, "never below the peak");
    }

    @Test
    void baselinesCompoundTheUniverseSixtyFortyAndCash() {
        Baselines.Result b = Baselines.of(List.of(0.01, -0.02), 0.6, 0.001);
        assertEquals(1.01 * 0.98 - 1, b.buyAndHold(), 1e-12);
        assertEquals((1 + 0.6 * 0.01 + 0.4 * 0.001) * (1 + 0.6 * -0.02 + 0.4 * 0.001) - 1, b.sixtyForty(), 1e-12);
        assertEquals(1.001 * 1.001 - 1, b.cash(), 1e-12);
    }

    @Test
    void strategyIsLongUpShortDownFlatNeutral() {
        LocalDate d1 = LocalDate.of(2020, 3, 2);
        LocalDate d2 = LocalDate.of(2020, 3, 3);
        List<Signal> signals = List.of(new Signal("A", d1, 2, 2), new Signal("B", d1, 2, 0), new Signal("C", d1, 1, 1),
                new Signal("A", d2, 1, 1), new Signal("B", d2, 0, 1));
        Map<Key, Double> next = Map.of(new Key("A", d1), 0.02, new Key("B", d1), 0.01, new Key("C", d1), 0.5,
                new Key("A", d2), 0.03, new Key("B", d2), -0.04);
        Map<LocalDate, Double> daily = SignalStrategy.dailyReturns(signals, next);
        assertEquals((0.02 - 0.01) / 2, daily.get(d1), 1e-12);
        assertEquals(0.0, daily.get(d2), 0.0, "no position: flat");
        SignalStrategy.Scores scores = SignalStrategy.scores(signals);
        assertEquals(5, scores.rows());
        assertEquals(3.0 / 5, scores.accuracy(), 1e-12);   // A/d1, C/d1 and A/d2 right
        assertEquals(1.0 / 2, scores.precision(), 1e-12);  // calls: A up (right), B down (wrong)
        assertEquals(1.0 / 3, scores.recall(), 1e-12);     // moves: A/d1 up, B/d1 up, B/d2 down; caught A/d1
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
    void resilienceScoreWeighsTheScaledComponents() {
        // drawdown -10 % of a 50 % limit: 80; precision 0.55: 55; Sharpe 1 of cap 2: 50
        Map<String, Double> c = ResilienceScore.components(-0.10, 0.55, 1.0, RESILIENCE);
        assertEquals(80, c.get("drawdown"), 1e-9);
        assertEquals(55, c.get("precision"), 1e-9);
        assertEquals(50, c.get("sharpe"), 1e-9);
        assertEquals(0.4 * 80 + 0.3 * 55 + 0.3 * 50, ResilienceScore.score(-0.10, 0.55, 1.0, RESILIENCE), 1e-9);
        // beyond the limits: clamped to 0 and 100; undefined Sharpe and precision score 0
        assertEquals(0.3 * 100, ResilienceScore.score(-0.7, Double.NaN, 5.0, RESILIENCE), 1e-9);
        assertEquals(0.4 * 100, ResilienceScore.score(0.0, 0.0, Double.NaN, RESILIENCE), 1e-9);
        assertEquals(0.0, ResilienceScore.components(-0.1, 0.5, -1.0, RESILIENCE).get("sharpe"), 0.0);
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
