package io.sensequant.repro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.Yaml;
import io.sensequant.identity.StageIdentity;
import io.sensequant.snapshot.StageSnapshot;

import java.util.Map;
import java.util.TreeMap;

/**
 * One stage commit of a run as the comparison needs it: where it went, and the identity and fingerprints its
 * snapshot recorded. {@code identity} is null for a legacy (schema 1) snapshot.
 */
public record RunCommit(String stage, String table, long version, long snapshotSeq, int attemptId, String view,
                        String target, StageIdentity identity, Map<String, String> fingerprints,
                        Map<String, Long> inputVersions) {
    /** Hex digits shown where a hash is abbreviated: enough to tell values apart by eye. */
    public static final int SHORT = 12;

    public RunCommit {
        fingerprints = new TreeMap<>(fingerprints);
        inputVersions = new TreeMap<>(inputVersions);
    }

    /**
     * The commit of {@code table} at {@code version}, from the snapshot that commit carries. A legacy snapshot
     * predates attempts: it was its stage's first, so it pairs with a newer run's attempt 1.
     */
    public static RunCommit of(String table, long version, StageSnapshot snapshot) {
        return new RunCommit(snapshot.stage().name(), table, version, snapshot.snapshotSeq(),
                snapshot.legacy() ? 1 : snapshot.attemptId(),
                snapshot.view(), snapshot.target(), snapshot.legacy() ? null : snapshot.identity(),
                snapshot.fingerprints(), snapshot.inputVersions());
    }

    /**
     * The commit from its snapshot JSON. A schema-1 snapshot is read here field by field rather than through
     * {@link StageSnapshot#fromJson}, which drops the later fields and then cannot bind the primitive ones
     * (attempt_id, snapshot_seq) under the strict mapper; a comparison needs only its stage and inputs anyway.
     */
    public static RunCommit parse(String table, long version, String json) {
        JsonNode tree;
        try {
            tree = Yaml.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stage snapshot: " + e.getOriginalMessage(), e);
        }
        if (tree != null && tree.path("schema_version").canConvertToInt()
                && tree.path("schema_version").asInt() < StageSnapshot.SCHEMA_VERSION && tree.path("stage").isTextual()) {
            Map<String, Long> inputs = new TreeMap<>();
            tree.path("input_versions").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asLong()));
            return new RunCommit(tree.path("stage").asText(), table, version, 0, 1, null, null, null, Map.of(), inputs);
        }
        return of(table, version, StageSnapshot.fromJson(json));
    }

    public boolean legacy() {
        return identity == null;
    }

    public String strictKey() {
        return identity == null ? null : identity.strictKey();
    }

    public String replicateKey() {
        return identity == null ? null : identity.replicateKey();
    }

    /** The first {@link #SHORT} characters of a hash, or "-" when there is none. */
    public static String abbreviate(String hash) {
        if (hash == null) {
            return "-";
        }
        return hash.length() <= SHORT ? hash : hash.substring(0, SHORT);
    }
}
