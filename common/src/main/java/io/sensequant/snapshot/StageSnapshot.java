package io.sensequant.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sensequant.config.Yaml;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a stage records in the {@code userMetadata} of every Delta commit it makes: who wrote it (run, stage,
 * table), from what (config fingerprint, base seed, the Delta versions it read) and how much (row counts),
 * plus stage-specific details. Keys are sorted so that the JSON is canonical.
 */
public record StageSnapshot(int schemaVersion, String runId, Stage stage, String table, String configFingerprint,
                            long baseSeed, String codeVersion, Map<String, Long> inputVersions,
                            Map<String, Long> rowCounts, Map<String, Object> details) {
    public static final int SCHEMA_VERSION = 1;

    public StageSnapshot {
        inputVersions = new TreeMap<>(inputVersions);
        rowCounts = new TreeMap<>(rowCounts);
        details = new TreeMap<>(details);
    }

    public String toJson() {
        try {
            return Yaml.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stage snapshot cannot be serialised", e);
        }
    }

    public static StageSnapshot fromJson(String json) {
        try {
            return Yaml.JSON.readValue(json, StageSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stage snapshot: " + e.getOriginalMessage(), e);
        }
    }
}
