package io.sensequant.repro;

import io.sensequant.config.Yaml;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * The {@code run_context} table: one row per transition of a run (run started, stage started, completed or failed,
 * a new attempt, run finished). A stage's start is committed before the stage does any work, with the transitions
 * before it in the same commit, so the table always says which stage a run is in, even for a run that was killed
 * (one commit per stage keeps the bookkeeping cheap). A completed stage's row keeps what a later re-run needs: the input versions it read,
 * the table versions it wrote and its summary; the run's first row keeps the effective config.
 */
public final class RunContextTable {
    public static final String RUN_STARTED = "RUN_STARTED";
    public static final String STAGE_STARTED = "STAGE_STARTED";
    public static final String STAGE_COMPLETED = "STAGE_COMPLETED";
    public static final String STAGE_FAILED = "STAGE_FAILED";
    public static final String ATTEMPT = "ATTEMPT";
    public static final String RUN_COMPLETED = "RUN_COMPLETED";
    public static final String RUN_FAILED = "RUN_FAILED";

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("seq", DataTypes.LongType, false)
            .add("event", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, true)
            .add("phase", DataTypes.StringType, true)
            .add("attempt_id", DataTypes.IntegerType, false)
            .add("reason", DataTypes.StringType, false)
            .add("current_stage", DataTypes.StringType, true)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("input_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("table_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("summary", DataTypes.StringType, true)
            .add("seconds", DataTypes.DoubleType, true)
            .add("config_fingerprint", DataTypes.StringType, false)
            .add("effective_config", DataTypes.StringType, true)
            .add("symbols", DataTypes.createArrayType(DataTypes.StringType), true)
            .add("code_version", DataTypes.StringType, false);

    private final RunContext context;
    private final List<Row> pending = new java.util.ArrayList<>();
    private long seq;
    private Stage current;

    public RunContextTable(RunContext context) {
        this.context = context;
    }

    public void runStarted(Stage first, String reason) {
        seq = lastSeq(context.outputs(), context.runId());
        append(RUN_STARTED, null, null, context.attempt(first), reason, Map.of(), Map.of(), null, null,
                io.sensequant.identity.CanonicalJson.write(context.effectiveConfig().tree()), context.symbols(), first);
    }

    public void stageStarted(Stage stage, String phase) {
        current = stage;
        append(STAGE_STARTED, stage, phase, context.attempt(stage), "phase '" + phase + "' started",
                Map.of(), Map.of(), null, null, null, null, stage);
        flush(stage);
    }

    /** A rerun of {@code stage} inside the run (leakage auto-fix): the next attempt, with why. */
    public void attempt(Stage stage, int attempt, String reason) {
        append(ATTEMPT, stage, null, attempt, reason, Map.of(), Map.of(), null, null, null, null, stage);
    }

    public void stageCompleted(Stage stage, PhaseResult result, Map<String, Long> reads) {
        append(STAGE_COMPLETED, stage, result.phase(), context.attempt(stage), result.headline(), reads,
                result.tableVersions(), json(result.summary()), result.seconds(), null, null, stage);
    }

    public void stageFailed(Stage stage, String phase, String reason, Map<String, Long> reads) {
        append(STAGE_FAILED, stage, phase, context.attempt(stage), reason, reads, Map.of(), null, null, null, null, stage);
    }

    public void runFinished(boolean succeeded, String reason) {
        Stage last = current;
        append(succeeded ? RUN_COMPLETED : RUN_FAILED, null, null, 1, reason, Map.of(), Map.of(), null, null, null, null, current);
        flush(last != null ? last : Stage.INGEST);
    }

    /** Commits the transitions recorded since the last flush, in one append. */
    private void flush(Stage stage) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Object> details = new TreeMap<>();
        details.put("events", pending.stream().map(r -> r.getString(2)).toList());
        details.put("seq", List.of(pending.get(0).getLong(1), pending.get(pending.size() - 1).getLong(1)));
        context.commits().append(context.spark().createDataFrame(List.copyOf(pending), SCHEMA).coalesce(1), LakeTable.RUN_CONTEXT,
                context.snapshot(stage, LakeTable.RUN_CONTEXT).bookkeeping().details(details).build());
        pending.clear();
    }

    private void append(String event, Stage stage, String phase, int attempt, String reason, Map<String, Long> reads,
                        Map<String, Long> tables, String summary, Double seconds, String config, List<String> symbols,
                        Stage currentStage) {
        seq++;
        current = currentStage;
        Row row = RowFactory.create(context.runId(), seq, event, stage == null ? null : stage.name(), phase, attempt,
                reason, currentStage == null ? null : currentStage.name(), Timestamp.from(Instant.now()),
                ScalaMaps.of(reads), ScalaMaps.of(tables), summary, seconds,
                context.effectiveConfig().fingerprint(), config,
                symbols == null ? null : symbols.toArray(String[]::new), context.codeVersion());
        pending.add(row);
    }

    /** The stage {@code runId} is in: the stage of its latest transition, if it has any. */
    public static Optional<Stage> currentStage(Lake lake, String runId) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            return Optional.empty();
        }
        List<Row> last = lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)
                        .and(col("current_stage").isNotNull())).orderBy(col("seq").desc()).limit(1)
                .select("current_stage").collectAsList();
        return last.isEmpty() ? Optional.empty() : Optional.of(Stage.valueOf(last.get(0).getString(0)));
    }

    private static long lastSeq(Lake lake, String runId) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            return 0;
        }
        Row max = lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId))
                .agg(org.apache.spark.sql.functions.max("seq")).first();
        return max.isNullAt(0) ? 0 : max.getLong(0);
    }

    private static String json(Map<String, Object> summary) {
        try {
            return Yaml.JSON.writeValueAsString(new TreeMap<>(summary));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a phase summary cannot be written as JSON", e);
        }
    }

}
