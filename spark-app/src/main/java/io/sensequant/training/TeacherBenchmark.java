package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeTable;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.PrintStream;
import java.sql.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code sensequant bench teachers}, measured and never asserted: every teacher mode (and the sequential
 * driver loop) on the same cached feature rows, then the student on the same teacher-labelled rows with
 * XGBoost4J-Spark and with native single-node XGBoost4J. Each mode writes its model files under its own
 * scratch directory, never the run's.
 */
public final class TeacherBenchmark {
    private TeacherBenchmark() {
    }

    public static Map<String, Object> run(RunContext context, List<String> modes, String scratchDir, PrintStream console) {
        PipelineConfig config = context.config();
        Dataset<Row> features = FeatureInputs.forTraining(context, context.versionWritten(LakeTable.FEATURES)).cache();
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            long rows = features.count();
            TeacherSpec base = TeacherPhase.spec(context, TeacherPhase.runBars(context, context.versionWritten(LakeTable.OHLCV)), "");
            figures.put("feature_rows", rows);
            figures.put("symbols", context.symbols().size());
            figures.put("windows_per_symbol", TeacherWindows.windows(base, "").size());
            figures.put("cores", context.spark().sparkContext().defaultParallelism());
            Map<String, Object> teachers = new LinkedHashMap<>();
            Dataset<Row> labelled = null;
            for (String mode : modes) {
                TeacherSpec spec = withModelsDir(base, scratchDir + "/" + mode);
                long started = System.nanoTime();
                Dataset<Row> outcomes = TeacherTraining.train(features, spec, context.lake().hadoopConf(),
                        new TeacherTraining.Settings(mode, config.training().teacher().taskPartitions(),
                                config.training().teacher().distributedWorkers())).cache();
                Map<String, Long> byStatus = new TreeMap<>();
                outcomes.groupBy("status").count().collectAsList().forEach(r -> byStatus.put(r.getString(0), r.getLong(1)));
                double seconds = (System.nanoTime() - started) / 1e9;
                long windows = byStatus.values().stream().mapToLong(Long::longValue).sum();
                long trained = byStatus.getOrDefault("success", 0L);
                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("seconds", seconds);
                figure.put("windows", windows);
                figure.put("statuses", byStatus);
                figure.put("trained_windows_per_second", trained / seconds);
                teachers.put(mode, figure);
                console.printf(Locale.ROOT, "  teachers %-17s %8.1f s  %5d windows %s  %.2f trained windows/s%n",
                        mode, seconds, windows, byStatus, trained / seconds);
                if (labelled == null) {
                    labelled = outcomes;
                } else {
                    outcomes.unpersist();
                }
            }
            figures.put("teachers", teachers);
            if (labelled != null) {
                figures.put("student", student(context, features, labelled, console));
                labelled.unpersist();
            }
            return figures;
        } finally {
            features.unpersist();
        }
    }

    private static TeacherSpec withModelsDir(TeacherSpec s, String modelsDir) {
        return new TeacherSpec(s.runId(), s.baseSeed(), s.featureColumns(), s.hyperparameters(), s.nthread(), s.planner(),
                s.start(), s.end(), s.horizon(), s.minSamples(), s.trainFraction(), s.minTrainFraction(), s.calendar(),
                s.lastBarBySymbol(), modelsDir);
    }

    /** The student's training rows as StudentPhase builds them, fitted by XGBoost4J-Spark and by native XGBoost4J. */
    private static Map<String, Object> student(RunContext context, Dataset<Row> features, Dataset<Row> outcomes,
                                               PrintStream console) {
        PipelineConfig config = context.config();
        List<String> featureColumns = FeatureInputs.modelInputs(context);
        Dataset<Row> filled = features.na().fill(Double.NaN, featureColumns.toArray(String[]::new));
        SplitDates split = SplitDates.of(FeatureInputs.holdout(context));
        Dataset<Row> labels = outcomes.where(col("status").equalTo("success"))
                .select(col("symbol"), explode(col(TeacherRows.PREDICTIONS)).as("p"))
                .select(col("symbol"), col("p.ts").as("ts"), col("p.prediction").as(StudentModel.LABEL),
                        col("p.confidence").as(StudentModel.WEIGHT));
        Dataset<Row> training = filled.join(labels, new String[]{OhlcvSchema.SYMBOL, OhlcvSchema.TS})
                .where(col(FeatureColumns.DATE).leq(lit(split.trainEnd())))
                .orderBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS).cache();
        try {
            long rows = training.count();
            int seed = Seeds.deriveInt(config.run().baseSeed(), "student");
            Map<String, Object> hyper = config.models().xgboost().hyperparameters().student();
            int workers = StudentPhase.workers(context);

            long started = System.nanoTime();
            StudentModel.fit(training, featureColumns, hyper, seed, workers, config.training().student().nthread());
            double sparkSeconds = (System.nanoTime() - started) / 1e9;

            int configured = config.bench().teachers().nativeStudentNthread();
            int nthread = configured > 0 ? configured : context.spark().sparkContext().defaultParallelism();
            started = System.nanoTime();
            List<Row> collected = training.select(NativeRows.columns(featureColumns)).collectAsList();
            double collectSeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            double nativeSeconds;
            try {
                DMatrix matrix = NativeRows.matrix(collected, featureColumns.size());
                XgbParams params = XgbParams.of(hyper, seed, nthread);
                Booster booster = XGBoost.train(matrix, params.booster(), params.numRound(), new HashMap<>(), null, null);
                nativeSeconds = (System.nanoTime() - started) / 1e9;
                booster.dispose();
                matrix.dispose();
            } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
                throw new IllegalStateException("native student benchmark failed", e);
            }
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("rows", rows);
            figure.put("spark_workers", workers);
            figure.put("spark_nthread", config.training().student().nthread());
            figure.put("spark_seconds", sparkSeconds);
            figure.put("native_nthread", nthread);
            figure.put("native_seconds", nativeSeconds);
            figure.put("native_collect_seconds", collectSeconds);
            figure.put("spark_over_native", sparkSeconds / nativeSeconds);
            figure.put("spark_over_native_incl_collect", sparkSeconds / (nativeSeconds + collectSeconds));
            console.printf(Locale.ROOT, "  student %,d rows: XGBoost4J-Spark %.1f s (%d workers x %d threads) | native %.1f s "
                            + "(%d threads; + %.1f s to collect the rows) | overhead ratio %.2f (%.2f incl. collect)%n",
                    rows, sparkSeconds, workers, config.training().student().nthread(), nativeSeconds, nthread,
                    collectSeconds, sparkSeconds / nativeSeconds, sparkSeconds / (nativeSeconds + collectSeconds));
            return figure;
        } finally {
            training.unpersist();
        }
    }

    /** Rows (label, weight, features...) into a native DMatrix; NaN stays missing. */
    private static final class NativeRows {
        static org.apache.spark.sql.Column[] columns(List<String> featureColumns) {
            List<org.apache.spark.sql.Column> cols = new java.util.ArrayList<>(List.of(col(StudentModel.LABEL), col(StudentModel.WEIGHT)));
            featureColumns.forEach(c -> cols.add(col(c).cast("float")));
            return cols.toArray(org.apache.spark.sql.Column[]::new);
        }

        static DMatrix matrix(List<Row> rows, int features) throws ml.dmlc.xgboost4j.java.XGBoostError {
            float[] values = new float[rows.size() * features];
            float[] labels = new float[rows.size()];
            float[] weights = new float[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                labels[i] = ((Number) row.get(0)).floatValue();
                weights[i] = ((Number) row.get(1)).floatValue();
                for (int j = 0; j < features; j++) {
                    values[i * features + j] = row.isNullAt(j + 2) ? Float.NaN : row.getFloat(j + 2);
                }
            }
            DMatrix matrix = new DMatrix(values, rows.size(), features, Float.NaN);
            matrix.setLabel(labels);
            matrix.setWeight(weights);
            return matrix;
        }
    }
}
