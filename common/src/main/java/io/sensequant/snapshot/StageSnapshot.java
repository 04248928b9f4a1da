package io.sensequant.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.Yaml;
import io.sensequant.identity.StageIdentity;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stage records in the {@code userMetadata} of every Delta commit it makes (README, "Snapshot schema"):
 * who wrote it (run, stage, table, view, target, batch, attempt, cohort, sequence number within the run), from
 * what (config fingerprint, seed, code version, the Delta versions it read), its identity (signatures and keys),
 * its fingerprints with what each covers, its comparison group, row counts and stage-specific details.
 * Fields that do not apply to a stage (a target for INGEST) are absent, never null. Maps are sorted so the JSON
 * is canonical.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageSnapshot(int schemaVersion, String scoringSchemaVersion, String runId, Stage stage, String table,
                            String view, String target, String batchId, int attemptId, String cohortId,
                            long snapshotSeq, String configFingerprint, long baseSeed, String codeVersion,
                            StageIdentity identity, Map<String, String> fingerprints,
                            Map<String, String> fingerprintSources, ComparisonGroup comparisonGroup,
                            Map<String, Long> inputVersions, Map<String, Long> rowCounts, Map<String, Object> details) {
    public static final int SCHEMA_VERSION = 2;
    /** The first schema: no identity, fingerprints, batch, attempt or cohort (read in every identity mode). */
    public static final int LEGACY_SCHEMA_VERSION = 1;

    public StageSnapshot {
        fingerprints = fingerprints == null ? Map.of() : new TreeMap<>(fingerprints);
        fingerprintSources = fingerprintSources == null ? Map.of() : new TreeMap<>(fingerprintSources);
        inputVersions = inputVersions == null ? Map.of() : new TreeMap<>(inputVersions);
        rowCounts = rowCounts == null ? Map.of() : new TreeMap<>(rowCounts);
        details = details == null ? Map.of() : new TreeMap<>(details);
    }

    /** True for a schema-1 snapshot, written before identities existed. */
    @JsonIgnore
    public boolean legacy() {
        return schemaVersion < SCHEMA_VERSION;
    }

    public String toJson() {
        try {
            return Yaml.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stage snapshot cannot be serialised", e);
        }
    }

    /** Parses a snapshot of this schema or of the legacy schema 1 (whose newer fields stay absent). */
    public static StageSnapshot fromJson(String json) {
        try {
            JsonNode tree = Yaml.JSON.readTree(json);
            if (tree == null || !tree.isObject() || !tree.has("schema_version") || !tree.has("run_id")) {
                throw new IllegalArgumentException("not a stage snapshot: " + abbreviate(json));
            }
            if (tree.get("schema_version").asInt() < SCHEMA_VERSION) {
                ObjectNode upgraded = ((ObjectNode) tree).deepCopy();
                for (String later : List.of("scoring_schema_version", "view", "target", "batch_id", "cohort_id",
                        "identity", "fingerprints", "fingerprint_sources", "comparison_group")) {
                    upgraded.remove(later);
                }
                // schema 1 had neither attempts nor a sequence: 0 says "not recorded" (real values start at 1)
                upgraded.put("attempt_id", 0);
                upgraded.put("snapshot_seq", 0L);
                return Yaml.JSON.treeToValue(upgraded, StageSnapshot.class);
            }
            return Yaml.JSON.treeToValue(tree, StageSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stage snapshot: " + e.getOriginalMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
