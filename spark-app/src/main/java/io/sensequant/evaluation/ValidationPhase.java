package io.sensequant.evaluation;

import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.RowsSha256;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.training.TrainingIdentity;
import io.sensequant.spark.LakeTable;
import io.sensequant.stats.ClassificationMetrics;
import io.sensequant.stats.ConfusionMatrix;
import io.sensequant.training.StudentPhase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

/**
 * Phase 5: accuracy and per-class / macro precision, recall and F1 of the teachers (on their out-of-sample
 * validation rows) and the student (train and test), from this run's predictions, into {@code metrics}. The
 * majority-class accuracy of each scope is recorded beside it as the no-skill baseline. Every teacher window is
 * scored on its own out-of-sample rows (scope {@code teacher/<window_label>}), and the student's IC / Rank IC on the
 * test split is added to scope {@code student/test} ({@link InformationCoefficient}). The reviewer's files
 * (validation_summary.json / .md, reports/accuracy_report.html and its PNG charts) are written by
 * {@link ValidationReports}. With {@code training.student.direct_baseline}, the direct model
 * ({@link StudentPhase#DIRECT_MODEL}: the student's rows with their true labels) is scored the same way, with its IC in
 * scope {@code student_direct/test}, and compared with the student in the summary's {@link #DIRECT_SUMMARY}
 * ({@link DirectComparison}).
 */
