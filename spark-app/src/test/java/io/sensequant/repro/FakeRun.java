package io.sensequant.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.Yaml;
import io.sensequant.evaluation.MetricsTable;
import io.sensequant.identity.CanonicalJson;
import io.sensequant.identity.IdentityMode;
import io.sensequant.identity.StageIdentity;
import io.sensequant.snapshot.ScoringSchema;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as the lake would record it, without running the pipeline: FEATURES writes {@code features}, TRAINING
 * writes {@code student_runs} and {@code predictions}, VALIDATION scores it. What a real run derives from its
 * config is derived here from {@code seed} and {@code maxDepth} the same way (the hyperparameters move the
 * hparams signature and the model's hash, the seed moves the training seed and the model's hash), so runs built
 * with equal parameters are identical and the others differ exactly where a real pair would. {@code index}
 * orders the runs in time and gives each run its own table versions, as consecutive runs in one lake have.
 */
public record FakeRun(String runId, int index, long seed, int maxDepth, boolean legacy) {
    public static final Instant EPOCH = Instant.parse("2024-03-01T09:00:00Z");
    public static final String CODE = "0.0-test";

    public static FakeRun of(String runId, int index, long seed, int maxDepth) {
        return new FakeRun(runId, index, seed, maxDepth, false);
    }

    public JsonNode config() {
        ObjectNode tree = Yaml.JSON.createObjectNode();
        ObjectNode run = tree.putObject("run");
        run.put("base_seed", seed);
        run.put("profile", "default");
        run.putArray("symbols").add("TCS").add("INFY");
        tree.putObject("paths").put("lake_root", "/lake").put("release_dir", "/release/" + runId);
        tree.putObject("models").putObject("xgboost").putObject("hyperparameters").putObject("student")
                .put("max_depth", maxDepth).put("eta", 0.1);
        return tree;
    }

    public String configFingerprint() {
        return CanonicalJson.sha256(config());
    }

    /** One commit as snapshot_index holds it. */
    public record Commit(String table, long version, StageSnapshot snapshot) {
    }

    public List<Commit> commits() {
        Map<String, String> data = Map.of(StageIdentity.DATASET, sig("ohlcv TCS INFY"), StageIdentity.TARGET, sig("label 7d"),
                StageIdentity.FEATURE, sig("seed15"));
        Map<String, String> model = new TreeMap<>(data);
        model.put(StageIdentity.HPARAMS, sig(Map.of("max_depth", maxDepth, "eta", 0.1)));
        model.put(StageIdentity.SPLIT, sig("80/20"));
        model.put(StageIdentity.ROUTING, sig("CROSS_SECTIONAL batch"));
        String outputs = seed + "/" + maxDepth;
        return List.of(
                new Commit("features", index, snapshot(Stage.FEATURES, "features", 2, identity(data, 0),
                        Map.of("feature_fingerprint_output", sig("feature rows")), Map.of("ohlcv", 0L))),
                new Commit("student_runs", index, snapshot(Stage.TRAINING, "student_runs", 4, identity(model, seed),
                        Map.of("model_artifact_sha256", sig("model " + outputs)), Map.of("features", (long) index))),
                new Commit("predictions", index, snapshot(Stage.TRAINING, "predictions", 5, identity(model, seed),
                        Map.of("predictions_sha256", sig("predictions " + outputs)), Map.of("features", (long) index))));
    }

    private StageIdentity identity(Map<String, String> signatures, long trainSeed) {
        return StageIdentity.of(IdentityMode.RELAXED, signatures, trainSeed, List.of());
    }

    private StageSnapshot snapshot(Stage stage, String table, long seq, StageIdentity identity, Map<String, String> fingerprints,
                                   Map<String, Long> inputs) {
        if (legacy) {
            return new StageSnapshot(StageSnapshot.LEGACY_SCHEMA_VERSION, null, runId, stage, table, null, null, null, 1, null,
                    0, configFingerprint(), seed, CODE, null, null, null, null, inputs, Map.of("rows", 10L), null);
        }
        return new StageSnapshot(StageSnapshot.SCHEMA_VERSION, ScoringSchema.VERSION, runId, stage, table,
                "CROSS_SECTIONAL", stage == Stage.FEATURES ? null : "label_7d", "batch_0123456789ab", 1, null, seq,
                configFingerprint(), seed, CODE, identity, fingerprints, null, null, inputs, Map.of("rows", 10L), null);
    }

