package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.LakeTable;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Phase 4: the student learns the teachers' out-of-sample classes (weighted by the teachers' confidence) on
 * the first {@code training.student.train_fraction} of the run's sessions, then predicts every row; sessions
 * after the cut-off, less a purge of {@code horizon} sessions, are its out-of-sample test set.
 */
public final class StudentPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "student model (cross-sectional)";

    public static final String MODEL = "student";

    static final StructType RUN_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("train_rows", DataTypes.LongType, false)
            .add("test_rows", DataTypes.LongType, false)
            .add("feature_columns", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("hyperparameters", DataTypes.StringType, false)
            .add("seed", DataTypes.IntegerType, false)
            .add("train_start", DataTypes.DateType, false)
            .add("train_end", DataTypes.DateType, false)
            .add("test_start", DataTypes.DateType, false)
            .add("test_end", DataTypes.DateType, false)
            .add("model_path", DataTypes.StringType, false)
            .add("model_sha256", DataTypes.StringType, false)
            .add("spark_model_path", DataTypes.StringType, false)
            .add("spark_model_sha256", DataTypes.StringType, false)
            .add("training_seconds", DataTypes.DoubleType, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.TRAINING;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig config = context.config();
        List<String> featureColumns = FeatureInputs.modelInputs(context);
        long featuresVersion = context.versionWritten(LakeTable.FEATURES);
        long teacherPredictionsVersion = context.versionWritten(LakeTable.PREDICTIONS);
        Dataset<Row> features = FeatureInputs.forTraining(context, featuresVersion)
                .na().fill(Double.NaN, featureColumns.toArray(String[]::new));

        List<Date> sessions = features.select(FeatureColumns.DATE).distinct().orderBy(FeatureColumns.DATE)
                .collectAsList().stream().map(r -> r.getDate(0)).toList();
        SplitDates split = SplitDates.of(sessions, config.training().student().trainFraction(),
                FeatureInputs.target(context).horizonDays());

        Dataset<Row> teacherLabels = context.lake().readVersion(LakeTable.PREDICTIONS, teacherPredictionsVersion)
                .where(col("run_id").equalTo(context.runId()).and(col("model").equalTo(TeacherPhase.MODEL)))
                .select(col("symbol"), col("ts"), col("prediction").as(StudentModel.LABEL), col("confidence").as(StudentModel.WEIGHT));
        Dataset<Row> training = features.join(teacherLabels, new String[]{OhlcvSchema.SYMBOL, OhlcvSchema.TS})
                .where(col(FeatureColumns.DATE).leq(lit(split.trainEnd())))
                .cache();
        try {
            long trainRows = training.count();
            if (trainRows == 0) {
                throw new IllegalStateException("no teacher labels before " + split.trainEnd()
                        + ": every teacher window was skipped or failed; see teacher_runs for the reasons");
            }
            int seed = Seeds.deriveInt(config.run().baseSeed(), "student");
            long started = System.nanoTime();
            XGBoostClassificationModel model = StudentModel.fit(training, featureColumns,
                    config.models().xgboost().hyperparameters().student(), seed,
                    workers(context), config.training().student().nthread());
            double trainingSeconds = (System.nanoTime() - started) / 1e9;

            String modelDir = context.lake().modelsDir(context.runId()) + "/student";
            String modelPath = modelDir + "/model.json";
            String sparkModelPath = modelDir + "/spark";
            String modelSha = LakeFiles.write(context.lake().hadoopConf(), modelPath, jsonModel(model));
            try {
                model.write().overwrite().save(sparkModelPath);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the student's Spark ML model to " + sparkModelPath, e);
            }
            String sparkModelSha = ModelStore.directorySha256(context.lake().hadoopConf(), sparkModelPath);

            Dataset<Row> predictions = predictions(context, model.transform(StudentModel.assemble(features, featureColumns)), split).cache();
            try {
                long testRows = predictions.where(col("split").equalTo("test")).count();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("view", "CROSS_SECTIONAL");
                details.put("hyperparameters", config.models().xgboost().hyperparameters().student());
                details.put("variant", config.models().xgboost().activeVariant());
                details.put("feature_columns", featureColumns);
                details.put("target", FeatureInputs.target(context).labelColumn());
                details.put("seed", seed);
                details.put("split", split.asMap());
                details.put("model_artifact_sha256", modelSha);
                details.put("spark_model_sha256", sparkModelSha);
                Map<String, Long> inputs = Map.of(LakeTable.FEATURES.tableName(), featuresVersion,
                        LakeTable.PREDICTIONS.tableName(), teacherPredictionsVersion);
                long predictionsVersion = context.commits().replace(predictions, LakeTable.PREDICTIONS,
                        TeacherPhase.runPredicate(context) + " AND model = '" + MODEL + "'",
                        context.snapshot(Stage.TRAINING, LakeTable.PREDICTIONS, inputs,
                                Map.of("train", trainRows, "test", testRows), details));
                Row run = RowFactory.create(context.runId(), MODEL, "success", trainRows, testRows,
                        featureColumns.toArray(String[]::new),
                        io.sensequant.identity.CanonicalJson.write(config.models().xgboost().hyperparameters().student()),
                        seed, split.trainStart(), split.trainEnd(), split.testStart(), split.testEnd(), modelPath, modelSha,
                        sparkModelPath, sparkModelSha, trainingSeconds);
                long runsVersion = context.commits().replace(
                        context.spark().createDataFrame(List.of(run), RUN_SCHEMA), LakeTable.STUDENT_RUNS,
                        TeacherPhase.runPredicate(context),
                        context.snapshot(Stage.TRAINING, LakeTable.STUDENT_RUNS, inputs, Map.of(MODEL, 1L), details));

                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("train_rows", trainRows);
                summary.put("test_rows", testRows);
                summary.putAll(split.asMap());
                summary.put("training_seconds", trainingSeconds);
                summary.put("model_path", modelPath);
                summary.put("model_sha256", modelSha);
                summary.put("spark_model_path", sparkModelPath);
                summary.put("spark_model_sha256", sparkModelSha);
                Map<String, Long> versions = new LinkedHashMap<>();
                versions.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
                versions.put(LakeTable.STUDENT_RUNS.tableName(), runsVersion);
                return PhaseResult.of(this, String.format("trained on %,d teacher-labelled rows to %s; %,d test rows from %s",
                                trainRows, split.trainEnd(), testRows, split.testStart()),
                        summary, versions, List.of(modelPath, sparkModelPath));
            } finally {
                predictions.unpersist();
            }
        } finally {
            training.unpersist();
        }
    }

    /** Configured workers, or one per Spark core when the config says 0. */
    static int workers(RunContext context) {
        int configured = context.config().training().student().numWorkers();
        return configured > 0 ? configured : context.spark().sparkContext().defaultParallelism();
    }

    private static byte[] jsonModel(XGBoostClassificationModel model) {
        try {
            return model.nativeBooster().toByteArray("json");
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            throw new IllegalStateException("XGBoost could not serialise the student model as JSON", e);
        }
    }

    private static Dataset<Row> predictions(RunContext context, Dataset<Row> scored, SplitDates split) {
        Column probabilities = vector_to_array(col("probability"), "float64");
        Column date = col(FeatureColumns.DATE);
        return scored.select(
                lit(context.runId()).as("run_id"), lit(MODEL).as("model"), col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS),
                lit(null).cast("string").as("window_label"),
                when(date.leq(lit(split.trainEnd())), "train").when(date.geq(lit(split.testStart())), "test")
                        .otherwise("purged").as("split"),
                col(FeatureColumns.LABEL).cast("int").as("label"), col("prediction").cast("int").as("prediction"),
                probabilities.getItem(0).as("prob_down"), probabilities.getItem(1).as("prob_neutral"),
                probabilities.getItem(2).as("prob_up"),
                greatest(probabilities.getItem(0), probabilities.getItem(1), probabilities.getItem(2)).as("confidence"),
                col(FeatureColumns.FORWARD_RETURN));
    }
}
