package io.sensequant.evaluation;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The STAT_TESTS statistics against commons-math3 and hand-computed cases, without Spark. */
class StatTestsStatisticsTest {
    static final double[] R = {0.01, -0.02, 0.015, 0.003, -0.007, 0.012, -0.001, 0.004};
    static final double[] I = {0.008, -0.015, 0.01, 0.001, -0.004, 0.009, 0.002, 0.003};

    @Test
    void sharpeSortinoDrawdownAndAnnualReturnAgreeWithIndependentComputations() {
        DescriptiveStatistics stats = new DescriptiveStatistics(R);
        assertEquals(stats.getMean() / stats.getStandardDeviation() * Math.sqrt(252), ReturnStats.sharpe(R, 252), 1e-12);
        // downside deviation by hand: losses -0.02, -0.007, -0.001 over 8 days
        double downside = Math.sqrt((0.02 * 0.02 + 0.007 * 0.007 + 0.001 * 0.001) / 8);
        assertEquals(stats.getMean() / downside * Math.sqrt(252), ReturnStats.sortino(R, 252), 1e-12);
        // equity 1.01 peak, then 1.01*0.98 = 0.9898: drawdown 2%; later dips are smaller
        assertEquals(-0.02, ReturnStats.maxDrawdown(R), 1e-12);
        assertEquals(-0.5, ReturnStats.maxDrawdown(new double[]{0.1, -0.5, 0.2}), 1e-12);
        double growth = 1;
        for (double r : R) {
            growth *= 1 + r;
        }
        assertEquals(Math.pow(growth, 252.0 / 8) - 1, ReturnStats.annualReturn(R, 252), 1e-12);
        assertEquals(2.0 / 3, ReturnStats.hitRate(new double[]{0.1, -0.1, 0.2, 0.0}, new boolean[]{true, true, true, false}), 1e-12);
        assertTrue(Double.isNaN(ReturnStats.sharpe(new double[]{0.01, 0.01}, 252)), "no variation: undefined");
        assertTrue(Double.isNaN(ReturnStats.sortino(new double[]{0.01, 0.02}, 252)), "no loss: undefined");
    }

    @Test
    void alphaBetaInformationRatioTrackingErrorAndCorrelationAgreeWithCommonsMath() {
        RelativeStats relative = RelativeStats.of(R, I, 252, 2);
        SimpleRegression regression = new SimpleRegression();
        for (int t = 0; t < R.length; t++) {
            regression.addData(I[t], R[t]);
        }
        assertEquals(regression.getSlope(), relative.beta(), 1e-12);
        assertEquals(regression.getIntercept() * 252, relative.alpha(), 1e-12);
        assertEquals(new PearsonsCorrelation().correlation(R, I), relative.correlation(), 1e-12);
        double[] active = new double[R.length];
        for (int t = 0; t < R.length; t++) {
            active[t] = R[t] - I[t];
        }
        DescriptiveStatistics a = new DescriptiveStatistics(active);
        assertEquals(a.getStandardDeviation() * Math.sqrt(252), relative.trackingError(), 1e-12);
        assertEquals(a.getMean() / a.getStandardDeviation() * Math.sqrt(252), relative.informationRatio(), 1e-12);
        // alpha's HAC test is the intercept's Newey-West test of the same regression, annualised
        io.sensequant.stats.NeweyWest.Test intercept = io.sensequant.stats.NeweyWest.regression(R, I, 2)[0];
        assertEquals(intercept.standardError() * 252, (Double) relative.asMap().get("alpha_hac_standard_error"), 1e-15);
        assertEquals(intercept.pTwoSided(), (Double) relative.asMap().get("alpha_p_value_two_sided"), 1e-15);
        assertEquals(2, relative.asMap().get("alpha_hac_lag"));
        assertTrue(intercept.pTwoSided() > 0 && intercept.pTwoSided() < 1, intercept.toString());
        RelativeStats self = RelativeStats.of(I, I, 252, 2);
        assertEquals(1.0, self.beta(), 1e-12);
        assertEquals(0.0, self.alpha(), 1e-12);
        assertEquals(1.0, self.correlation(), 1e-12);
    }

