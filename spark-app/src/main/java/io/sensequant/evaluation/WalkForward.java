package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.identity.Seeds;
import io.sensequant.stats.ClassificationMetrics;
import io.sensequant.stats.ConfusionMatrix;
import io.sensequant.stats.DailySeries;
import io.sensequant.training.StudentModel;
import io.sensequant.training.StudentPhase;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.ml.functions.vector_to_array;

/**
 * Walk-forward cross-validation of the student: for every fold of {@link WalkForwardPlan}, a fresh student is
 * fitted as the student phase fits the baseline (teacher classes as labels, teacher confidence as weights, the
 * student hyperparameters) on the teacher-labelled rows of the fold's train period, with a seed derived from the
 * fold's name, and scored against the true labels of the fold's test period: accuracy, macro F1 and the majority
 * share of its test labels, and the mean over its test dates of the daily Rank IC (Spearman of the score
 * prob_up − prob_down against the realised forward return {@code fwd_return}, dates with fewer than
 * validation.ic_min_symbols scored rows left out), the figure the verdict's walk-forward agreement reads.
 */
public final class WalkForward {
    public static final String COMPLETED = "completed";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    private WalkForward() {
    }

    /** A fold's outcome; the metrics are NaN unless completed ({@code meanRankIc} also when no date had enough symbols). */
    public record Outcome(WalkForwardPlan.Fold fold, long trainRows, long testRows, double accuracy, double macroF1,
                          double baselineAccuracy, double meanRankIc, String status, String reason) {
        static Outcome notScored(WalkForwardPlan.Fold fold, long trainRows, long testRows, String status, String reason) {
            return new Outcome(fold, trainRows, testRows, Double.NaN, Double.NaN, Double.NaN, Double.NaN, status, reason);
        }

        Row row(String runId) {
            WalkForwardPlan.Fold f = fold;
            return RowFactory.create(runId, f.fold(), date(f.trainStart()), date(f.trainEnd()), date(f.testStart()),
                    date(f.testEnd()), trainRows, testRows, value(accuracy), value(macroF1), value(baselineAccuracy),
                    value(meanRankIc), status, reason);
        }

        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>(fold.asMap());
            map.put("train_rows", trainRows);
            map.put("test_rows", testRows);
            map.put("accuracy", value(accuracy));
            map.put("macro_f1", value(macroF1));
            map.put("baseline_accuracy", value(baselineAccuracy));
            map.put("mean_daily_rank_ic", value(meanRankIc));
            map.put("status", status);
            map.put("reason", reason);
            return map;
        }

        private static Date date(LocalDate day) {
            return day == null ? null : Date.valueOf(day);
        }

