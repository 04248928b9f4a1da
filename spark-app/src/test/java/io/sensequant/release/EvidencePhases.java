package io.sensequant.release;

import io.sensequant.evaluation.ValidationPhase;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the phases other engineers are writing (IC and charts of validation, statistical tests, stress
 * tests): they record summaries in the agreed contract and write real report files (JSON, PNG) into the release
 * directory, so the audit and the briefing can be exercised on them. The figures are fixtures, not measurements.
 */
final class EvidencePhases {
    private EvidencePhases() {
    }

    static byte[] png(Color color) {
        BufferedImage image = new BufferedImage(480, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 480, 240);
        g.setColor(color);
        g.setStroke(new BasicStroke(3));
        int[] xs = {20, 100, 180, 260, 340, 460};
        int[] ys = {200, 150, 170, 90, 110, 40};
        g.drawPolyline(xs, ys, xs.length);
        g.setColor(Color.DARK_GRAY);
        g.drawString("fixture chart", 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A phase that writes {@code files} (relative to the release dir) and reports {@code summary}. */
    static Phase phase(String name, Stage stage, Map<String, byte[]> files, java.util.function.Function<RunContext, Map<String, Object>> summary) {
        return new Phase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Stage stage() {
                return stage;
            }

            @Override
            public PhaseResult run(RunContext context) {
                files.forEach((path, bytes) -> LakeFiles.write(context.lake().hadoopConf(), context.releaseDir() + "/" + path, bytes));
                return PhaseResult.of(this, name, summary.apply(context), Map.of(), List.of());
            }
        };
    }

    /** The real validation summary plus the IC and the charts the new validation will add. */
    static Phase validationExtras() {
        return phase(ValidationPhase.NAME, Stage.VALIDATION, Map.of("reports/ic_over_time.png", png(Color.BLUE)), context -> {
            Map<String, Object> summary = new LinkedHashMap<>(context.result(Stage.VALIDATION).orElseThrow().summary());
            summary.put("ic", Map.of("mean", 0.031, "std", 0.12, "icir", 0.258, "rank_ic_mean", 0.027, "rank_ic_std", 0.11,
                    "rank_icir", 0.245, "dates", 61));
            summary.put("charts", List.of("reports/ic_over_time.png"));
            return summary;
        });
    }

    static final String STAT_REPORT = "stat_tests.json";

    static Phase statTests() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(STAT_REPORT, "{\"status\": \"completed\", \"folds\": 4}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("reports/strategy_equity.png", png(Color.RED));
        return phase("statistical tests", Stage.STAT_TESTS, files, context -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", "passed");
            s.put("decided_by", List.of("date_level.edge_test", "date_level.bootstrap", "walk_forward"));
            s.put("walk_forward", Map.of("folds", 4, "completed", 4, "mean_accuracy", 0.41, "std_accuracy", 0.03,
                    "mean_macro_f1", 0.37, "mean_baseline_accuracy", 0.36));
            s.put("bootstrap", Map.of("iterations", 200, "confidence", 0.95, "significant", true,
                    "accuracy", Map.of("estimate", 0.41, "lower", 0.38, "upper", 0.44),
                    "precision", Map.of("estimate", 0.40, "lower", 0.36, "upper", 0.44),
                    "sharpe", Map.of("estimate", 0.8, "lower", 0.1, "upper", 1.5)));
            s.put("hypothesis", Map.of("alpha", 0.05,
                    "vs_majority", Map.of("test", "mcnemar", "statistic", 9.87, "p_value", 0.0017, "delta", 0.05, "significant", true),
                    "vs_teacher_free", Map.of("test", "mcnemar", "statistic", 1.2, "p_value", 0.27, "delta", 0.01, "significant", false)));
            s.put("strategy", Map.of("sharpe", 0.8, "sortino", 1.1, "max_drawdown", -0.12, "hit_rate", 0.53, "turnover", 0.4,
                    "annual_return", 0.09, "days", 61));
            s.put("benchmark", Map.of("buy_and_hold", Map.of("sharpe", 0.5, "annual_return", 0.07, "max_drawdown", -0.2),
                    "index_proxy", Map.of("name", "NIFTY 50 proxy", "source", "equal-weighted universe", "alpha", 0.02,
                            "beta", 0.3, "information_ratio", 0.4, "tracking_error", 0.1, "correlation", 0.35)));
            s.put("report", STAT_REPORT);
            s.put("charts", List.of("reports/strategy_equity.png"));
            return s;
        });
    }

