package io.sensequant.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.ConfigException;
import io.sensequant.config.Yaml;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * A run as {@code run_context} recorded it: its effective config, symbols and code version (the RUN_STARTED row),
 * and for every completed phase the input versions it read, the table versions it wrote and its summary.
 * Enough to re-run any of its stages on the same inputs.
 */
public record RecordedRun(String runId, ObjectNode effectiveConfig, String configFingerprint, List<String> symbols,
                          String codeVersion, List<Phase> phases) {

    /** One completed phase of the run. */
    public record Phase(String name, Stage stage, Map<String, Long> reads, Map<String, Long> tableVersions,
                        Map<String, Object> summary, String headline, double seconds) {
        public PhaseResult asResult() {
            return new PhaseResult(name, stage, headline, summary, tableVersions, List.of(), seconds);
        }
    }

    public static RecordedRun load(Lake lake, String runId) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            throw new ConfigException("lake " + lake.root() + " has no run_context table: no run was recorded there "
                    + "(runs record their transitions since snapshot schema 2)");
        }
        List<Row> rows = lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)).orderBy("seq").collectAsList();
        Row started = rows.stream().filter(r -> RunContextTable.RUN_STARTED.equals(r.getAs("event"))).reduce((a, b) -> b)
                .orElseThrow(() -> new ConfigException("no run '" + runId + "' in " + lake.path(LakeTable.RUN_CONTEXT)
                        + "; recent runs: " + String.join(", ", recentRuns(lake, 5))));
        ObjectNode config;
        try {
            JsonNode tree = Yaml.JSON.readTree(started.<String>getAs("effective_config"));
            config = (ObjectNode) tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("run " + runId + ": the effective config in run_context is not valid JSON: " + e.getOriginalMessage());
        }
        List<Phase> phases = new ArrayList<>();
        for (Row r : rows) {
            if (RunContextTable.STAGE_COMPLETED.equals(r.getAs("event"))) {
                phases.add(new Phase(r.getAs("phase"), Stage.valueOf(r.getAs("stage")), longs(r.getJavaMap(r.fieldIndex("input_versions"))),
                        longs(r.getJavaMap(r.fieldIndex("table_versions"))), summary(r.getAs("summary")), r.getAs("reason"),
                        r.isNullAt(r.fieldIndex("seconds")) ? 0 : r.<Double>getAs("seconds")));
            }
        }
        List<String> symbols = started.isNullAt(started.fieldIndex("symbols")) ? List.of() : started.getList(started.fieldIndex("symbols"));
        return new RecordedRun(runId, config, started.getAs("config_fingerprint"), List.copyOf(symbols),
                started.getAs("code_version"), phases);
    }

    /** The most recent run ids in the lake, newest first. */
    public static List<String> recentRuns(Lake lake, int limit) {
        if (!lake.exists(LakeTable.RUN_CONTEXT)) {
            return List.of();
        }
        return lake.read(LakeTable.RUN_CONTEXT).where(col("event").equalTo(RunContextTable.RUN_STARTED))
                .orderBy(col("recorded_at").desc()).limit(limit).select("run_id").collectAsList()
                .stream().map(r -> r.getString(0)).toList();
    }

    /**
     * The run's effective config as recorded, reading and writing {@code lakeRoot} (the lake may have moved since);
     * the fingerprint is recomputed from the recorded tree, so a tampered record shows as a different fingerprint.
     */
    public io.sensequant.config.EffectiveConfig effectiveConfig(String lakeRoot) {
        return effectiveConfig(lakeRoot, null);
    }

    /** As {@link #effectiveConfig(String)}, with release files going to {@code releaseDir} (null: as recorded). */
    public io.sensequant.config.EffectiveConfig effectiveConfig(String lakeRoot, String releaseDir) {
        io.sensequant.config.PipelineConfig typed = Yaml.bind(effectiveConfig, io.sensequant.config.PipelineConfig.class,
                "run " + runId + " effective config (run_context)");
        String fingerprint = io.sensequant.identity.Hashing.sha256Hex(io.sensequant.identity.CanonicalJson.write(effectiveConfig));
        return new io.sensequant.config.EffectiveConfig(effectiveConfig, typed.withPaths(
                new io.sensequant.config.PipelineConfig.Paths(lakeRoot, releaseDir != null ? releaseDir : typed.paths().releaseDir())), fingerprint,
                List.of("run_context of " + runId));
    }

    public List<Stage> stages() {
        return phases.stream().map(Phase::stage).distinct().toList();
    }

    private static Map<String, Long> longs(Map<Object, Object> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Yaml.JSON.readValue(json, LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a phase summary in run_context is not valid JSON", e);
        }
    }
}
