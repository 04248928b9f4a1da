package io.sensequant.snapshot;

import io.sensequant.identity.IdentityMode;
import io.sensequant.identity.StageIdentity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshot JSON round trips, legacy (schema 1) snapshots, and how identity keys respond to signatures and seed. */
class StageSnapshotTest {
    static final Map<String, String> SIGNATURES = Map.of(StageIdentity.DATASET, "d1", StageIdentity.FEATURE, "f1",
            StageIdentity.ROUTING, "r1");

    @Test
    void roundTripKeepsIdentityFingerprintsAndOmitsWhatDoesNotApply() {
        StageIdentity identity = StageIdentity.of(IdentityMode.STRICT, SIGNATURES, 42, List.of(StageIdentity.DATASET));
        StageSnapshot snapshot = new StageSnapshot(StageSnapshot.SCHEMA_VERSION, ScoringSchema.VERSION, "run_x", Stage.FEATURES,
                "features", "SYMBOL_SPECIFIC", null, "batch_abc", 1, "cohort_def", 3, "cfg", 42, "1.0", identity,
                Map.of("feature_fingerprint_output", "ff"), Map.of("feature_fingerprint_output", "what it covers"),
                new ComparisonGroup(identity.replicateKey(), "ck", 10, 42, null), Map.of("ohlcv", 0L), Map.of("A", 5L), Map.of());
        String json = snapshot.toJson();
        assertFalse(json.contains("\"target\""), "absent, never null: " + json);
        assertFalse(json.contains("null"), json);
        StageSnapshot back = StageSnapshot.fromJson(json);
        assertEquals(snapshot, back);
        assertFalse(back.legacy());
    }

    @Test
    void legacySnapshotsAreReadWithoutIdentity() {
        String v1 = "{\"schema_version\":1,\"run_id\":\"run_old\",\"stage\":\"TRAINING\",\"table\":\"teacher_runs\","
                + "\"config_fingerprint\":\"abc\",\"base_seed\":7,\"code_version\":\"0.1\",\"input_versions\":{\"features\":2},"
                + "\"row_counts\":{\"success\":3},\"details\":{\"view\":\"SYMBOL_SPECIFIC\"}}";
        StageSnapshot legacy = StageSnapshot.fromJson(v1);
        assertTrue(legacy.legacy());
        assertNull(legacy.identity());
        assertEquals(0, legacy.attemptId());
        assertEquals(2L, legacy.inputVersions().get("features"));
        assertTrue(legacy.fingerprints().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> StageSnapshot.fromJson("{\"hello\":1}"));
    }

    @Test
    void seedChangesOnlyTheStrictKeyAndASignatureChangesBoth() {
        StageIdentity base = StageIdentity.of(IdentityMode.RELAXED, SIGNATURES, 1, List.of());
        StageIdentity otherSeed = StageIdentity.of(IdentityMode.RELAXED, SIGNATURES, 2, List.of());
        assertEquals(base.replicateKey(), otherSeed.replicateKey());
        assertNotEquals(base.strictKey(), otherSeed.strictKey());
        Map<String, String> changed = new java.util.HashMap<>(SIGNATURES);
        changed.put(StageIdentity.HPARAMS, "h2");
        StageIdentity otherParams = StageIdentity.of(IdentityMode.RELAXED, changed, 1, List.of());
        assertNotEquals(base.replicateKey(), otherParams.replicateKey());
        assertEquals(List.of(StageIdentity.SPLIT), StageIdentity.of(IdentityMode.RELAXED, SIGNATURES, 1,
                List.of(StageIdentity.DATASET, StageIdentity.SPLIT)).missing());
        assertThrows(IllegalArgumentException.class, () -> StageIdentity.of(IdentityMode.RELAXED, Map.of("nonsense", "x"), 1, List.of()));
    }
}