    static Phase stressTests() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("stress_summary.json", "{\"tested\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("reports/stress_covid_equity.png", png(new Color(0, 128, 0)));
        return phase("stress tests", Stage.STRESS_TESTS, files, context -> {
            Map<String, Object> tested = new LinkedHashMap<>();
            tested.put("name", "covid_crash");
            tested.put("start", "2022-06-01");
            tested.put("end", "2022-09-30");
            tested.put("status", "tested");
            tested.put("reason", null);
            tested.put("max_drawdown", -0.08);
            tested.put("precision", 0.44);
            tested.put("recall", 0.39);
            tested.put("sharpe", 0.6);
            tested.put("sortino", 0.9);
            tested.put("baselines", Map.of("buy_and_hold", Map.of("total_return", -0.1), "sixty_forty", Map.of("total_return", -0.04),
                    "cash", Map.of("total_return", 0.01)));
            tested.put("failure_mode", "none");
            tested.put("resilience_score", 62.0);
            tested.put("passed", true);
            tested.put("charts", List.of("reports/stress_covid_equity.png"));
            Map<String, Object> skipped = new LinkedHashMap<>();
            skipped.put("name", "gfc_2008");
            skipped.put("start", "2008-01-01");
            skipped.put("end", "2009-03-31");
            skipped.put("status", "skipped");
            skipped.put("reason", "no overlap with the run's data (2022-01-01 to 2023-03-31)");
            skipped.put("passed", null);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", "passed");
            s.put("pass_threshold", 50.0);
            s.put("periods", List.of(tested, skipped));
            s.put("tested", 1);
            s.put("skipped", 1);
            s.put("report", "stress_summary.json");
            s.put("charts", List.of());
            return s;
        });
    }

    // ---- the failing path: summaries in the issue-13 contract, for tests that need no Spark ----

    static final String STRATEGY_STAT = "long/short/flat on the student's class, equal weight, held horizon days, 10 bps per side";
    static final String STRATEGY_STRESS = "long/flat on the student's up class, next-session returns, no costs";