    @Test
    void pValuesAgreeWithCommonsMathAndHandComputedCases() {
        // McNemar: 8 discordant rows for the student, 2 for the baseline: P(X >= 8 | Bin(10, 1/2)) = 56 / 1024
        HypothesisTests.Result mcnemar = HypothesisTests.mcnemar(8, 2, 40, 0.05);
        assertEquals(56.0 / 1024, mcnemar.pValue(), 1e-12);
        assertEquals(6 / Math.sqrt(10), mcnemar.statistic(), 1e-12);
        assertEquals(6.0 / 40, mcnemar.delta(), 1e-12);
        assertFalse(mcnemar.significant());
        // binomial: 7 of 10 against a 1/2 share: 176 / 1024
        HypothesisTests.Result binomial = HypothesisTests.binomial(7, 10, 0.5, 0.05);
        assertEquals(176.0 / 1024, binomial.pValue(), 1e-12);
        assertEquals(0.2, binomial.delta(), 1e-12);
        for (int[] c : new int[][]{{500, 300, 0}, {500, 190, 0}, {1200, 520, 0}, {50, 3, 0}}) {
            BinomialDistribution d = new BinomialDistribution(null, c[0], 0.4);
            double expected = 0;
            for (int k = c[1]; k <= c[0]; k++) {
                expected += d.probability(k);
            }
            assertEquals(expected, HypothesisTests.upperTail(c[0], 0.4, c[1]), 1e-10 + 1e-9 * expected);
        }
        assertEquals(1.0, HypothesisTests.mcnemar(0, 0, 10, 0.05).pValue());
    }