        private static Double value(double x) {
            return Double.isNaN(x) ? null : x;
        }
    }

    /**
     * @param features      the run's labelled feature rows (model inputs NaN-filled, {@code label}, {@code date})
     * @param teacherLabels (symbol, ts, teacher_label, teacher_confidence) of the teachers' out-of-sample rows
     */
    public static List<Outcome> run(List<WalkForwardPlan.Fold> plan, Dataset<Row> features, Dataset<Row> teacherLabels,
                                    List<String> featureColumns, PipelineConfig config, int workers, int classes) {
        PipelineConfig.WalkForward settings = config.statTests().walkForward();
        Dataset<Row> labelled = features.join(teacherLabels, new String[]{"symbol", "ts"});
        List<Outcome> outcomes = new ArrayList<>();
        for (WalkForwardPlan.Fold fold : plan) {
            if (fold.reason() != null) {
                outcomes.add(Outcome.notScored(fold, 0, 0, SKIPPED, fold.reason()));
                continue;
            }
            Dataset<Row> train = between(labelled, fold.trainStart(), fold.trainEnd()).cache();
            Dataset<Row> test = between(features, fold.testStart(), fold.testEnd()).cache();
            try {
                long trainRows = train.count();
                long testRows = test.count();
                if (trainRows < settings.minTrainRows() || testRows < settings.minTestRows()) {
                    outcomes.add(Outcome.notScored(fold, trainRows, testRows, SKIPPED, String.format("too few rows: %d teacher-labelled train rows (min_train_rows %d), %d test rows "
                                    + "(min_test_rows %d)", trainRows, settings.minTrainRows(), testRows, settings.minTestRows())));
                    continue;
                }
                outcomes.add(score(fold, train, test, trainRows, testRows, featureColumns, config, workers, classes));
            } catch (RuntimeException e) {
                // one failing fold is evidence about the others' robustness, not a reason to lose them
                outcomes.add(Outcome.notScored(fold, 0, 0, FAILED, e.getClass().getSimpleName() + ": " + e.getMessage()));
            } finally {
                train.unpersist();
                test.unpersist();
            }
        }
        return outcomes;
    }

    /** The stable name a fold's seed is derived from. */
    public static String seedName(int fold) {
        return "stat_tests/walk_forward/fold_" + fold;
    }

    private static Outcome score(WalkForwardPlan.Fold fold, Dataset<Row> train, Dataset<Row> test, long trainRows,
                                 long testRows, List<String> featureColumns, PipelineConfig config, int workers, int classes) {
        int seed = Seeds.deriveInt(config.run().baseSeed(), seedName(fold.fold()));
        XGBoostClassificationModel model = StudentModel.fit(train, featureColumns,
                config.models().xgboost().hyperparameters().student(), seed, workers,
                config.training().student().nthread(), StudentModel.WEIGHT);
        // the score as the student phase records it: prob_up − prob_down (classes down, neutral, up)
        Column probabilities = vector_to_array(col("probability"), "float64");
        Dataset<Row> scored = model.transform(StudentModel.assemble(test, featureColumns))
                .select(col(FeatureColumns.LABEL).cast("int").as("label"), col("prediction").cast("int").as("prediction"),
                        col(FeatureColumns.DATE), probabilities.getItem(2).minus(probabilities.getItem(0)).as("score"),
                        col(FeatureColumns.FORWARD_RETURN).cast("double").as("fwd_return"))
                .cache();
        try {
            ConfusionMatrix matrix = Confusion.of(scored, classes);
            ClassificationMetrics metrics = ClassificationMetrics.of(matrix);
            double rankIc = meanRankIc(scored.select(col(FeatureColumns.DATE), col("score"), col("fwd_return")).collectAsList(),
                    config.validation().icMinSymbols());
            return new Outcome(fold, trainRows, testRows, metrics.accuracy(), metrics.macroF1(), majorityShare(matrix),
                    rankIc, COMPLETED, null);
        } finally {
            scored.unpersist();
        }
    }

    /** Mean over the rows' dates of the daily Rank IC; rows are (date, score, forward return), nulls as NaN. */
    static double meanRankIc(List<Row> rows, int icMinSymbols) {
        Map<LocalDate, Integer> index = new HashMap<>();
        int n = rows.size();
        int[] date = new int[n];
        double[] score = new double[n];
        double[] forward = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            date[i] = index.computeIfAbsent(r.getDate(0).toLocalDate(), d -> index.size());
            score[i] = r.isNullAt(1) ? Double.NaN : r.getDouble(1);
            forward[i] = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
        }
        return DailySeries.meanRankIc(date, score, forward, icMinSymbols);
    }

    static double majorityShare(ConfusionMatrix matrix) {
        long largest = 0;
        for (int c = 0; c < matrix.classes(); c++) {
            largest = Math.max(largest, matrix.actualTotal(c));
        }
        return matrix.total() == 0 ? Double.NaN : (double) largest / matrix.total();
    }

    private static Dataset<Row> between(Dataset<Row> rows, LocalDate from, LocalDate to) {
        return rows.where(col(FeatureColumns.DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
    }

    /** The student phase's model name, for the report: what the folds retrain. */
    public static final String MODEL = StudentPhase.MODEL;
}