    /**
     * Statistical tests that ran and failed: the date-level edge test is not significant and its bootstrap interval
     * covers zero; walk-forward decides too (with per-fold rows); the row-level tests are marked descriptive.
     */
    static Map<String, Object> failedStatTests() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", "failed");
        s.put("reason", "mean per-date edge over the majority baseline +0.0031 (HAC t = 0.84, lag 7, one-sided p = 0.2013) "
                + "is not significant at alpha 0.05; stationary-bootstrap 95% interval of the edge [-0.0042, 0.0105] covers 0");
        s.put("decided_by", List.of("date_level.edge_test", "date_level.edge_bootstrap", "walk_forward"));
        Map<String, Object> wf = new LinkedHashMap<>();
        wf.put("folds", 3);
        wf.put("completed", 2);
        wf.put("mean_accuracy", 0.402);
        wf.put("std_accuracy", 0.021);
        wf.put("mean_macro_f1", 0.351);
        wf.put("mean_baseline_accuracy", 0.409);
        wf.put("mean_edge", -0.007);
        wf.put("per_fold", List.of(
                fold(1, "completed", 0.417, 0.405, null),
                fold(2, "completed", 0.387, 0.413, null),
                fold(3, "skipped", null, null, "too few test dates (12 < stat_tests.walk_forward.min_test_dates 20)")));
        s.put("walk_forward", wf);
        Map<String, Object> dateLevel = new LinkedHashMap<>();
        dateLevel.put("unit", "date");
        dateLevel.put("n_dates", 61);
        dateLevel.put("hac_lag", 7);
        dateLevel.put("correction", "none: intersection-union (every deciding test must pass)");
        dateLevel.put("edge_test", test("hac_t_one_sided", 0.84, 0.2013, 0.0031));
        dateLevel.put("ic_test", test("hac_t_one_sided", 1.12, 0.1339, 0.0114));
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("method", "stationary bootstrap over dates");
        boot.put("estimate", 0.0031);
        boot.put("lower", -0.0042);
        boot.put("upper", 0.0105);
        boot.put("confidence", 0.95);
        dateLevel.put("edge_bootstrap", boot);
        // a key this release knows nothing about: it must still be shown
        dateLevel.put("planted_audit_key", 0.4321);
        s.put("date_level", dateLevel);
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("iterations", 200);
        bootstrap.put("confidence", 0.95);
        bootstrap.put("note", "descriptive: rows are not independent; not used for the verdict");
        bootstrap.put("accuracy", Map.of("estimate", 0.41, "lower", 0.38, "upper", 0.44));
        s.put("bootstrap", bootstrap);
        Map<String, Object> hypothesis = new LinkedHashMap<>();
        hypothesis.put("alpha", 0.05);
        hypothesis.put("descriptive", true);
        // row-level and "significant": the verdict must not be re-derived from it
        Map<String, Object> vsMajority = test("binomial", 2.5, 0.0062, 0.012);
        vsMajority.put("significant", true);
        hypothesis.put("vs_majority", vsMajority);
        hypothesis.put("vs_teacher_free", test("mcnemar", 1.2, 0.27, 0.01));
        s.put("hypothesis", hypothesis);
        s.put("strategy", Map.of("sharpe", -0.41, "sortino", -0.55, "max_drawdown", -0.18, "hit_rate", 0.48, "turnover", 0.4,
                "annual_return", -0.05, "days", 61));
        s.put("strategy_definition", STRATEGY_STAT);
        s.put("benchmark", Map.of("buy_and_hold", Map.of("sharpe", 0.5, "annual_return", 0.07, "max_drawdown", -0.2)));
        s.put("report", STAT_REPORT);
        return s;
    }

    private static Map<String, Object> fold(int fold, String status, Double accuracy, Double baseline, String reason) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("fold", fold);
        f.put("status", status);
        f.put("accuracy", accuracy);
        f.put("baseline_accuracy", baseline);
        f.put("reason", reason);
        return f;
    }

    private static Map<String, Object> test(String name, double statistic, double p, double estimate) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("test", name);
        t.put("statistic", statistic);
        t.put("p_value", p);
        t.put("estimate", estimate);
        return t;
    }

    /** Stress tests that ran and failed: one period passed, one failed (resilience 31.5 < 50), one skipped. */
    static Map<String, Object> failedStressTests() {
        Map<String, Object> passed = period("covid_crash", "2022-06-01", "2022-09-30", true, 0.6, -0.08, 62.0, "none");
        passed.put("sharpe_ci", ci(-0.2, 1.4));
        Map<String, Object> failed = period("rate_shock", "2022-10-01", "2022-12-30", false, -1.37, -0.231, 31.5, "drawdown");
        failed.put("sharpe_ci", ci(-2.61, -0.12));
        Map<String, Object> skipped = new LinkedHashMap<>();
        skipped.put("name", "gfc_2008");
        skipped.put("start", "2008-01-01");
        skipped.put("end", "2009-03-31");
        skipped.put("status", "skipped");
        skipped.put("reason", "no overlap with the run's data (2022-01-01 to 2023-03-31)");
        skipped.put("passed", null);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", "failed");
        s.put("pass_threshold", 50.0);
        s.put("periods", List.of(passed, failed, skipped));
        s.put("tested", 2L);
        s.put("skipped", 1L);
        s.put("strategy_definition", STRATEGY_STRESS);
        s.put("report", "stress_summary.json");
        return s;
    }

    private static Map<String, Object> period(String name, String start, String end, boolean passed, double sharpe,
                                              double drawdown, double resilience, String failureMode) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("start", start);
        p.put("end", end);
        p.put("status", "tested");
        p.put("reason", null);
        p.put("max_drawdown", drawdown);
        p.put("precision", 0.44);
        p.put("recall", 0.39);
        p.put("sharpe", sharpe);
        p.put("sortino", sharpe * 1.3);
        p.put("baselines", Map.of("buy_and_hold", -0.1, "sixty_forty", -0.04, "cash", 0.01));
        p.put("failure_mode", failureMode);
        p.put("resilience_score", resilience);
        p.put("passed", passed);
        return p;
    }

    private static Map<String, Object> ci(double lower, double upper) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("lower", lower);
        c.put("upper", upper);
        c.put("confidence", 0.95);
        c.put("method", "stationary bootstrap over days");
        return c;
    }

    /**
     * A whole briefing in the shape {@link Briefing#build} writes, around {@code evidence} ({@link Briefing#evidence}):
     * the non-evidence sections hold small fixed figures, so {@link BriefingDocument} renders every section without a run.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> briefing(String runId, Map<String, Object> evidence) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("run_id", runId);
        b.put("status", ReleasePhase.READY_FOR_REVIEW);
        b.put("generated_at", "2026-12-04T00:00:00Z");
        b.put("config_fingerprint", "fixture-fingerprint");
        b.put("profile", "fixture");
        b.put("model_variant", "default");
        b.put("base_seed", 42L);
        b.put("identity", Map.of("strict_key", "strict-fixture", "replicate_key", "replicate-fixture"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", "synthetic");
        data.put("interval", "1d");
        data.put("start_date", "2022-01-01");
        data.put("end_date", "2023-03-31");
        data.put("symbols", 3);
        data.put("bars", 900L);
        data.put("labelled_rows", 800L);
        data.put("dropped_warmup_rows", 60L);
        data.put("dropped_no_future_rows", 40L);
        b.put("data", data);
        Map<String, Object> teachers = new LinkedHashMap<>();
        teachers.put("completed", 12L);
        teachers.put("skipped", 0L);
        teachers.put("failed", 0L);
        teachers.put("out_of_sample_labels", 300L);
        teachers.put("failed_windows", List.of());
        Map<String, Object> student = new LinkedHashMap<>();
        student.put("train_rows", 300L);
        student.put("train_start", "2022-03-01");
        student.put("train_end", "2022-12-30");
        student.put("test_rows", 180L);
        student.put("test_start", "2023-01-06");
        student.put("test_end", "2023-03-31");
        student.put("training_seconds", 1.5);
        student.put("model_sha256", "fixture-sha");
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("label_column", "label");
        target.put("horizon_days", 7);
        target.put("chosen_by", "config");
        target.put("ranking_score", null);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("feature_sets", List.of("seed15"));
        features.put("feature_signature", "fixture-signature");
        features.put("computed", 15);
        features.put("model_inputs", List.of("ret_1d", "rsi_14"));
        features.put("excluded_by_leakage_guard", List.of());
        b.put("training", Map.of("teachers", teachers, "student", student, "target", target, "features", features));
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("samples", 180.0);
        test.put("accuracy", 0.45);
        test.put("baseline_majority_accuracy", 0.40);
        test.put("macro_precision", 0.41);
        test.put("macro_recall", 0.40);
        test.put("macro_f1", 0.39);
        test.put("confusion_matrix", List.of(List.of(20, 10, 30), List.of(10, 20, 30), List.of(5, 10, 45)));
        Map<String, Object> direct = new LinkedHashMap<>(test);
        direct.put("samples", 180L);
        direct.put("accuracy", 0.47);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("student/test", test);
        validation.put("student_direct/test", direct);
        validation.put("direct_baseline", Map.of("model", "student_direct",
                "comparison", "distillation loses skill: direct model test accuracy 0.4700 vs student 0.4500"));
        b.put("validation", validation);
        b.put("reward_loop", Map.of("enabled", false, "reason", "reward.enabled is false: only the baseline student was trained"));
        b.putAll(evidence);
        b.put("charts", Map.of());
        Map<String, Object> recommendation = (Map<String, Object>) evidence.get("recommendation");
        b.put("risk_assessment", Map.of("outstanding_issues", Briefing.outstandingIssues(recommendation), "warnings", List.of(),
                "manual_review", List.of("read the confusion matrix")));
        b.put("artifacts", Map.of("models", 1, "models_sha256", "fixture-models", "reports", List.of()));
        b.put("tables", Map.of());
        b.put("next_steps", List.of("review this briefing"));
        return b;
    }
}