    /** Accuracy moves with the hyperparameters and the seed; the other metrics do not. */
    public List<RunRecord.Metric> metrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("accuracy", 0.5 + maxDepth / 100.0 + (seed - 1) / 1000.0);
        values.put("macro_f1", 0.4);
        values.put("rows", 100.0);
        List<RunRecord.Metric> metrics = new ArrayList<>();
        values.forEach((name, value) -> metrics.add(new RunRecord.Metric("VALIDATION", "student", name, value, ScoringSchema.VERSION)));
        return metrics;
    }

    /** What {@link RunLake#load} reads back for this run. */
    public RunRecord record() {
        return new RunRecord(runId, legacy ? null : config(),
                commits().stream().map(c -> RunCommit.parse(c.table(), c.version(), c.snapshot().toJson())).toList(),
                metrics(), List.of());
    }

    static String sig(Object content) {
        return StageIdentity.signature(content);
    }

    /** The run's transitions; a legacy run predates run_context and has none. */
    public List<Row> contextRows() {
        if (legacy) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        rows.add(context(1, RunContextTable.RUN_STARTED, null, "run started", CanonicalJson.write(config())));
        rows.add(context(2, RunContextTable.STAGE_STARTED, Stage.FEATURES, "phase 'features' started", null));
        rows.add(context(3, RunContextTable.STAGE_COMPLETED, Stage.FEATURES, "features: 20 rows", null));
        rows.add(context(4, RunContextTable.STAGE_STARTED, Stage.TRAINING, "phase 'training' started", null));
        rows.add(context(5, RunContextTable.STAGE_COMPLETED, Stage.TRAINING, "student trained", null));
        rows.add(context(6, RunContextTable.RUN_COMPLETED, null, "run completed", null));
        return rows;
    }

    private Row context(long seq, String event, Stage stage, String reason, String config) {
        Timestamp at = Timestamp.from(EPOCH.plusSeconds(3600L * index + 60 * seq));
        return RowFactory.create(runId, seq, event, stage == null ? null : stage.name(), stage == null ? null : stage.name().toLowerCase(),
                1, reason, stage == null ? null : stage.name(), at, scala(Map.of()), scala(Map.of()), null, null,
                configFingerprint(), config, new String[]{"TCS", "INFY"}, CODE);
    }

    /** Writes run_context, snapshot_index and metrics for {@code runs}: one Delta commit per table. */
    public static void write(Lake lake, List<FakeRun> runs) {
        SparkSession spark = lake.spark();
        List<Row> context = new ArrayList<>();
        List<Row> index = new ArrayList<>();
        List<Row> metrics = new ArrayList<>();
        for (FakeRun run : runs) {
            context.addAll(run.contextRows());
            run.commits().forEach(c -> index.add(SnapshotIndex.row(c.table(), c.version(), c.snapshot())));
            run.metrics().forEach(m -> metrics.addAll(MetricsTable.rows(run.runId(), m.stage(), m.scope(), Map.of(m.metric(), m.value()))));
        }
        spark.createDataFrame(context, RunContextTable.SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Append)
                .save(lake.path(LakeTable.RUN_CONTEXT));
        spark.createDataFrame(index, SnapshotIndex.SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Append)
                .save(lake.path(LakeTable.SNAPSHOT_INDEX));
        spark.createDataFrame(metrics, MetricsTable.SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Append)
                .save(lake.path(LakeTable.METRICS));
    }

    private static scala.collection.Map<String, Object> scala(Map<String, Object> map) {
        return scala.collection.JavaConverters.mapAsScalaMapConverter(map).asScala();
    }
}