public final class ValidationPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "validation";

    /** (model, split) pairs evaluated, as scope "model/split". */
    private static final List<String[]> SCOPES = List.of(
            new String[]{"teacher", "validation"}, new String[]{"student", "train"}, new String[]{"student", "test"});
    /** Further scopes when the reward loop trained the A/B reward student. */
    private static final List<String[]> REWARD_SCOPES = List.of(
            new String[]{StudentPhase.REWARD_MODEL, "train"}, new String[]{StudentPhase.REWARD_MODEL, "test"});
    /** Further scopes when the student phase trained the direct baseline on the true labels. */
    private static final List<String[]> DIRECT_SCOPES = List.of(
            new String[]{StudentPhase.DIRECT_MODEL, "train"}, new String[]{StudentPhase.DIRECT_MODEL, "test"});
    /** Scope of the direct-baseline differences in {@code metrics}: direct model minus student on the test split. */
    public static final String DIRECT_SCOPE = "direct/" + StudentPhase.DIRECT_MODEL + "_vs_" + StudentPhase.MODEL + "/test";
    /** Classification metrics compared side by side in the A/B section (reward student minus baseline, test rows). */
    public static final List<String> AB_METRICS = List.of("accuracy", "macro_precision", "macro_recall", "macro_f1");
    /** Reward metrics compared side by side (overall, test rows). */
    public static final List<String> AB_REWARD_METRICS = List.of("reward_mean", "reward_cumulative", "reward_volatility",
            "win_rate");
    /** Scope of the A/B differences in {@code metrics}: reward student minus baseline on the test rows. */
    public static final String AB_SCOPE = "ab/" + StudentPhase.REWARD_MODEL + "_vs_" + StudentPhase.MODEL + "/test";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.VALIDATION;
    }

    @Override
    public PhaseResult run(RunContext context) {
        long predictionsVersion = context.versionWritten(LakeTable.PREDICTIONS);
        long teacherRunsVersion = context.versionWritten(LakeTable.TEACHER_RUNS);
        List<String> classes = context.config().validation().classes();
        Dataset<Row> predictions = context.lake().readVersion(LakeTable.PREDICTIONS, predictionsVersion)
                .where(col("run_id").equalTo(context.runId()));

        boolean rewardLoop = context.config().reward().enabled();
        List<String[]> scopes = new ArrayList<>(SCOPES);
        if (rewardLoop) {
            scopes.addAll(REWARD_SCOPES);
        }
        boolean directBaseline = context.config().training().student().directBaseline();
        if (directBaseline) {
            scopes.addAll(DIRECT_SCOPES);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Object> byScope = new LinkedHashMap<>();
        Map<String, ConfusionMatrix> matrices = new LinkedHashMap<>();
        for (String[] scope : scopes) {
            String name = scope[0] + "/" + scope[1];
            ConfusionMatrix matrix = Confusion.of(predictions.where(col("model").equalTo(scope[0])
                    .and(col("split").equalTo(scope[1]))), classes.size());
            matrices.put(name, matrix);
            Map<String, Double> values = new LinkedHashMap<>(ClassificationMetrics.of(matrix).asMap(classes));
            values.put("baseline_majority_accuracy", majorityShare(matrix));
            rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), name, values));
            Map<String, Object> scopeSummary = new LinkedHashMap<>(values);
            scopeSummary.put("confusion_matrix", ValidationReports.matrixRows(matrix));
            byScope.put(name, scopeSummary);
        }
        Row windowAverages = context.lake().readVersion(LakeTable.TEACHER_RUNS, teacherRunsVersion)
                .where(col("run_id").equalTo(context.runId()).and(col("status").equalTo("success")))
                .agg(avg("train_accuracy"), avg("validation_accuracy"), avg("validation_macro_f1")).first();
        Map<String, Double> perWindow = new LinkedHashMap<>();
        if (!windowAverages.isNullAt(0)) {
            perWindow.put("mean_window_train_accuracy", windowAverages.getDouble(0));
            perWindow.put("mean_window_validation_accuracy", windowAverages.getDouble(1));
            perWindow.put("mean_window_validation_macro_f1", windowAverages.getDouble(2));
            rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), "teacher/windows", perWindow));
        }
        byScope.put("teacher/windows", perWindow);

        Map<String, ConfusionMatrix> windows = WindowMetrics.byGroup(predictions.where(col("model").equalTo("teacher")
                .and(col("split").equalTo("validation"))), "window_label", classes.size());
        windows.forEach((label, matrix) -> rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(),
                WindowMetrics.scope(label), ClassificationMetrics.of(matrix).asMap(classes))));
        Dataset<Row> studentTest = predictions.where(col("model").equalTo(StudentPhase.MODEL).and(col("split").equalTo("test")));
        InformationCoefficient.Result ic = InformationCoefficient.of(StudentScores.observations(studentTest),
                context.config().validation().icMinSymbols());
        rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), StudentPhase.MODEL + "/test", ic.asMetrics()));
        Map<String, Object> direct = null;
        if (directBaseline && !hasSamples(byScope.get(StudentPhase.DIRECT_MODEL + "/test"))) {
            // switched on after the student phase ran without it (a re-validation of an older run): say so, no verdict
            direct = new LinkedHashMap<>(Map.of("enabled", true, "verdict", "not run",
                    "reason", "this run's predictions hold no " + StudentPhase.DIRECT_MODEL + " test rows"));
        } else if (directBaseline) {
            Dataset<Row> directTest = predictions.where(col("model").equalTo(StudentPhase.DIRECT_MODEL)
                    .and(col("split").equalTo("test")));
            InformationCoefficient.Result directIc = InformationCoefficient.of(StudentScores.observations(directTest),
                    context.config().validation().icMinSymbols());
            rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), StudentPhase.DIRECT_MODEL + "/test",
                    directIc.asMetrics()));
            direct = directComparison(context, byScope, ic, directIc);
            @SuppressWarnings("unchecked")
            Map<String, Double> differences = (Map<String, Double>) direct.get("difference");
            rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), DIRECT_SCOPE, differences));
        }

        Map<String, Long> inputs = new LinkedHashMap<>();
        inputs.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
        inputs.put(LakeTable.TEACHER_RUNS.tableName(), teacherRunsVersion);
        if (rewardLoop) {
            long rewardsVersion = context.versionWritten(LakeTable.REWARDS);
            inputs.put(LakeTable.REWARDS.tableName(), rewardsVersion);
            Map<String, Map<String, Map<String, Double>>> rewardMetrics = RewardMetrics.of(context.lake()
                    .readVersion(LakeTable.REWARDS, rewardsVersion).where(col("run_id").equalTo(context.runId())));
            rewardMetrics.forEach((model, bySymbol) -> bySymbol.forEach((symbol, values) ->
                    rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), RewardMetrics.scope(model, symbol), values))));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> ab = abComparison(
                    (Map<String, Object>) byScope.get(StudentPhase.MODEL + "/test"),
                    (Map<String, Object>) byScope.get(StudentPhase.REWARD_MODEL + "/test"),
                    rewardMetrics.getOrDefault(StudentPhase.MODEL, Map.of()).getOrDefault(RewardMetrics.OVERALL, Map.of()),
                    rewardMetrics.getOrDefault(StudentPhase.REWARD_MODEL, Map.of()).getOrDefault(RewardMetrics.OVERALL, Map.of()));
            Map<String, Double> differences = new LinkedHashMap<>();
            ab.forEach((metric, values) -> differences.put(metric, (Double) values.get("difference")));
            rows.addAll(MetricsTable.rows(context.runId(), Stage.VALIDATION.name(), AB_SCOPE, differences));
            Map<String, Object> reward = new LinkedHashMap<>();
            reward.put("baseline_model", StudentPhase.MODEL);
            reward.put("reward_model", StudentPhase.REWARD_MODEL);
            reward.put("ab_comparison", ab);
            reward.put("metrics", rewardMetrics);
            byScope.put(REWARD_SUMMARY, reward);
        }
        ValidationReports.Written files = ValidationReports.write(context, new ValidationReports.Inputs(classes, byScope,
                matrices.get(StudentPhase.MODEL + "/test"), matrices.get("teacher/validation"), windows,
                WindowMetrics.byGroup(studentTest, "symbol", classes.size()), ic, direct));
        Dataset<Row> metrics = context.spark().createDataFrame(rows, MetricsTable.SCHEMA);
        long version = context.commits().replace(metrics, LakeTable.METRICS,
                "run_id = '" + context.runId() + "' AND stage = '" + Stage.VALIDATION.name() + "'",
                context.snapshot(Stage.VALIDATION, LakeTable.METRICS).view(Signatures.CROSS_SECTIONAL)
                        .target(TrainingIdentity.studentTarget(context)).signatures(TrainingIdentity.student(context))
                        .fingerprint(Fingerprint.METRICS_SHA256, RowsSha256.of(metrics, List.of("run_id")))
                        .nEffective(studentTestRows(context)).inputs(inputs).rowCounts(Map.of("metrics", (long) rows.size()))
                        .details(Map.of("scopes", byScope.keySet())).build());
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) byScope.get("student/test");
        @SuppressWarnings("unchecked")
        Map<String, Object> teacher = (Map<String, Object>) byScope.get("teacher/validation");
        String message = String.format("student test accuracy %.3f (majority baseline %.3f), macro F1 %.3f; "
                        + "teacher out-of-sample accuracy %.3f",
                (Double) test.get("accuracy"), (Double) test.get("baseline_majority_accuracy"),
                (Double) test.get("macro_f1"), (Double) teacher.get("accuracy"));
        message += String.format("; IC %s (ICIR %s), Rank IC %s over %d dates; %d teacher windows scored",
                Reports.format(ic.icMean()), Reports.format(ic.icir()), Reports.format(ic.rankIcMean()), ic.daily().size(),
                windows.size());
        if (rewardLoop) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rewardTest = (Map<String, Object>) byScope.get(StudentPhase.REWARD_MODEL + "/test");
            message += String.format("; A/B: %s test accuracy %.3f, macro F1 %.3f", StudentPhase.REWARD_MODEL,
                    (Double) rewardTest.get("accuracy"), (Double) rewardTest.get("macro_f1"));
        }
        if (direct != null && direct.containsKey("sentence")) {
            message += "; " + direct.get("sentence");
        }
        Map<String, Object> summary = new LinkedHashMap<>(byScope);
        summary.put(IC_SUMMARY, ic.asSummary());
        summary.put(DIRECT_SUMMARY, direct != null ? direct : Map.of("enabled", false));
        summary.put("teacher_windows_scored", windows.size());
        summary.put("charts", files.charts());
        summary.put("reports", files.reports());
        List<String> outputs = new ArrayList<>(List.of(context.lake().path(LakeTable.METRICS)));
        outputs.addAll(files.reports().values());
        outputs.addAll(files.charts());
        return PhaseResult.of(this, message, summary, Map.of(LakeTable.METRICS.tableName(), version), outputs);
    }

    /** The student's out-of-sample test rows: the sample its scores are computed on. */
    private static long studentTestRows(RunContext context) {
        return context.results().stream().filter(r -> r.phase().equals(StudentPhase.NAME)).reduce((a, b) -> b)
                .map(r -> ((Number) r.summary().getOrDefault("test_rows", -1L)).longValue()).orElse(-1L);
    }

    /** Summary key of the student's IC / Rank IC on the test split. */
    public static final String IC_SUMMARY = "ic";

    /**
     * Summary key of the direct baseline beside the student ({@link DirectComparison}): both models' test figures,
     * direct − student differences, verdict and sentence, and the student phase's distillation coverage; just
     * {@code {enabled: false}} when training.student.direct_baseline is off.
     */
    public static final String DIRECT_SUMMARY = "direct_baseline";

    private static boolean hasSamples(Object scope) {
        return scope instanceof Map<?, ?> m && m.get("samples") instanceof Number n && n.doubleValue() > 0;
    }

    /** The direct model beside the student on the test split, with the student phase's distillation coverage. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> directComparison(RunContext context, Map<String, Object> byScope,
                                                        InformationCoefficient.Result studentIc,
                                                        InformationCoefficient.Result directIc) {
        Map<String, Object> coverage = context.results().stream().filter(r -> r.phase().equals(StudentPhase.NAME))
                .reduce((a, b) -> b).map(r -> (Map<String, Object>) r.summary().get(StudentPhase.COVERAGE_SUMMARY)).orElse(null);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("enabled", true);
        section.putAll(DirectComparison.of(
                new DirectComparison.Scores(StudentPhase.MODEL, (Map<String, Object>) byScope.get(StudentPhase.MODEL + "/test"), studentIc),
                new DirectComparison.Scores(StudentPhase.DIRECT_MODEL,
                        (Map<String, Object>) byScope.get(StudentPhase.DIRECT_MODEL + "/test"), directIc), coverage));
        return section;
    }

    /** Summary key of the reward loop's results (A/B comparison and reward metrics). */
    public static final String REWARD_SUMMARY = "reward";

    /**
     * metric → {baseline, reward, difference = reward − baseline}: the classification metrics of both students on
     * the test rows, then their overall out-of-sample reward metrics; a metric missing on either side is left out.
     */
    static Map<String, Map<String, Object>> abComparison(Map<String, Object> baselineTest, Map<String, Object> rewardTest,
                                                         Map<String, Double> baselineReward, Map<String, Double> rewardReward) {
        Map<String, Map<String, Object>> ab = new LinkedHashMap<>();
        for (String metric : AB_METRICS) {
            put(ab, metric, (Double) baselineTest.get(metric), (Double) rewardTest.get(metric));
        }
        for (String metric : AB_REWARD_METRICS) {
            put(ab, metric, baselineReward.get(metric), rewardReward.get(metric));
        }
        return ab;
    }

    private static void put(Map<String, Map<String, Object>> ab, String metric, Double baseline, Double reward) {
        if (baseline == null || reward == null) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("baseline", baseline);
        values.put("reward", reward);
        values.put("difference", reward - baseline);
        ab.put(metric, values);
    }

    private static double majorityShare(ConfusionMatrix matrix) {
        long largest = 0;
        for (int c = 0; c < matrix.classes(); c++) {
            largest = Math.max(largest, matrix.actualTotal(c));
        }
        return matrix.total() == 0 ? 0.0 : (double) largest / matrix.total();
    }

}