    @Test
    void plantedSkillIsSignificantAndPlantedNoiseIsNot() {
        Random random = new Random(2024);
        int n = 600;
        int[] labels = new int[n];
        int[] skilled = new int[n];
        int[] noise = new int[n];
        int[] persistence = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            labels[i] = u < 0.3 ? 0 : u < 0.7 ? 1 : 2;
            skilled[i] = random.nextDouble() < 0.8 ? labels[i] : random.nextInt(3);
            noise[i] = random.nextInt(3);
            persistence[i] = i < 5 ? StudentTestRows.NONE : random.nextInt(3);
        }
        StudentTestRows good = rows(labels, skilled, persistence);
        StudentTestRows bad = rows(labels, noise, persistence);
        HypothesisTests.Result goodMajority = SignalTests.vsMajority(good, 3, 0.05);
        HypothesisTests.Result badMajority = SignalTests.vsMajority(bad, 3, 0.05);
        assertTrue(goodMajority.significant() && goodMajority.pValue() < 1e-6, goodMajority.toString());
        assertFalse(badMajority.significant(), badMajority.toString());
        assertTrue(badMajority.pValue() > 0.5, badMajority.toString());
        assertTrue(SignalTests.vsPersistence(good, 0.05).significant());
        HypothesisTests.Result badPersistence = SignalTests.vsPersistence(bad, 0.05);
        assertFalse(badPersistence.significant(), badPersistence.toString());
        assertEquals((long) n - 5, badPersistence.details().get("n"), "rows without a persistence call are left out");

    }

    @Test
    void sharpeIntervalIsAStationaryBootstrapOverDaysAndTheDeflatedSharpeCountsTrials() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[] net = new double[250];
        for (int d = 0; d < net.length; d++) {
            net[d] = 0.0008 + 0.01 * random.nextGaussian();
        }
        LongShortStrategy.Days days = new LongShortStrategy.Days(net, net, new double[net.length], new double[net.length],
                new boolean[net.length]);
        StrategyReport report = new StrategyReport(days, net, net, 252, 7);
        io.sensequant.stats.StationaryBootstrap.Interval sharpe = report.sharpe(300, 0.95, 7, 11L);
        assertEquals(ReturnStats.sharpe(net, 252), sharpe.estimate(), 1e-12);
        assertTrue(sharpe.lower() < sharpe.estimate() && sharpe.estimate() < sharpe.upper(), sharpe.toString());
        assertEquals(sharpe, report.sharpe(300, 0.95, 7, 11L), "seeded: the same interval again");
        // one year of daily returns: the annualised Sharpe's standard error is about 1, so the 95% interval spans ~4
        assertEquals(4.0, sharpe.upper() - sharpe.lower(), 1.5);
        io.sensequant.stats.DeflatedSharpe.Result one = report.deflatedSharpe(1);
        io.sensequant.stats.DeflatedSharpe.Result many = report.deflatedSharpe(36);
        assertTrue(many.pValue() > one.pValue(), "more trials deflate more: " + one + " " + many);
        assertEquals(36, many.trials());
    }

    @Test
    void theVerdictIsDateLevelAndAStudentWorseThanTheMajorityIsNeverSignificant() {
        // 200 dates x 3 symbols; labels from the forward return, mostly class 1 (the majority); 600 rows
        Random random = new Random(99);
        int n = 600;
        int[] labels = new int[n];
        int[] lazy = new int[n];
        int[] skilled = new int[n];
        int[] persistence = new int[n];
        double[] forward = new double[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            forward[i] = random.nextGaussian();
            labels[i] = classOf(forward[i]);
            scores[i] = forward[i] + 0.7 * random.nextGaussian();                  // ranks the returns well
            skilled[i] = classOf(scores[i]);
            // the same scores, but classes below the majority share: the majority class, else a wrong class
            lazy[i] = random.nextDouble() < 0.7 ? 1 : (labels[i] + 1 + random.nextInt(2)) % 3;
            persistence[i] = random.nextInt(3);
        }
        StudentTestRows worse = rows(labels, lazy, persistence, scores, forward);
        io.sensequant.stats.DatePanel panel = worse.panel(3);
        assertEquals(200, panel.dates(), "dates numbered 0.. in time order");
        assertArrayEquals(new int[]{0, 0, 0, 1}, java.util.Arrays.copyOf(panel.date(), 4));
        io.sensequant.stats.DateLevelVerdict.Settings settings = new io.sensequant.stats.DateLevelVerdict.Settings(
                0.05, 7, 7, 300, 0.95, 5L, 2, 3);
        io.sensequant.stats.DateLevelVerdict.WalkForwardEvidence folds =
                new io.sensequant.stats.DateLevelVerdict.WalkForwardEvidence(3, new double[]{0.1, 0.1, 0.1},
                        new double[]{0.01, 0.01, 0.01});
        io.sensequant.stats.DateLevelVerdict.Result lazyVerdict = io.sensequant.stats.DateLevelVerdict.decide(panel, folds, settings);
        double accuracy = 0;
        double majority = 0;
        for (int i = 0; i < n; i++) {
            accuracy += labels[i] == lazy[i] ? 1.0 / n : 0;
            majority += labels[i] == 1 ? 1.0 / n : 0;
        }
        assertTrue(accuracy < majority, accuracy + " vs majority " + majority);
        assertFalse(lazyVerdict.passed(), "worse than the majority class: never passed");
        assertTrue(lazyVerdict.rankIc().pOneSided() < 1e-6, "its scores rank well: " + lazyVerdict.rankIc());
        assertEquals(List.of("the student is not better than the constant majority-class predictor"),
                lazyVerdict.reasons().stream().map(r -> r.substring(0, r.indexOf(" (class"))).toList(),
                "the edge requirement alone fails it: " + lazyVerdict.reasons());
        assertTrue(lazyVerdict.edge().pOneSided() > 0.5, lazyVerdict.edge().toString());
        assertEquals(accuracy - majority, lazyVerdict.edge().estimate(), 1e-9, "equal rows per date: mean edge = row edge");
        io.sensequant.stats.DateLevelVerdict.Result skilledVerdict = io.sensequant.stats.DateLevelVerdict.decide(
                rows(labels, skilled, persistence, scores, forward).panel(3), folds, settings);
        assertTrue(skilledVerdict.passed(), skilledVerdict.reasons().toString());
        io.sensequant.stats.DateLevelVerdict.Result noScores = io.sensequant.stats.DateLevelVerdict.decide(
                rows(labels, skilled, persistence).panel(3), folds, settings);
        assertFalse(noScores.passed(), "right classes but no scores: nothing ranks, nothing is claimed");
        assertEquals(200, skilledVerdict.dates());
    }

    @Test
    void summaryContractIsDecidedByDateLevelTestsAndSaysWhenWalkForwardCannotEnter() {
        Random random = new Random(5);
        int n = 900;
        int[] labels = new int[n];
        int[] predictions = new int[n];
        int[] persistence = new int[n];
        double[] forward = new double[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            forward[i] = random.nextGaussian();
            labels[i] = classOf(forward[i]);
            scores[i] = forward[i] + random.nextGaussian();
            predictions[i] = classOf(scores[i]);
            persistence[i] = random.nextInt(3);
        }
        StudentTestRows rows = rows(labels, predictions, persistence, scores, forward);
        io.sensequant.config.PipelineConfig.StatTests settings = new io.sensequant.config.PipelineConfig.StatTests(true,
                new io.sensequant.config.PipelineConfig.WalkForward(12, 3, 4, 50, 20, 2),
                new io.sensequant.config.PipelineConfig.Bootstrap(200, 0.95, 0.0),
                new io.sensequant.config.PipelineConfig.Hypothesis(0.05),
                new io.sensequant.config.PipelineConfig.Inference(0, 0),
                new io.sensequant.config.PipelineConfig.Strategy(10, 252),
                new io.sensequant.config.PipelineConfig.Benchmark("", "NIFTY 50"));
        WalkForwardPlan.Fold fold = new WalkForwardPlan.Fold(3, LocalDate.of(2023, 1, 2), LocalDate.of(2023, 12, 1),
                LocalDate.of(2023, 12, 12), LocalDate.of(2024, 3, 1), null);
        List<WalkForward.Outcome> folds = List.of(new WalkForward.Outcome(fold, 500, 200, 0.5, 0.45, 0.36, 0.04, WalkForward.COMPLETED, null));
        io.sensequant.stats.DateLevelVerdict.Result verdict = io.sensequant.stats.DateLevelVerdict.decide(rows.panel(3),
                StatTestsSummary.evidence(folds), new io.sensequant.stats.DateLevelVerdict.Settings(0.05, 7, 7, 200, 0.95, 3L, 2, 3));
        double[] net = new double[120];
        for (int d = 0; d < net.length; d++) {
            net[d] = 0.001 + 0.01 * random.nextGaussian();
        }
        StrategyReport report = new StrategyReport(new LongShortStrategy.Days(net, net, new double[net.length],
                new double[net.length], new boolean[net.length]), net, net, 252, 7);
        StatTestsSummary summary = new StatTestsSummary(settings, folds, verdict,
                io.sensequant.stats.StationaryBootstrap.mean(new double[]{0.5, 0.6}, 50, 0.95, 7, 1L),
                report.sharpe(100, 0.95, 7, 2L), report.deflatedSharpe(6), "6 trials (test)",
                SignalTests.vsMajority(rows, 3, 0.05), SignalTests.vsPersistence(rows, 0.05), report, "x", "/tmp/r.json",
                LongShortStrategy.definition(7, 10.0, 252), DirectBaselineTests.notRun("training.student.direct_baseline is false"));
        java.util.Map<String, Object> contract = summary.contract();
        assertEquals("passed", contract.get("status"), String.valueOf(contract.get("reason")));
        assertEquals(LongShortStrategy.definition(7, 10.0, 252), contract.get("strategy_definition"));
        assertEquals("not_run", ((java.util.Map<?, ?>) contract.get("direct_baseline")).get("status"));
        assertTrue(((String) contract.get("reason")).contains("walk-forward could not enter the verdict: 1 of 1 folds"),
                String.valueOf(contract.get("reason")));
        assertEquals(List.of(io.sensequant.stats.DateLevelVerdict.RANK_IC_TEST, io.sensequant.stats.DateLevelVerdict.RANK_IC_BOOTSTRAP,
                io.sensequant.stats.DateLevelVerdict.EDGE_REQUIREMENT), contract.get("decided_by"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> date = (java.util.Map<String, Object>) contract.get("date_level");
        assertEquals(300, date.get("n_dates"));
        assertEquals("date", date.get("unit"));
        assertTrue(String.valueOf(date.get("correction")).startsWith("intersection-union"));
        assertEquals(io.sensequant.stats.DateLevelVerdict.CLAIM, date.get("claim"));
        assertTrue(String.valueOf(date.get("claim")).contains("rank the next-h-session returns"));
        String headline = summary.headline();
        assertTrue(headline.contains("date level, 300 dates, HAC lag 7") && headline.contains("mean daily Rank IC +")
                && headline.contains("one-sided p = ") && headline.contains("requirement > 0 holds"), headline);
        assertFalse(headline.contains("NaN"), headline);
        assertTrue(summary.metrics().get("stat_tests/date_level").containsKey("rank_ic_p_one_sided"));
        assertEquals(0.04, summary.metrics().get("stat_tests/walk_forward/fold_3").get("mean_rank_ic"), 1e-15);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> hypothesis = (java.util.Map<String, Object>) contract.get("hypothesis");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> rankIc = (java.util.Map<String, Object>) hypothesis.get("rank_ic");
        assertEquals(true, rankIc.get("deciding"));
        assertEquals(verdict.rankIc().pOneSided(), (Double) rankIc.get("p_value"), 0.0);

        // the same rows with the scores reversed: the Rank IC is negative, the verdict fails and says why in figures
        double[] reversed = java.util.Arrays.stream(scores).map(x -> -x).toArray();
        io.sensequant.stats.DateLevelVerdict.Result against = io.sensequant.stats.DateLevelVerdict.decide(
                rows(labels, predictions, persistence, reversed, forward).panel(3), StatTestsSummary.evidence(folds),
                new io.sensequant.stats.DateLevelVerdict.Settings(0.05, 7, 7, 200, 0.95, 3L, 2, 3));
        assertFalse(against.passed());
        assertTrue(against.reasons().get(0).startsWith(String.format("mean daily Rank IC %+.4f over 300 dates is not "
                + "significantly above 0", against.rankIc().estimate())), against.reasons().toString());
    }

    @Test
    void walkForwardFoldsAreInTimeOrderWithoutOverlapAndPurged() {
        List<LocalDate> sessions = weekdays(LocalDate.of(2020, 1, 1), LocalDate.of(2023, 12, 29));
        int purge = 7;
        List<WalkForwardPlan.Fold> folds = WalkForwardPlan.of(sessions, 12, 3, 4, purge);
        assertEquals(4, folds.size());
        assertEquals(sessions.get(sessions.size() - 1), folds.get(3).testEnd(), "the last fold ends at the last session");
        for (int k = 0; k < folds.size(); k++) {
            WalkForwardPlan.Fold f = folds.get(k);
            assertEquals(k, f.fold());
            assertNull(f.reason());
            assertTrue(f.trainStart().isBefore(f.trainEnd()) && f.trainEnd().isBefore(f.testStart())
                    && !f.testStart().isAfter(f.testEnd()), f.toString());
            // purge: exactly `purge` sessions strictly between the last train and the first test session
            assertEquals(purge, sessions.indexOf(f.testStart()) - sessions.indexOf(f.trainEnd()) - 1, f.toString());
            assertTrue(!f.trainStart().isBefore(f.trainEnd().minusMonths(12)), "train period within 12 months: " + f);
            assertTrue(!f.testStart().isBefore(f.testEnd().minusMonths(3)), "test period within 3 months: " + f);
            if (k > 0) {
                WalkForwardPlan.Fold before = folds.get(k - 1);
                assertEquals(sessions.indexOf(before.testEnd()) + 1, sessions.indexOf(f.testStart()),
                        "test periods follow each other without gap or overlap");
                assertTrue(before.trainStart().isBefore(f.trainStart()), "train periods roll forward");
            }
        }
        assertEquals(LocalDate.of(2023, 10, 2), folds.get(3).testStart());

        // too little data: the oldest folds carry a reason instead of dates
        List<WalkForwardPlan.Fold> short_ = WalkForwardPlan.of(weekdays(LocalDate.of(2023, 1, 2), LocalDate.of(2023, 12, 29)),
                12, 3, 5, purge);
        assertTrue(short_.get(0).reason().startsWith("no sessions left"), short_.get(0).toString());
        assertTrue(short_.get(1).reason().startsWith("no sessions before the test period"), short_.get(1).toString());
        assertNull(short_.get(2).reason());
    }

    @Test
    void strategyBooksTranchesReturnsTurnoverAndCostsByHand() {
        int[][] signals = {{1, -1}, {1, 0}, {0, 0}};
        boolean[][] predicted = {{true, true}, {true, true}, {true, true}};
        double[][] returns = {{0.01, 0.02}, {-0.01, 0.03}, {0.02, Double.NaN}};
        // H = 1: books (0.5, -0.5), (0.5, 0), (0, 0)
        LongShortStrategy.Days one = LongShortStrategy.run(signals, predicted, returns, 1, 10);
        assertArrayEquals(new double[]{0.5 * 0.01 - 0.5 * 0.02, 0.5 * -0.01, 0}, one.gross(), 1e-12);
        assertArrayEquals(new double[]{1.0, 0.5, 0.5}, one.turnover(), 1e-12);
        assertArrayEquals(new double[]{1.0e-3, 0.5e-3, 0.5e-3}, one.cost(), 1e-12);
        assertArrayEquals(new double[]{-0.005 - 1e-3, -0.005 - 0.5e-3, -0.5e-3}, one.net(), 1e-12);
        assertArrayEquals(new boolean[]{true, true, false}, one.invested());
        // H = 2: tranches of 1/2; books (0.25, -0.25), (0.5, -0.25), (0.25, 0)
        LongShortStrategy.Days two = LongShortStrategy.run(signals, predicted, returns, 2, 0);
        assertArrayEquals(new double[]{0.25 * 0.01 - 0.25 * 0.02, 0.5 * -0.01 - 0.25 * 0.03, 0.25 * 0.02}, two.gross(), 1e-12);
        assertArrayEquals(new double[]{0.5, 0.25, 0.5}, two.turnover(), 1e-12);
        assertArrayEquals(two.gross(), two.net(), 1e-12);
        // buy and hold: half in each; day 2 the second symbol has no bar (earns 0)
        double[] hold = LongShortStrategy.buyAndHold(returns);
        assertEquals(0.015, hold[0], 1e-12);
        double a = 0.5 * 1.01;
        double b = 0.5 * 1.02;
        assertEquals((a * 0.99 + b * 1.03) / (a + b) - 1, hold[1], 1e-12);
    }

    @Test
    void gridAlignsSignalsWithNextSessionReturnsAndTheIndexParses() {
        LocalDate d1 = LocalDate.of(2024, 1, 1);
        LocalDate d2 = LocalDate.of(2024, 1, 2);
        LocalDate d3 = LocalDate.of(2024, 1, 3);
        StudentTestRows rows = new StudentTestRows(new String[]{"A", "B", "A", "B", "A"},
                new LocalDate[]{d1, d1, d2, d2, d3}, new int[]{2, 0, 1, 1, 2}, new int[]{2, 0, 1, 2, 2}, new int[]{-1, -1, -1, -1, -1});
        NavigableMap<LocalDate, Double> a = new TreeMap<>(java.util.Map.of(d1, 100.0, d2, 110.0, d3, 99.0));
        NavigableMap<LocalDate, Double> b = new TreeMap<>(java.util.Map.of(d1, 50.0, d3, 55.0));
        StrategyGrid grid = StrategyGrid.of(rows, java.util.Map.of("A", a, "B", b));
        assertArrayEquals(new LocalDate[]{d1, d2}, grid.days(), "the last day has no next session");
        assertArrayEquals(new LocalDate[]{d2, d3}, grid.realised());
        assertArrayEquals(new int[]{1, -1}, grid.signals()[0]);
        assertArrayEquals(new int[]{0, 1}, grid.signals()[1]);
        assertEquals(0.1, grid.returns()[0][0], 1e-12);
        assertTrue(Double.isNaN(grid.returns()[0][1]), "B has no bar on d2");
        assertEquals(99.0 / 110 - 1, grid.returns()[1][0], 1e-12);

        NavigableMap<LocalDate, Double> index = IndexSeries.parse("Date,Open,Close\n2024-01-01,1,100\n2024-01-03,1,102\n", "x.csv");
        double[] returns = IndexSeries.returnsOn(new LocalDate[]{d2, d3}, index);
        assertTrue(Double.isNaN(returns[0]));
        assertEquals(0.02, returns[1], 1e-12);
        io.sensequant.config.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                io.sensequant.config.ConfigException.class, () -> IndexSeries.parse("date,close\n2024-13-01,5\n", "y.csv"));
        assertTrue(bad.getMessage().contains("stat_tests.benchmark.index_csv") && bad.getMessage().contains("line 2"), bad.getMessage());
    }

    static StudentTestRows rows(int[] labels, int[] predictions, int[] persistence) {
        StudentTestRows rows = rows(labels, predictions, persistence, new double[labels.length], new double[labels.length]);
        return new StudentTestRows(rows.symbols(), rows.dates(), labels, predictions, persistence);
    }

    /** Down / neutral / up at -/+0.67 of a standard normal: a quarter, a half, a quarter. */
    static int classOf(double x) {
        return x < -0.67 ? 0 : x > 0.67 ? 2 : 1;
    }

    static StudentTestRows rows(int[] labels, int[] predictions, int[] persistence, double[] scores, double[] forward) {
        int n = labels.length;
        String[] symbols = new String[n];
        LocalDate[] dates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = "S" + (i % 3);
            dates[i] = LocalDate.of(2024, 1, 1).plusDays(i / 3);
        }
        return new StudentTestRows(symbols, dates, labels, predictions, persistence, scores, forward);
    }

    static List<LocalDate> weekdays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    private static double mean(double[] values, int[] idx) {
        double sum = 0;
        for (int i : idx) {
            sum += values[i];
        }
        return sum / idx.length;
    }
}
