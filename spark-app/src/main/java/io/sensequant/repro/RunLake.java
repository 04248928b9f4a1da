package io.sensequant.repro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.ConfigException;
import io.sensequant.config.Yaml;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * Reads what the lake records about a run (run_context, snapshot_index, metrics) into plain records: the thin
 * shell in front of {@link RunDiff} and {@code sensequant history --run}. A missing table reads as empty, since
 * a run that stopped early never created the later ones.
 */
public final class RunLake {
    /** Runs listed when a run id is unknown. */
    public static final int RECENT = 5;

    /** One row of run_context. */
    public record Transition(long seq, java.time.Instant recordedAt, String event, String stage, String phase,
                             int attemptId, String reason) {
    }

    private static final String SCORING_SCHEMA = "scoring_schema_version";

    private final Lake lake;

    public RunLake(Lake lake) {
        this.lake = lake;
    }

    /** Fails with the most recent run ids when {@code runId} has neither transitions nor commits in the lake. */
    public void requireRun(String runId) {
        if (has(LakeTable.RUN_CONTEXT, runId) || has(LakeTable.SNAPSHOT_INDEX, runId)) {
            return;
        }
        List<String> recent = recentRunIds(RECENT);
        throw new ConfigException("no run '" + runId + "' in lake " + lake.root() + (recent.isEmpty()
                ? ": it has no runs yet (run 'sensequant run' first)"
                : "; most recent runs: " + String.join(", ", recent)));
    }

    private boolean has(LakeTable table, String runId) {
        return lake.exists(table) && !lake.read(table).where(col("run_id").equalTo(runId)).limit(1).isEmpty();
    }

    /** Run ids by their latest transition, newest first. */
    public List<String> recentRunIds(int limit) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            return List.of();
        }
        return lake.read(LakeTable.RUN_CONTEXT).groupBy("run_id").agg(max("recorded_at").as("last"))
                .orderBy(col("last").desc(), col("run_id").desc()).limit(limit)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    public List<Transition> transitions(String runId) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            return List.of();
        }
        return lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)).orderBy("seq")
                .select("seq", "recorded_at", "event", "stage", "phase", "attempt_id", "reason").collectAsList().stream()
                .map(r -> new Transition(r.getLong(0), r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3),
                        r.getString(4), r.getInt(5), r.getString(6)))
                .toList();
    }

    /** The run's stage commits in snapshot order; a row whose snapshot cannot be parsed is named in {@code notes}. */
    public List<RunCommit> commits(String runId, List<String> notes) {
        if (!lake.exists(LakeTable.SNAPSHOT_INDEX)) {
            return List.of();
        }
        List<RunCommit> commits = new ArrayList<>();
        for (Row row : lake.read(LakeTable.SNAPSHOT_INDEX).where(col("run_id").equalTo(runId))
                .orderBy("snapshot_seq", "version").select("table_name", "version", "snapshot_json").collectAsList()) {
            try {
                commits.add(RunCommit.parse(row.getString(0), row.getLong(1), row.getString(2)));
            } catch (IllegalArgumentException e) {
                notes.add("run " + runId + ": " + row.getString(0) + " v" + row.getLong(1) + " skipped: " + e.getMessage());
            }
        }
        return commits;
    }

    public List<RunRecord.Metric> metrics(String runId) {
        if (!lake.exists(LakeTable.METRICS)) {
            return List.of();
        }
        Dataset<Row> metrics = lake.read(LakeTable.METRICS).where(col("run_id").equalTo(runId));
        // rows written before metrics carried their scoring schema read as null
        Column schema = Arrays.asList(metrics.columns()).contains(SCORING_SCHEMA) ? col(SCORING_SCHEMA) : lit(null).cast("string");
        return metrics.select(col("stage"), col("scope"), col("metric"), col("value"), schema).collectAsList().stream()
                .map(r -> new RunRecord.Metric(r.getString(0), r.getString(1), r.getString(2),
                        r.isNullAt(3) ? Double.NaN : r.getDouble(3), r.getString(4)))
                .toList();
    }

    /** Everything the comparison needs about {@code runId}, which must exist. */
    public RunRecord load(String runId) {
        requireRun(runId);
        List<String> notes = new ArrayList<>();
        JsonNode config = effectiveConfig(runId, notes);
        List<RunCommit> commits = commits(runId, notes);
        return new RunRecord(runId, config, commits, metrics(runId), notes);
    }

    /** The config of the run's latest start: a resumed run may have been restarted with another one (noted). */
    private JsonNode effectiveConfig(String runId, List<String> notes) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            return null;
        }
        List<String> configs = lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)
                        .and(col("event").equalTo(RunContextTable.RUN_STARTED)).and(col("effective_config").isNotNull()))
                .orderBy("seq").select("effective_config").collectAsList().stream().map(r -> r.getString(0)).toList();
        if (configs.isEmpty()) {
            return null;
        }
        long distinct = new LinkedHashSet<>(configs).size();
        if (distinct > 1) {
            notes.add("run " + runId + " was started with " + distinct + " different configs: comparing the latest");
        }
        String latest = configs.get(configs.size() - 1);
        try {
            return Yaml.JSON.readTree(latest);
        } catch (JsonProcessingException e) {
            notes.add("run " + runId + ": its effective config is not JSON (" + e.getOriginalMessage() + ")");
            return null;
        }
    }
}
