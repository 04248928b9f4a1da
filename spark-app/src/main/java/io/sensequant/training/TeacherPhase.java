package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.features.TrainingTarget;
import io.sensequant.features.FeatureEngine;
import io.sensequant.features.FeaturePlan;
import io.sensequant.config.ConfDir;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.WindowPlanner;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.ArtifactHashes;
import io.sensequant.repro.RowsSha256;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * Phase 3: teachers per symbol × window into {@code teacher_runs}, and their out-of-sample validation
 * predictions into {@code predictions} (model = teacher), which the student learns from.
 */
public final class TeacherPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "teacher models (symbol × window)";

    public static final String MODEL = "teacher";

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
        // the teachers only label the student's training rows: a holdout too short for the student fails here, before
        // any model is trained (with ranking and selection off nothing earlier checks it)
        FeatureInputs.holdout(context).requireSelectionSessions(StudentPhase.NAME, config.ranking().minSelectionSessions());
        long featuresVersion = context.inputVersion(LakeTable.FEATURES);
        long ohlcvVersion = context.inputVersion(LakeTable.OHLCV);
        Dataset<Row> features = FeatureInputs.forTraining(context, featuresVersion);

        PipelineConfig.Training training = config.training();
        FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), config.features());
        List<String> featureColumns = FeatureInputs.modelInputs(context);
        TrainingTarget target = FeatureInputs.target(context);
        Dataset<Row> symbolBars = runBars(context, ohlcvVersion);
        TeacherSpec spec = spec(context, symbolBars, context.modelsDir());
        Dataset<Row> windowCounts = WindowDiagnostics.counts(
                symbolBars.where(OhlcvSchema.onDates(config.run().startDate(), config.run().endDate(), context.calendar().zone())),
                spec.planner().plan("", config.run().startDate(), config.run().endDate()),
                FeatureEngine.warmupBars(plan, config.features()),
                config.features().warmupPolicy().equals(PipelineConfig.Features.KEEP));
        Dataset<Row> outcomes = WindowDiagnostics.attach(TeacherTraining.train(features, spec, context.lake().hadoopConf(),
                TeacherTraining.Settings.of(training.teacher())), windowCounts).cache();
        try {
            Map<String, Long> byStatus = new TreeMap<>();
            outcomes.groupBy("status").count().collectAsList().forEach(r -> byStatus.put(r.getString(0), r.getLong(1)));
            List<Row> failed = outcomes.where(col("status").equalTo("failed")).select("window_label", "reason")
                    .orderBy("window_label").collectAsList();
            Map<String, String> modelHashes = new TreeMap<>();
            Map<String, String> modelFiles = new TreeMap<>();
            outcomes.where(col("status").equalTo("success")).select("window_label", "model_sha256", "model_path").collectAsList()
                    .forEach(r -> {
                        modelHashes.put(r.getString(0), r.getString(1));
                        modelFiles.put(ArtifactHashes.relativeToRun(r.getString(2), context.runId()), r.getString(1));
                    });
            List<Row> windows = outcomes.select("window_label", "window_start", "window_end", "status", "train_rows",
                    "purged_rows", "validation_rows").orderBy("window_label").collectAsList();
            Map<String, String> signatures = new LinkedHashMap<>(TrainingIdentity.model(context, MODEL,
                    config.models().xgboost().hyperparameters().teacher(), Map.of(), featureColumns, target));
            signatures.put(StageIdentity.SPLIT, TrainingIdentity.teacherSplit(training, target.horizonDays(), windows));
            String modelArtifacts = ArtifactHashes.sha256(modelFiles);
            long trainRows = windows.stream().mapToLong(w -> ((Number) w.get(4)).longValue()).sum();

            Map<String, Object> details = new LinkedHashMap<>();
            details.put("view", "SYMBOL_SPECIFIC");
            details.put("teacher_mode", training.teacher().mode());
            details.put("windows", byStatus);
            details.put("hyperparameters", config.models().xgboost().hyperparameters().teacher());
            details.put("variant", config.models().xgboost().activeVariant());
            details.put("feature_columns", featureColumns);
            details.put("target", target.labelColumn());
            details.put("model_sha256", modelHashes);
            Map<String, Long> inputs = Map.of(LakeTable.FEATURES.tableName(), featuresVersion, LakeTable.OHLCV.tableName(), ohlcvVersion);
            long runsVersion = context.commits().replace(outcomes.drop(TeacherRows.PREDICTIONS), LakeTable.TEACHER_RUNS,
                    runPredicate(context), context.snapshot(Stage.TRAINING, LakeTable.TEACHER_RUNS).target(target.labelColumn())
                            .signatures(signatures).fingerprint(Fingerprint.MODEL_ARTIFACT_SHA256, modelArtifacts)
                            .nEffective(trainRows).inputs(inputs).rowCounts(byStatus).details(details).build());

            Dataset<Row> predictions = teacherPredictions(outcomes, features).cache();
            long predictionRows;
            long predictionsVersion;
            try {
                predictionRows = predictions.count();
                predictionsVersion = context.commits().replace(predictions, LakeTable.PREDICTIONS,
                    runPredicate(context) + " AND model = '" + MODEL + "'",
                    context.snapshot(Stage.TRAINING, LakeTable.PREDICTIONS).target(target.labelColumn()).signatures(signatures)
                            .fingerprint(Fingerprint.MODEL_ARTIFACT_SHA256, modelArtifacts)
                            .fingerprint(Fingerprint.PREDICTIONS_SHA256, RowsSha256.of(predictions, List.of("run_id")))
                            .nEffective(trainRows).inputs(inputs).rowCounts(Map.of(MODEL, predictionRows)).details(details).build());
            } finally {
                predictions.unpersist();
            }

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", training.teacher().mode());
            summary.put("windows", byStatus);
            summary.put("failed_windows", failed.stream().map(r -> r.getString(0) + ": " + r.getString(1)).toList());
            summary.put("oos_predictions", predictionRows);
            summary.put("models_dir", spec.modelsDir() + "/teachers");
            summary.put("models", modelHashes.size());
            Map<String, Long> versions = new LinkedHashMap<>();
            versions.put(LakeTable.TEACHER_RUNS.tableName(), runsVersion);
            versions.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
            return PhaseResult.of(this, String.format("%d windows: %d trained, %d skipped, %d failed; %,d out-of-sample labels",
                            byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus.getOrDefault("success", 0L),
                            byStatus.getOrDefault("skipped", 0L), byStatus.getOrDefault("failed", 0L), predictionRows),
                    summary, versions, List.of(context.lake().path(LakeTable.TEACHER_RUNS), spec.modelsDir() + "/teachers"));
        } finally {
            outcomes.unpersist();
        }
    }

    private static Dataset<Row> teacherPredictions(Dataset<Row> outcomes, Dataset<Row> features) {
        Dataset<Row> exploded = outcomes.where(col("status").equalTo("success"))
                .select(col("run_id"), col("symbol"), col("window_label"), explode(col(TeacherRows.PREDICTIONS)).as("p"))
                .select(col("run_id"), lit(MODEL).as("model"), col("symbol"), col("p.ts").as("ts"), col("window_label"),
                        lit("validation").as("split"), col("p.label").as("label"), col("p.prediction").as("prediction"),
                        col("p.prob_down").as("prob_down"), col("p.prob_neutral").as("prob_neutral"),
                        col("p.prob_up").as("prob_up"), col("p.confidence").as("confidence"));
        return exploded.join(features.select(OhlcvSchema.SYMBOL, OhlcvSchema.TS, FeatureColumns.FORWARD_RETURN),
                        List.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS).toArray(String[]::new), "left")
                .select(TrainingTables.PREDICTIONS.fieldNames()[0], java.util.Arrays.copyOfRange(
                        TrainingTables.PREDICTIONS.fieldNames(), 1, TrainingTables.PREDICTIONS.fieldNames().length));
    }

    /** The run's ohlcv slice (symbols, interval) at the version the features were built from. */
    static Dataset<Row> runBars(RunContext context, long ohlcvVersion) {
        return context.lake().readVersion(LakeTable.OHLCV, ohlcvVersion)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(context.config().run().interval())));
    }

    /** What every teacher mode needs for this run; model files go under {@code modelsDir}/teachers. */
    static TeacherSpec spec(RunContext context, Dataset<Row> symbolBars, String modelsDir) {
        PipelineConfig config = context.config();
        Map<String, LocalDate> lastBars = new HashMap<>();
        symbolBars.groupBy(OhlcvSchema.SYMBOL).agg(max(col(OhlcvSchema.TS)).cast("date"))
                .collectAsList().forEach(r -> lastBars.put(r.getString(0), r.getDate(1).toLocalDate()));
        // Windows need bars beyond the run's end only if ohlcv has them; never look past the run's end date.
        lastBars.replaceAll((symbol, date) -> date.isAfter(config.run().endDate()) ? config.run().endDate() : date);
        PipelineConfig.Training training = config.training();
        return new TeacherSpec(context.runId(), config.run().baseSeed(), FeatureInputs.modelInputs(context),
                new HashMap<>(config.models().xgboost().hyperparameters().teacher()), training.teacher().nthread(),
                new WindowPlanner(training.windowDays(), training.stepDays()), config.run().startDate(),
                config.run().endDate(), FeatureInputs.target(context).horizonDays(), training.minSamples(),
                training.trainFraction(), training.minTrainFraction(), context.calendar(), lastBars, modelsDir);
    }

    static String runPredicate(RunContext context) {
        return "run_id = '" + context.runId() + "'";
    }
}
