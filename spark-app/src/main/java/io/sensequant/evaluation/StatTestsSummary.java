package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.snapshot.ScoringSchema;
import io.sensequant.stats.DateLevelVerdict;
import io.sensequant.stats.DeflatedSharpe;
import io.sensequant.stats.NeweyWest;
import io.sensequant.stats.StationaryBootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stage's verdict and figures in three shapes: the phase summary (the contract the briefing renders), the
 * {@code metrics} rows, and {@code stat_tests.json} (the summary plus the per-fold rows, the settings, the
 * methods and the tables and versions every figure comes from). The verdict is {@link DateLevelVerdict}'s, decided
 * only at the date level ({@code decided_by}: the Rank IC test and bootstrap, the edge requirement, walk-forward);
 * "passed" claims {@link DateLevelVerdict#CLAIM}. The row-level binomial and McNemar tests are descriptive.
 *
 * @param accuracy   stationary-bootstrap interval of the mean daily accuracy
 * @param sharpe     stationary-bootstrap interval of the strategy's annualised Sharpe ratio (days)
 * @param trials     how many configurations were tried before this one (for the deflated Sharpe), and from where
 * @param vsMajority descriptive row-level binomial test; {@code vsTeacherFree} descriptive row-level McNemar test
 */
record StatTestsSummary(PipelineConfig.StatTests settings, List<WalkForward.Outcome> folds, DateLevelVerdict.Result verdict,
                        StationaryBootstrap.Interval accuracy, StationaryBootstrap.Interval sharpe,
                        DeflatedSharpe.Result deflatedSharpe, String trialsSource, HypothesisTests.Result vsMajority,
                        HypothesisTests.Result vsTeacherFree, StrategyReport strategy, String indexSource,
                        String reportPath, String strategyDefinition, Map<String, Object> directBaseline) {
    static final String ROW_LEVEL_NOTE = "descriptive: rows are not independent; not used for the verdict";

    String status() {
        return verdict.passed() ? StatTestsPhase.PASSED : StatTestsPhase.FAILED;
    }

    /** Why the verdict is "failed", then what could not enter it (e.g. walk-forward); empty when neither. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>(verdict.reasons());
        reasons.addAll(verdict.notes());
        return reasons;
    }

    Map<String, Object> walkForward() {
        List<WalkForward.Outcome> done = completed(folds);
        double[] accuracies = done.stream().mapToDouble(WalkForward.Outcome::accuracy).toArray();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("folds", folds.size());
        map.put("completed", done.size());
        map.put("mean_accuracy", ReturnStats.mean(accuracies));
        map.put("std_accuracy", ReturnStats.std(accuracies));
        map.put("mean_macro_f1", ReturnStats.mean(done.stream().mapToDouble(WalkForward.Outcome::macroF1).toArray()));
        map.put("mean_baseline_accuracy", ReturnStats.mean(done.stream().mapToDouble(WalkForward.Outcome::baselineAccuracy).toArray()));
        DateLevelVerdict.WalkForwardCheck check = verdict.walkForward();
        map.put("mean_rank_ic", check.meanRankIc());
        map.put("mean_edge", check.meanEdge());
        map.put("min_completed_folds", check.minCompleted());
        map.put("entered_verdict", check.entered());
        map.put("agrees", check.agrees());
        if (check.note() != null) {
            map.put("note", check.note());
        }
        return map;
    }

    static List<WalkForward.Outcome> completed(List<WalkForward.Outcome> folds) {
        return folds.stream().filter(f -> f.status().equals(WalkForward.COMPLETED)).toList();
    }

    /**
     * The walk-forward evidence the verdict reads: each completed fold's mean daily Rank IC (deciding) and its
     * accuracy − its majority share (reported).
     */
    static DateLevelVerdict.WalkForwardEvidence evidence(List<WalkForward.Outcome> folds) {
        List<WalkForward.Outcome> done = completed(folds);
        return new DateLevelVerdict.WalkForwardEvidence(folds.size(),
                done.stream().mapToDouble(WalkForward.Outcome::meanRankIc).toArray(),
                done.stream().mapToDouble(f -> f.accuracy() - f.baselineAccuracy()).toArray());
    }

    Map<String, Object> bootstrap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", "stationary bootstrap (Politis-Romano 1994) over dates / days, percentile interval");
        map.put("iterations", settings.bootstrap().iterations());
        map.put("confidence", settings.bootstrap().confidence());
        map.put("mean_block_length", verdict.rankIcInterval().meanBlock());
        map.put("rank_ic", interval(verdict.rankIcInterval()));
        map.put("edge", interval(verdict.edgeInterval()));
        map.put("accuracy", interval(accuracy));
        map.put("sharpe", interval(sharpe));
        map.put("significant", verdict.rankIcInterval().lower() > 0);
        map.put("significant_means", "the mean daily Rank IC interval lies above 0 (the deciding interval; the "
                + "others are reported, not deciding)");
        return map;
    }

    private static Map<String, Object> interval(StationaryBootstrap.Interval interval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("estimate", interval.estimate());
        map.put("lower", interval.lower());
        map.put("upper", interval.upper());
        return map;
    }

    /** A date-level HAC test in the shape of the hypothesis section (test, statistic, p_value, delta, significant). */
    private Map<String, Object> dateTest(String name, NeweyWest.Test test, boolean deciding) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("test", name);
        map.put("deciding", deciding);
        map.put("unit", DateLevelVerdict.UNIT);
        map.put("statistic", test.t());
        map.put("p_value", test.pOneSided());
        map.put("delta", test.estimate());
        map.put("significant", test.pOneSided() < settings.hypothesis().alpha());
        return map;
    }

    /** {@code detailed}: with the counts behind the descriptive row-level tests (the report). */
    Map<String, Object> hypothesis(boolean detailed) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("alpha", settings.hypothesis().alpha());
        map.put("rank_ic", dateTest(DateLevelVerdict.RANK_IC_TEST, verdict.rankIc(), true));
        map.put("vs_majority", dateTest("newey_west_one_sided_mean_daily_edge_vs_majority", verdict.edge(), false));
        map.put("vs_teacher_free", dateTest("newey_west_one_sided_mean_daily_edge_vs_persistence", verdict.vsPersistence(), false));
        map.put("note", "rank_ic decides with the bootstrap, the edge requirement (vs_majority's delta > 0, its p is "
                + "evidence only) and walk-forward; vs_teacher_free is reported, not deciding");
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("note", ROW_LEVEL_NOTE);
        rows.put("vs_majority", detailed ? vsMajority.asMap() : vsMajority.core());
        rows.put("vs_teacher_free", detailed ? vsTeacherFree.asMap() : vsTeacherFree.core());
        map.put("row_level_descriptive", rows);
        return map;
    }

    Map<String, Object> strategySection() {
        Map<String, Object> map = new LinkedHashMap<>(strategy.strategy());
        map.put("sharpe_interval", interval(sharpe));
        Map<String, Object> deflated = new LinkedHashMap<>(deflatedSharpe.asMap());
        deflated.put("trials_source", trialsSource);
        map.put("deflated_sharpe", deflated);
        return map;
    }

    Map<String, Object> benchmark() {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", settings.benchmark().indexName());
        index.put("source", indexSource);
        index.putAll(strategy.relative().asMap());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("buy_and_hold", strategy.buyAndHoldSummary());
        map.put("index_proxy", index);
        return map;
    }

    /** The phase summary, key for key as the briefing reads it. */
    Map<String, Object> contract() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status());
        if (!reasons().isEmpty()) {
            map.put("reason", String.join("; ", reasons()));
        }
        map.put("decided_by", verdict.decidedBy());
        map.put("date_level", verdict.asMap());
        map.put("walk_forward", walkForward());
        map.put("bootstrap", bootstrap());
        map.put("hypothesis", hypothesis(false));
        map.put("strategy", strategySection());
        map.put("strategy_definition", strategyDefinition);
        map.put("benchmark", benchmark());
        map.put("direct_baseline", directBaseline);
        map.put("report", reportPath);
        return FiniteValues.cleanMap(map);
    }

    /** scope → metric → value for {@code metrics} (stage STAT_TESTS); undefined figures are left out. */
    Map<String, Map<String, Double>> metrics() {
        Map<String, Map<String, Double>> scopes = new LinkedHashMap<>();
        scopes.put("stat_tests/walk_forward", FiniteValues.metrics(walkForward()));
        for (WalkForward.Outcome fold : folds) {
            Map<String, Double> values = FiniteValues.metrics(Map.<String, Object>of("accuracy", fold.accuracy(), "macro_f1", fold.macroF1(),
                    "baseline_accuracy", fold.baselineAccuracy(), "mean_rank_ic", fold.meanRankIc(),
                    "train_rows", fold.trainRows(), "test_rows", fold.testRows()));
            scopes.put("stat_tests/walk_forward/fold_" + fold.fold().fold(), new TreeMap<>(values));
        }
        Map<String, Object> date = new LinkedHashMap<>();
        date.put("n_dates", verdict.dates());
        date.put("hac_lag", verdict.hacLag());
        date.put("mean_daily_accuracy", verdict.meanAccuracy());
        date.put("mean_daily_baseline_accuracy", verdict.meanBaseline());
        date.put("n_rank_ic_dates", verdict.rankIcDates());
        putTest(date, "rank_ic", verdict.rankIc());
        putTest(date, "edge", verdict.edge());
        date.put("edge_above_zero", verdict.edgeAboveZero());
        putTest(date, "vs_persistence", verdict.vsPersistence());
        putTest(date, "ic", verdict.ic());
        date.put("passed", verdict.passed());
        scopes.put("stat_tests/date_level", new TreeMap<>(FiniteValues.metrics(date)));
        Map<String, Object> boot = new LinkedHashMap<>();
        Map<String, StationaryBootstrap.Interval> intervals = new LinkedHashMap<>();
        intervals.put("rank_ic", verdict.rankIcInterval());
        intervals.put("edge", verdict.edgeInterval());
        intervals.put("accuracy", accuracy);
        intervals.put("sharpe", sharpe);
        intervals.forEach((name, interval) -> {
            boot.put(name + "_estimate", interval.estimate());
            boot.put(name + "_lower", interval.lower());
            boot.put(name + "_upper", interval.upper());
        });
        boot.put("significant", verdict.rankIcInterval().lower() > 0);
        scopes.put("stat_tests/bootstrap", new TreeMap<>(FiniteValues.metrics(boot)));
        scopes.put("stat_tests/hypothesis/vs_majority", FiniteValues.metrics(vsMajority.asMap()));
        scopes.put("stat_tests/hypothesis/vs_teacher_free", FiniteValues.metrics(vsTeacherFree.asMap()));
        scopes.put("stat_tests/strategy", FiniteValues.metrics(strategy.strategy()));
        scopes.put("stat_tests/strategy/deflated_sharpe", FiniteValues.metrics(deflatedSharpe.asMap()));
        scopes.put("stat_tests/benchmark/buy_and_hold", FiniteValues.metrics(strategy.buyAndHoldSummary()));
        scopes.put("stat_tests/benchmark/index_proxy", FiniteValues.metrics(strategy.relative().asMap()));
        return scopes;
    }

    private static void putTest(Map<String, Object> map, String name, NeweyWest.Test test) {
        map.put(name + "_mean", test.estimate());
        map.put(name + "_hac_se", test.standardError());
        map.put(name + "_t", test.t());
        map.put(name + "_p_one_sided", test.pOneSided());
    }

    String headline() {
        Map<String, Object> strat = strategy.strategy();
        Map<String, Object> wf = walkForward();
        NeweyWest.Test rankIc = verdict.rankIc();
        StationaryBootstrap.Interval interval = verdict.rankIcInterval();
        return String.format("verdict %s (date level, %d dates, HAC lag %d): mean daily Rank IC %s (one-sided p = %s), "
                        + "%.0f%% interval [%s, %s]; edge over majority %s (requirement > 0 %s; p = %s, not deciding); "
                        + "walk-forward %d/%d folds, mean fold Rank IC %s%s; strategy Sharpe %s [%s, %s] over %d days, "
                        + "deflated p = %s over %d trials (buy-and-hold %s)",
                status(), verdict.dates(), verdict.hacLag(), signed(rankIc.estimate()), p(rankIc.pOneSided()),
                100 * interval.confidence(), signed(interval.lower()), signed(interval.upper()),
                signed(verdict.edge().estimate()), verdict.edgeAboveZero() ? "holds" : "fails",
                p(verdict.edge().pOneSided()),
                (Integer) wf.get("completed"), folds.size(), signed(verdict.walkForward().meanRankIc()),
                verdict.walkForward().entered() ? "" : " (not in the verdict)",
                format((Double) strat.get("sharpe")), format(sharpe.lower()), format(sharpe.upper()),
                (Integer) strat.get("days"), format(deflatedSharpe.pValue()), deflatedSharpe.trials(),
                format((Double) strategy.buyAndHoldSummary().get("sharpe")));
    }

    private static String signed(double value) {
        return Double.isFinite(value) ? String.format("%+.4f", value) : "n/a";
    }

    private static String p(double value) {
        return Double.isFinite(value) ? String.format("%.3g", value) : "n/a";
    }

    private static String format(Double value) {
        return value == null || !Double.isFinite(value) ? "n/a" : String.format("%.3f", value);
    }

    /** stat_tests.json: the summary, every fold, the settings, the methods and where each figure is stored. */
    String report(String runId, Map<String, Long> versions, int horizon) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run_id", runId);
        report.put("scoring_schema_version", ScoringSchema.VERSION);
        report.putAll(contract());
        Map<String, Object> walk = new LinkedHashMap<>(walkForward());
        walk.put("fold_results", folds.stream().map(WalkForward.Outcome::asMap).toList());
        report.put("walk_forward", walk);
        Map<String, Object> boot = new LinkedHashMap<>(bootstrap());
        boot.put("sharpe_threshold", settings.bootstrap().sharpeThreshold());
        boot.put("sharpe_above_threshold_descriptive", sharpe.lower() > settings.bootstrap().sharpeThreshold());
        report.put("bootstrap", boot);
        report.put("hypothesis", hypothesis(true));
        Map<String, Object> strat = new LinkedHashMap<>(strategySection());
        strat.put("cost_bps", settings.strategy().costBps());
        strat.put("annualization_days", settings.strategy().annualizationDays());
        strat.put("holding_sessions", horizon);
        strat.put("gross_annual_return", ReturnStats.annualReturn(strategy.days().gross(), settings.strategy().annualizationDays()));
        report.put("strategy", strat);
        Map<String, Object> tables = new LinkedHashMap<>();
        versions.forEach((table, version) -> tables.put(table, Map.of("version", version, "filter", table.equals("metrics")
                ? "run_id = '" + runId + "' AND stage = 'STAT_TESTS'" : "run_id = '" + runId + "'")));
        report.put("tables", tables);
        report.put("methods", methods());
        return StatTestsPhase.json(FiniteValues.clean(report));
    }

    private static Map<String, Object> methods() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claim", "passed claims: " + DateLevelVerdict.CLAIM);
        m.put("verdict", "decided only at the date level (decided_by), as an intersection-union test: passed iff "
                + "(1) the one-sided Newey-West test of the mean daily Rank IC has p < alpha, (2) the stationary-bootstrap "
                + "interval of the mean daily Rank IC lies above 0, (3) the requirement (not a test) that the mean daily "
                + "accuracy edge over the constant majority-class predictor is above 0 holds, and (4) the completed "
                + "walk-forward folds' mean of their mean daily Rank IC is above 0 (only with at least "
                + "min_completed_folds completed; else reason says walk-forward could not enter). Every condition must "
                + "hold; adding conditions only lowers the size, so it is at most alpha with no multiplicity correction. "
                + "Calibrated on simulated panels (VerdictCalibrationTest, README)");
        m.put("date_level", "unit of observation: the test date. Per date over its symbols: the Rank IC (Spearman) and "
                + "IC (Pearson) of the score prob_up - prob_down against the realised forward return (dates with fewer "
                + "than validation.ic_min_symbols scored rows left out); accuracy, the accuracy of the constant prediction "
                + "of the majority class of the student's training labels (an ex-ante constant; the test labels' majority "
                + "only when there are no training labels, as the baseline text says), edge = their difference; the "
                + "0/1-loss difference against persistence. Each series' mean is tested with Newey-West (HAC, Bartlett "
                + "kernel, lag = hac_lag >= the target horizon h, because overlapping h-day labels make neighbouring "
                + "dates dependent); p from Student's t with n_dates - 1 degrees of freedom, one-sided. Only the Rank IC "
                + "test decides; the edge, IC and persistence tests are evidence, not deciding, so they need no correction");
        m.put("walk_forward", "rolling folds in time order, the last test period ending at the last labelled session; "
                + "train periods end the target horizon in sessions before their test period; each fold retrains the "
                + "student on teacher labels weighted by teacher confidence (student hyperparameters, seed derived from "
                + "stat_tests/walk_forward/fold_<k>) and scores it on its test rows: accuracy, macro F1, baseline = majority "
                + "share of the fold's test labels, and the mean over its test dates of the daily Rank IC of prob_up - "
                + "prob_down against fwd_return; unit: the fold; the verdict needs the completed folds' mean of their mean "
                + "daily Rank IC above 0 (a sign, not a test)");
        m.put("bootstrap", "stationary bootstrap (Politis-Romano 1994) with geometric blocks of mean length "
                + "mean_block_length, seeded from run.base_seed: percentile intervals of the mean daily Rank IC (deciding), "
                + "of the mean daily edge and mean daily accuracy (unit: the date; descriptive) and of the strategy's "
                + "annualised Sharpe ratio (unit: the day; descriptive); no multiplicity correction (only the Rank IC "
                + "interval decides, inside the intersection-union test)");
        m.put("vs_majority", "not deciding: Newey-West test of the mean daily edge over the majority baseline (see "
                + "date_level; the verdict only requires the edge to be above 0). Row-level exact binomial test of the "
                + "correct count against the majority share over all (symbol, date) rows: " + ROW_LEVEL_NOTE);
        m.put("vs_teacher_free", "Newey-West test of the mean daily 0/1-loss difference against the persistence "
                + "predictor (the symbol's label realised horizon sessions earlier; rows without one left out), reported, "
                + "not deciding. Row-level exact McNemar test on paired correctness: " + ROW_LEVEL_NOTE);
        m.put("strategy", "per test day, each predicted symbol gets 1/N of capital: long if predicted up, short if down, "
                + "flat if neutral; each day's signals are held for the horizon as overlapping 1/H tranches; returns are "
                + "one-bar close-to-close returns from ohlcv; costs = turnover x cost_bps / 10000; risk-free rate 0; "
                + "Sharpe interval: stationary bootstrap over days. Deflated Sharpe (Bailey & Lopez de Prado 2014): "
                + "probability that the true Sharpe exceeds the expected maximum of `trials` skill-less trials (the "
                + "variance across trials taken as 1/(T-1)), with the skewness/kurtosis adjustment; p = 1 - DSR; unit: the day");
        m.put("benchmark", "buy-and-hold: equal weights on the first test day, never rebalanced; index proxy: "
                + "stat_tests.benchmark.index_csv if set, else that buy-and-hold; alpha and beta from OLS of strategy on "
                + "index returns (alpha annualised) with alpha's Newey-West standard error (lag hac_lag days) and "
                + "two-sided t p-value (n - 2 degrees of freedom; unit: the day; one test, no correction); information "
                + "ratio and tracking error of the active return");
        return m;
    }
}
