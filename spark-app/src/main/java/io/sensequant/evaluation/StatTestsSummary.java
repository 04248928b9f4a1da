package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.snapshot.ScoringSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage's verdict and figures in three shapes: the phase summary (the contract the briefing renders), the
 * {@code metrics} rows, and {@code stat_tests.json} (the summary plus the per-fold rows, the settings, the
 * methods and the tables and versions every figure comes from). Verdict: "passed" when the student beats the
 * majority class at {@code alpha} and the lower bound of its bootstrap accuracy is above
 * {@code accuracy_threshold}; "failed" otherwise.
 */
record StatTestsSummary(PipelineConfig.StatTests settings, List<WalkForward.Outcome> folds, Bootstrap.Interval accuracy,
                        Bootstrap.Interval precision, Bootstrap.Interval sharpe, HypothesisTests.Result vsMajority,
                        HypothesisTests.Result vsTeacherFree, StrategyReport strategy, String indexSource,
                        String reportPath) {

    boolean accuracySignificant() {
        return accuracy.lower() > settings.bootstrap().accuracyThreshold();
    }

    String status() {
        return vsMajority.significant() && accuracySignificant() ? StatTestsPhase.PASSED : StatTestsPhase.FAILED;
    }

    /** Why the verdict is "failed"; empty when passed. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (!vsMajority.significant()) {
            reasons.add(String.format("not significantly better than the majority class at alpha %s (p = %.4g, delta %+.4f)",
                    settings.hypothesis().alpha(), vsMajority.pValue(), vsMajority.delta()));
        }
        if (!accuracySignificant()) {
            reasons.add(String.format("bootstrap accuracy lower bound %.4f is not above accuracy_threshold %s",
                    accuracy.lower(), settings.bootstrap().accuracyThreshold()));
        }
        return reasons;
    }

    Map<String, Object> walkForward() {
        List<WalkForward.Outcome> done = folds.stream().filter(f -> f.status().equals(WalkForward.COMPLETED)).toList();
        double[] accuracies = done.stream().mapToDouble(WalkForward.Outcome::accuracy).toArray();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("folds", folds.size());
        map.put("completed", done.size());
        map.put("mean_accuracy", ReturnStats.mean(accuracies));
        map.put("std_accuracy", ReturnStats.std(accuracies));
        map.put("mean_macro_f1", ReturnStats.mean(done.stream().mapToDouble(WalkForward.Outcome::macroF1).toArray()));
        map.put("mean_baseline_accuracy", ReturnStats.mean(done.stream().mapToDouble(WalkForward.Outcome::baselineAccuracy).toArray()));
        return map;
    }

    Map<String, Object> bootstrap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("iterations", settings.bootstrap().iterations());
        map.put("confidence", settings.bootstrap().confidence());
        map.put("accuracy", accuracy.asMap());
        map.put("precision", precision.asMap());
        map.put("sharpe", sharpe.asMap());
        map.put("significant", accuracySignificant());
        return map;
    }

    /** {@code detailed}: with the counts behind each test (the report), else the summary's five keys per test. */
    Map<String, Object> hypothesis(boolean detailed) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("alpha", settings.hypothesis().alpha());
        map.put("vs_majority", detailed ? vsMajority.asMap() : vsMajority.core());
        map.put("vs_teacher_free", detailed ? vsTeacherFree.asMap() : vsTeacherFree.core());
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
        map.put("walk_forward", walkForward());
        map.put("bootstrap", bootstrap());
        map.put("hypothesis", hypothesis(false));
        map.put("strategy", strategy.strategy());
        map.put("benchmark", benchmark());
        map.put("report", reportPath);
        return FiniteValues.cleanMap(map);
    }

    /** scope → metric → value for {@code metrics} (stage STAT_TESTS); undefined figures are left out. */
    Map<String, Map<String, Double>> metrics() {
        Map<String, Map<String, Double>> scopes = new LinkedHashMap<>();
        scopes.put("stat_tests/walk_forward", FiniteValues.metrics(walkForward()));
        for (WalkForward.Outcome fold : folds) {
            Map<String, Double> values = FiniteValues.metrics(Map.<String, Object>of("accuracy", fold.accuracy(), "macro_f1", fold.macroF1(),
                    "baseline_accuracy", fold.baselineAccuracy(), "train_rows", fold.trainRows(), "test_rows", fold.testRows()));
            scopes.put("stat_tests/walk_forward/fold_" + fold.fold().fold(), new java.util.TreeMap<>(values));
        }
        Map<String, Object> boot = new LinkedHashMap<>();
        for (Map.Entry<String, Bootstrap.Interval> e : Map.of("accuracy", accuracy, "precision", precision, "sharpe", sharpe).entrySet()) {
            boot.put(e.getKey() + "_estimate", e.getValue().estimate());
            boot.put(e.getKey() + "_lower", e.getValue().lower());
            boot.put(e.getKey() + "_upper", e.getValue().upper());
        }
        boot.put("significant", accuracySignificant());
        scopes.put("stat_tests/bootstrap", new java.util.TreeMap<>(FiniteValues.metrics(boot)));
        scopes.put("stat_tests/hypothesis/vs_majority", FiniteValues.metrics(vsMajority.asMap()));
        scopes.put("stat_tests/hypothesis/vs_teacher_free", FiniteValues.metrics(vsTeacherFree.asMap()));
        scopes.put("stat_tests/strategy", FiniteValues.metrics(strategy.strategy()));
        scopes.put("stat_tests/benchmark/buy_and_hold", FiniteValues.metrics(strategy.buyAndHoldSummary()));
        scopes.put("stat_tests/benchmark/index_proxy", FiniteValues.metrics(strategy.relative().asMap()));
        return scopes;
    }

    String headline() {
        Map<String, Object> strat = strategy.strategy();
        Map<String, Object> wf = walkForward();
        String line = String.format("verdict %s: student test accuracy %.3f [%.3f, %.3f] vs majority %.3f (p = %.3g), "
                        + "vs persistence p = %.3g; walk-forward %d/%d folds, mean accuracy %s; strategy Sharpe %s over %d days "
                        + "(buy-and-hold %s)",
                status(), accuracy.estimate(), accuracy.lower(), accuracy.upper(),
                (Double) vsMajority.details().get("baseline_share"), vsMajority.pValue(), vsTeacherFree.pValue(),
                (Integer) wf.get("completed"), folds.size(), format((Double) wf.get("mean_accuracy")),
                format((Double) strat.get("sharpe")), (Integer) strat.get("days"),
                format((Double) strategy.buyAndHoldSummary().get("sharpe")));
        return line;
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
        boot.put("accuracy_threshold", settings.bootstrap().accuracyThreshold());
        boot.put("precision_threshold", settings.bootstrap().precisionThreshold());
        boot.put("sharpe_threshold", settings.bootstrap().sharpeThreshold());
        boot.put("precision_significant", precision.lower() > settings.bootstrap().precisionThreshold());
        boot.put("sharpe_significant", sharpe.lower() > settings.bootstrap().sharpeThreshold());
        report.put("bootstrap", boot);
        report.put("hypothesis", hypothesis(true));
        Map<String, Object> strat = new LinkedHashMap<>(strategy.strategy());
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
        m.put("walk_forward", "rolling folds in time order, the last test period ending at the last labelled session; "
                + "train periods end the target horizon in sessions before their test period; each fold retrains the "
                + "student on teacher labels weighted by teacher confidence (student hyperparameters, seed derived from "
                + "stat_tests/walk_forward/fold_<k>) and scores it on the true labels; baseline = majority share of the fold's test labels");
        m.put("bootstrap", "percentile intervals over seeded resamples with replacement: student test rows for accuracy "
                + "and macro precision, strategy days (i.i.d.) for the Sharpe ratio");
        m.put("vs_majority", "exact one-sided binomial test of the correct count against the majority share of the test "
                + "labels; statistic z = (k - n p0) / sqrt(n p0 (1 - p0))");
        m.put("vs_teacher_free", "exact one-sided McNemar test on paired correctness against the persistence predictor "
                + "(the symbol's label realised horizon sessions earlier; no model, no teacher); rows without such a "
                + "label are left out; statistic z = (b - c) / sqrt(b + c)");
        m.put("strategy", "per test day, each predicted symbol gets 1/N of capital: long if predicted up, short if down, "
                + "flat if neutral; each day's signals are held for the horizon as overlapping 1/H tranches; returns are "
                + "one-bar close-to-close returns from ohlcv; costs = turnover x cost_bps / 10000; risk-free rate 0");
        m.put("benchmark", "buy-and-hold: equal weights on the first test day, never rebalanced; index proxy: "
                + "stat_tests.benchmark.index_csv if set, else that buy-and-hold; alpha and beta from OLS of strategy on "
                + "index returns (alpha annualised), information ratio and tracking error of the active return");
        return m;
    }
}
