package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.ArtifactHashes;
import io.sensequant.repro.RowsSha256;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.Fingerprint;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Phase 4: the student learns the teachers' out-of-sample classes (weighted by the teachers' confidence) on
 * the sessions up to the run's holdout selection_end ({@link FeatureInputs#holdout}: the first
 * {@code training.student.train_fraction} of the sessions less the purge), then predicts every row; sessions from
 * the holdout's test_start are its out-of-sample test set. With
 * {@code reward.enabled}, a second student ({@link #REWARD_MODEL}) is fitted on the same rows with the same seed,
 * its weights multiplied by the reward weights ({@link Rewards}); both predict every row, and the per-prediction
 * rewards of the teachers and both students go to {@code rewards}. With {@code training.student.direct_baseline}, a
 * third model ({@link #DIRECT_MODEL}, {@link DirectBaseline}) learns the TRUE labels of the same rows with the same
 * hyperparameters, split and seed and uniform weights, and predicts every row beside them; it stays out of
 * {@code rewards} (the A/B pair's table). How many labelled rows of the training period the teachers labelled is in
 * the summary ({@link #COVERAGE_SUMMARY}).
 */
public final class StudentPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "student model (cross-sectional)";

    /** The baseline student (distillation weights only); other stages read this one as "the student". */
    public static final String MODEL = "student";
    /** The reward-weighted student of the A/B pair (reward.enabled). */
    public static final String REWARD_MODEL = "student_reward";
    /** The direct baseline on the true labels of the student's training rows (training.student.direct_baseline). */
    public static final String DIRECT_MODEL = DirectBaseline.MODEL;

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
            .add("training_seconds", DataTypes.DoubleType, false)
            .add("weighting", DataTypes.StringType, false)
            .add("reward_config", DataTypes.StringType, true);

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
        PipelineConfig.Reward rewardConfig = config.reward();
        List<String> featureColumns = FeatureInputs.modelInputs(context);
        long featuresVersion = context.versionWritten(LakeTable.FEATURES);
        long teacherPredictionsVersion = context.versionWritten(LakeTable.PREDICTIONS);
        Dataset<Row> features = FeatureInputs.forTraining(context, featuresVersion)
                .na().fill(Double.NaN, featureColumns.toArray(String[]::new));

        // the split is the run's holdout, fixed before target ranking (never recomputed from the chosen target)
        SplitDates split = SplitDates.of(FeatureInputs.holdout(context)
                .requireSelectionSessions(NAME, config.ranking().minSelectionSessions()));

        Dataset<Row> teacherPredictions = context.lake().readVersion(LakeTable.PREDICTIONS, teacherPredictionsVersion)
                .where(col("run_id").equalTo(context.runId()).and(col("model").equalTo(TeacherPhase.MODEL)));
        Dataset<Row> teacherLabels = teacherPredictions
                .select(col("symbol"), col("ts"), col("prediction").as(StudentModel.LABEL), col("confidence").as(StudentModel.WEIGHT));
        Dataset<Row> joined = features.join(teacherLabels, new String[]{OhlcvSchema.SYMBOL, OhlcvSchema.TS})
                .where(col(FeatureColumns.DATE).leq(lit(split.trainEnd())))
                .cache();   // read up to three times with the reward loop: sessions, mean weight, the weighted rows
        Dataset<Row> training = (rewardConfig.enabled()
                ? Rewards.weigh(joined, StudentModel.LABEL, FeatureColumns.FORWARD_RETURN, StudentModel.WEIGHT,
                FeatureColumns.DATE, trainingSessions(joined), rewardConfig)
                : joined).cache();
        try {
            long trainRows = training.count();
            if (trainRows == 0) {
                throw new IllegalStateException("no teacher labels before " + split.trainEnd()
                        + ": every teacher window was skipped or failed; see teacher_runs for the reasons");
            }
            boolean directBaseline = config.training().student().directBaseline();
            DirectBaseline.Coverage coverage = DirectBaseline.coverage(features, training, split.trainEnd());
            // A/B: both students get the same rows, split and seed; only the sample weights differ. The direct
            // baseline gets them too, with the true label and uniform weights.
            int seed = Seeds.deriveInt(config.run().baseSeed(), "student");
            Map<String, Object> fitSettings = new LinkedHashMap<>();
            fitSettings.put("num_workers", workers(context));
            fitSettings.put("weighting", WEIGHTING_BASELINE);
            if (rewardConfig.enabled()) {
                fitSettings.put("reward", rewardConfigMap(rewardConfig));
            }
            if (directBaseline) {
                fitSettings.put("direct_baseline", Map.of("model", DIRECT_MODEL, "label", FeatureColumns.LABEL,
                        "weighting", DirectBaseline.WEIGHTING));
            }
            Map<String, String> signatures = new LinkedHashMap<>(TrainingIdentity.model(context, MODEL,
                    config.models().xgboost().hyperparameters().student(), fitSettings, featureColumns, FeatureInputs.target(context)));
            signatures.put(StageIdentity.SPLIT, Signatures.split(split.asMap()));
            Fitted baseline = fit(context, training, featureColumns, seed, StudentModel.LABEL, StudentModel.WEIGHT, MODEL);
            Fitted rewarded = rewardConfig.enabled()
                    ? fit(context, training, featureColumns, seed, StudentModel.LABEL, Rewards.STUDENT_WEIGHT, REWARD_MODEL) : null;
            Fitted direct = directBaseline ? fit(context, DirectBaseline.trainingRows(training), featureColumns, seed,
                    DirectBaseline.LABEL, DirectBaseline.WEIGHT, DIRECT_MODEL) : null;

            Dataset<Row> assembled = StudentModel.assemble(features, featureColumns);
            Dataset<Row> scored = predictions(context, baseline.model().transform(assembled), split, MODEL);
            if (rewarded != null) {
                scored = scored.unionByName(predictions(context, rewarded.model().transform(assembled), split, REWARD_MODEL));
            }
            if (direct != null) {
                scored = scored.unionByName(predictions(context, direct.model().transform(assembled), split, DIRECT_MODEL));
            }
            Dataset<Row> predictions = scored.cache();
            try {
                Map<String, Long> rowCounts = new TreeMap<>();
                predictions.groupBy("model", "split").count().collectAsList()
                        .forEach(r -> rowCounts.put(r.getString(0) + "/" + r.getString(1), r.getLong(2)));
                long testRows = rowCounts.getOrDefault(MODEL + "/test", 0L);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("view", "CROSS_SECTIONAL");
                details.put("hyperparameters", config.models().xgboost().hyperparameters().student());
                details.put("variant", config.models().xgboost().activeVariant());
                details.put("feature_columns", featureColumns);
                details.put("target", FeatureInputs.target(context).labelColumn());
                details.put("seed", seed);
                details.put("split", split.asMap());
                details.put("model_sha256", baseline.sha256());
                details.put("spark_model_sha256", baseline.sparkModelSha256());
                details.put("reward", rewardConfigMap(rewardConfig));
                if (rewarded != null) {
                    details.put("reward_model_sha256", rewarded.sha256());
                    details.put("reward_spark_model_sha256", rewarded.sparkModelSha256());
                }
                details.put("distillation_coverage", coverage.asMap());
                if (direct != null) {
                    details.put("direct_model_sha256", direct.sha256());
                    details.put("direct_spark_model_sha256", direct.sparkModelSha256());
                }
                Map<String, Long> inputs = Map.of(LakeTable.FEATURES.tableName(), featuresVersion,
                        LakeTable.PREDICTIONS.tableName(), teacherPredictionsVersion);
                Map<String, String> modelFiles = new TreeMap<>();
                modelFiles.put(ArtifactHashes.relativeToRun(baseline.modelPath(), context.runId()), baseline.sha256());
                if (rewarded != null) {
                    modelFiles.put(ArtifactHashes.relativeToRun(rewarded.modelPath(), context.runId()), rewarded.sha256());
                }
                if (direct != null) {
                    modelFiles.put(ArtifactHashes.relativeToRun(direct.modelPath(), context.runId()), direct.sha256());
                }
                String modelArtifacts = ArtifactHashes.sha256(modelFiles);
                String target = FeatureInputs.target(context).labelColumn();
                long predictionsVersion = context.commits().replace(predictions, LakeTable.PREDICTIONS,
                        TeacherPhase.runPredicate(context) + " AND model IN ('" + MODEL + "', '" + REWARD_MODEL + "', '"
                                + DIRECT_MODEL + "')",
                        context.snapshot(Stage.TRAINING, LakeTable.PREDICTIONS).view(Signatures.CROSS_SECTIONAL).target(target)
                                .signatures(signatures).fingerprint(Fingerprint.MODEL_ARTIFACT_SHA256, modelArtifacts)
                                .fingerprint(Fingerprint.PREDICTIONS_SHA256, RowsSha256.of(predictions, List.of("run_id")))
                                .nEffective(trainRows).inputs(inputs).rowCounts(rowCounts).details(details).build());
                List<Row> runRows = new ArrayList<>();
                runRows.add(runRow(context, baseline, trainRows, testRows, featureColumns, seed, split,
                        WEIGHTING_BASELINE, null));
                if (rewarded != null) {
                    runRows.add(runRow(context, rewarded, trainRows, rowCounts.getOrDefault(REWARD_MODEL + "/test", 0L),
                            featureColumns, seed, split, WEIGHTING_REWARD,
                            io.sensequant.identity.CanonicalJson.write(rewardConfigMap(rewardConfig))));
                }
                if (direct != null) {
                    runRows.add(runRow(context, direct, trainRows, rowCounts.getOrDefault(DIRECT_MODEL + "/test", 0L),
                            featureColumns, seed, split, DirectBaseline.WEIGHTING, null));
                }
                Map<String, Long> modelCounts = new TreeMap<>();
                runRows.forEach(r -> modelCounts.put(r.getString(1), 1L));
                // one file, baseline first: readers that take the run's first student_runs row get the baseline
                long runsVersion = context.commits().replace(
                        context.spark().createDataFrame(runRows, RUN_SCHEMA).coalesce(1), LakeTable.STUDENT_RUNS,
                        TeacherPhase.runPredicate(context),
                        context.snapshot(Stage.TRAINING, LakeTable.STUDENT_RUNS).view(Signatures.CROSS_SECTIONAL).target(target)
                                .signatures(signatures).fingerprint(Fingerprint.MODEL_ARTIFACT_SHA256, modelArtifacts)
                                .nEffective(trainRows).inputs(inputs).rowCounts(modelCounts).details(details).build());

                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("train_rows", trainRows);
                summary.put("test_rows", testRows);
                summary.putAll(split.asMap());
                summary.put("training_seconds", baseline.seconds());
                summary.put("model_path", baseline.modelPath());
                summary.put("model_sha256", baseline.sha256());
                summary.put("spark_model_path", baseline.sparkModelPath());
                summary.put("spark_model_sha256", baseline.sparkModelSha256());
                Map<String, Long> versions = new LinkedHashMap<>();
                versions.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
                versions.put(LakeTable.STUDENT_RUNS.tableName(), runsVersion);
                List<String> outputs = new ArrayList<>(List.of(baseline.modelPath(), baseline.sparkModelPath()));
                String message = String.format("trained on %,d teacher-labelled rows (of %,d labelled rows) to %s; "
                                + "%,d test rows from %s", trainRows, coverage.labelledTrainRows(), split.trainEnd(),
                        testRows, split.testStart());
                summary.put(COVERAGE_SUMMARY, coverage.asMap());
                Map<String, Object> directSummary = new LinkedHashMap<>();
                directSummary.put("enabled", directBaseline);
                if (direct != null) {
                    directSummary.put("model", DIRECT_MODEL);
                    directSummary.put("label", FeatureColumns.LABEL);
                    directSummary.put("weighting", DirectBaseline.WEIGHTING);
                    directSummary.put("train_rows", trainRows);
                    directSummary.put("test_rows", rowCounts.getOrDefault(DIRECT_MODEL + "/test", 0L));
                    directSummary.put("model_path", direct.modelPath());
                    directSummary.put("model_sha256", direct.sha256());
                    directSummary.put("spark_model_path", direct.sparkModelPath());
                    directSummary.put("spark_model_sha256", direct.sparkModelSha256());
                    directSummary.put("training_seconds", direct.seconds());
                    outputs.add(direct.modelPath());
                    outputs.add(direct.sparkModelPath());
                    message += String.format("; direct baseline %s on the same rows' true labels", DIRECT_MODEL);
                }
                summary.put(DIRECT_SUMMARY, directSummary);
                Map<String, Object> reward = new LinkedHashMap<>();
                reward.put("enabled", rewardConfig.enabled());
                reward.put("config", rewardConfigMap(rewardConfig));
                if (rewarded != null) {
                    // the A/B pair only: the direct baseline is compared in VALIDATION, not in the reward tables
                    Dataset<Row> abPredictions = predictions.where(col("model").isin(MODEL, REWARD_MODEL));
                    Dataset<Row> rewards = RewardRows.of(teacherPredictions, abPredictions, training, rewardConfig).cache();
                    Map<String, Long> rewardCounts = new TreeMap<>();
                    rewards.groupBy("model").count().collectAsList().forEach(r -> rewardCounts.put(r.getString(0), r.getLong(1)));
                    Map<String, Long> rewardInputs = new LinkedHashMap<>(inputs);
                    rewardInputs.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
                    long rewardsVersion = context.commits().replace(rewards, LakeTable.REWARDS, TeacherPhase.runPredicate(context),
                            context.snapshot(Stage.TRAINING, LakeTable.REWARDS).view(Signatures.CROSS_SECTIONAL).target(target)
                                    .signatures(signatures).fingerprint(Fingerprint.METRICS_SHA256, RowsSha256.of(rewards, List.of("run_id")))
                                    .nEffective(trainRows).inputs(rewardInputs).rowCounts(rewardCounts).details(details).build());
                    rewards.unpersist();
                    versions.put(LakeTable.REWARDS.tableName(), rewardsVersion);
                    reward.put("model", REWARD_MODEL);
                    reward.put("model_path", rewarded.modelPath());
                    reward.put("model_sha256", rewarded.sha256());
                    reward.put("spark_model_path", rewarded.sparkModelPath());
                    reward.put("training_seconds", rewarded.seconds());
                    reward.put("training_weights", RewardRows.weightSummary(training));
                    outputs.add(rewarded.modelPath());
                    outputs.add(rewarded.sparkModelPath());
                    outputs.add(context.lake().path(LakeTable.REWARDS));
                    message += String.format("; A/B: %s beside %s (%s reward weights)", REWARD_MODEL, MODEL,
                            rewardConfig.weighting());
                }
                summary.put("reward", reward);
                summary.put(TrainingIdentity.SIGNATURES, signatures);
                return PhaseResult.of(this, message, summary, versions, outputs);
            } finally {
                predictions.unpersist();
            }
        } finally {
            training.unpersist();
            joined.unpersist();
        }
    }

    /** Summary key of the direct baseline's section (enabled, model, files, rows). */
    public static final String DIRECT_SUMMARY = "direct_baseline";
    /** Summary key of the labelled rows of the training period against the teacher-labelled rows ({@link DirectBaseline.Coverage}). */
    public static final String COVERAGE_SUMMARY = "distillation_coverage";

    /** The sessions that hold training rows (teacher-labelled, up to the train end), in time order: the reward batches' span. */
    private static List<Date> trainingSessions(Dataset<Row> training) {
        return training.select(FeatureColumns.DATE).distinct().orderBy(FeatureColumns.DATE)
                .collectAsList().stream().map(r -> r.getDate(0)).toList();
    }

    /** Baseline weighting (distillation): the teacher's confidence. */
    static final String WEIGHTING_BASELINE = "teacher_confidence";
    /** Reward weighting: the teacher's confidence times the reward weight of the teacher's class. */
    static final String WEIGHTING_REWARD = "teacher_confidence * reward_weight";

    /** One fitted student and where its files went. */
    record Fitted(String name, XGBoostClassificationModel model, String modelPath, String sha256, String sparkModelPath,
                  String sparkModelSha256, double seconds) {
    }

    private static Fitted fit(RunContext context, Dataset<Row> training, List<String> featureColumns, int seed,
                              String labelColumn, String weightColumn, String name) {
        PipelineConfig config = context.config();
        long started = System.nanoTime();
        XGBoostClassificationModel model = StudentModel.fit(training, featureColumns,
                config.models().xgboost().hyperparameters().student(), seed,
                workers(context), config.training().student().nthread(), labelColumn, weightColumn);
        double seconds = (System.nanoTime() - started) / 1e9;
        String modelDir = context.modelsDir() + "/" + name;
        String modelPath = modelDir + "/model.json";
        String sparkModelPath = modelDir + "/spark";
        String sha = LakeFiles.write(context.lake().hadoopConf(), modelPath, jsonModel(model));
        try {
            model.write().overwrite().save(sparkModelPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the " + name + " Spark ML model to " + sparkModelPath, e);
        }
        return new Fitted(name, model, modelPath, sha, sparkModelPath,
                ModelStore.directorySha256(context.lake().hadoopConf(), sparkModelPath), seconds);
    }

    private static Row runRow(RunContext context, Fitted fitted, long trainRows, long testRows, List<String> featureColumns,
                              int seed, SplitDates split, String weighting, String rewardConfig) {
        PipelineConfig config = context.config();
        return RowFactory.create(context.runId(), fitted.name(), "success", trainRows, testRows,
                featureColumns.toArray(String[]::new),
                io.sensequant.identity.CanonicalJson.write(config.models().xgboost().hyperparameters().student()),
                seed, split.trainStart(), split.trainEnd(), split.testStart(), split.testEnd(), fitted.modelPath(),
                fitted.sha256(), fitted.sparkModelPath(), fitted.sparkModelSha256(), fitted.seconds(), weighting, rewardConfig);
    }

    /** The reward knobs under their config names, for snapshots, student_runs and the briefing. */
    public static Map<String, Object> rewardConfigMap(PipelineConfig.Reward reward) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", reward.enabled());
        map.put("clip_min", reward.clipMin());
        map.put("clip_max", reward.clipMax());
        map.put("weighting", reward.weighting());
        map.put("scale", reward.scale());
        map.put("min_weight", reward.minWeight());
        map.put("gamma", reward.gamma());
        map.put("batches", reward.batches());
        map.put("normalize", reward.normalize());
        return map;
    }

    /** Configured workers, or one per Spark core when the config says 0. */
    public static int workers(RunContext context) {
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

    private static Dataset<Row> predictions(RunContext context, Dataset<Row> scored, SplitDates split, String model) {
        Column probabilities = vector_to_array(col("probability"), "float64");
        Column date = col(FeatureColumns.DATE);
        return scored.select(
                lit(context.runId()).as("run_id"), lit(model).as("model"), col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS),
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
