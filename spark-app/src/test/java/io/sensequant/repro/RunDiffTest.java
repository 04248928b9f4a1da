package io.sensequant.repro;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.Yaml;
import io.sensequant.identity.IdentityMode;
import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.RunDiffReport.CommitPair;
import io.sensequant.repro.RunDiffReport.MetricDelta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison of two runs as a pure function: config flattening, commit pairing, verdicts, metric deltas. */
class RunDiffTest {
    static final FakeRun A = FakeRun.of("run_a", 0, 1, 5);

    static JsonNode json(String text) throws Exception {
        return Yaml.JSON.readTree(text);
    }

    @Test
    void flattenMakesDottedKeysAndKeepsListsWhole() throws Exception {
        Map<String, JsonNode> flat = ConfigDiff.flatten(json(
                "{\"run\":{\"base_seed\":7,\"symbols\":[\"TCS\",\"INFY\"]},\"models\":{\"x\":{\"depth\":3}},\"empty\":{}}"));
        assertEquals(List.of("empty", "models.x.depth", "run.base_seed", "run.symbols"), List.copyOf(flat.keySet()));
        assertEquals("[\"TCS\",\"INFY\"]", flat.get("run.symbols").toString());
        assertEquals("{}", flat.get("empty").toString());
        assertTrue(ConfigDiff.flatten(null).isEmpty());
    }

    @Test
    void diffListsChangedAddedAndRemovedKeysAndMarksLocations() throws Exception {
        List<ConfigDiff.Difference> differences = ConfigDiff.diff(
                json("{\"run\":{\"seed\":1,\"symbols\":[\"A\"],\"gone\":true},\"paths\":{\"lake_root\":\"/a\"},\"same\":2}"),
                json("{\"run\":{\"seed\":1,\"symbols\":[\"A\",\"B\"],\"new\":\"x\"},\"paths\":{\"lake_root\":\"/b\"},\"same\":2}"));
        assertEquals(List.of("paths.lake_root", "run.gone", "run.new", "run.symbols"),
                differences.stream().map(ConfigDiff.Difference::key).toList());
        assertTrue(differences.get(0).location());
        assertFalse(differences.get(3).location());
        assertNull(differences.get(1).b());
        assertEquals("(absent)", ConfigDiff.render(differences.get(2).a()));
        assertEquals("x", ConfigDiff.render(differences.get(2).b()));
        assertEquals("[\"A\",\"B\"]", ConfigDiff.render(differences.get(3).b()));
    }

    @Test
    void sameIdentitiesAndFingerprintsAreIdenticalWhateverTheLocations() {
        RunDiffReport report = RunDiff.compare(A.record(), FakeRun.of("run_b", 1, 1, 5).record());
        assertTrue(report.comparable());
        assertTrue(report.identical());
        assertEquals("identical (same strict_key and fingerprints in all 3 commits)", report.verdict());
        assertEquals(List.of("paths.release_dir"), report.configDifferences().stream().map(ConfigDiff.Difference::key).toList());
        assertTrue(report.explanations().isEmpty());
        assertTrue(report.notes().isEmpty(), report.notes().toString());
        // the second run read its own features version: reported, but no reason to doubt the outputs
        assertTrue(report.dataVersions().stream().anyMatch(v -> v.input().equals("features") && !v.equal()));
    }

    @Test
    void anotherSeedIsComparableButNotIdentical() {
        RunDiffReport report = RunDiff.compare(A.record(), FakeRun.of("run_c", 2, 2, 5).record());
        assertTrue(report.comparable());
        assertFalse(report.identical());
        assertTrue(report.verdict().startsWith("comparable, not identical: strict_key differs (train_seed 1 vs 2) in 2 of 3 commits"),
                report.verdict());
        assertTrue(report.verdict().contains("model_artifact_sha256 differs in TRAINING/student_runs"), report.verdict());
        assertEquals(List.of("differs in config: run.base_seed 1 → 2"), report.explanations());
        CommitPair student = pair(report, "student_runs");
        assertEquals(Boolean.TRUE, student.replicateKeyEqual());
        assertEquals(Boolean.FALSE, student.strictKeyEqual());
        assertTrue(student.signaturesDiffer().isEmpty());
        assertTrue(pair(report, "features").same());
    }

    @Test
    void anotherHyperparameterIsNotComparableAndNamesTheKey() {
        RunDiffReport report = RunDiff.compare(A.record(), FakeRun.of("run_d", 3, 1, 6).record());
        assertFalse(report.comparable());
        assertFalse(report.identical());
        assertEquals("not comparable: hparams_signature differs in TRAINING/predictions, TRAINING/student_runs", report.verdict());
        assertEquals(List.of("differs in config: models.xgboost.hyperparameters.student.max_depth 5 → 6"), report.explanations());
        assertEquals(List.of(StageIdentity.HPARAMS), pair(report, "student_runs").signaturesDiffer());
        assertEquals(Boolean.FALSE, pair(report, "student_runs").replicateKeyEqual());
    }

    @Test
    void commitsPairByStageTableAttemptAndOrder() {
        List<RunCommit> a = new ArrayList<>(A.record().commits());
        RunCommit features = a.get(0);
        List<RunCommit> b = new ArrayList<>(a);
        a.add(new RunCommit("FEATURES", "features", 9, 3, 1, null, null, features.identity(), Map.of(), Map.of()));
        b.add(new RunCommit("FEATURES", "features", 9, 3, 2, null, null, features.identity(), Map.of(), Map.of()));
        List<CommitPair> pairs = RunDiff.pair(a, b);
        assertEquals(List.of("FEATURES/features", "FEATURES/features #2", "FEATURES/features attempt 2",
                "TRAINING/predictions", "TRAINING/student_runs"), pairs.stream().map(CommitPair::place).toList());
        assertFalse(pairs.get(1).paired());
        assertNull(pairs.get(1).b());
        assertNull(pairs.get(2).a());

        RunRecord left = new RunRecord("run_a", A.config(), a, List.of(), List.of());
        RunRecord right = new RunRecord("run_b", A.config(), b, List.of(), List.of());
        RunDiffReport report = RunDiff.compare(left, right);
        assertFalse(report.comparable());
        assertEquals("not comparable: only in run_a FEATURES/features #2; only in run_b FEATURES/features attempt 2",
                report.verdict());
    }

    @Test
    void legacySnapshotsAreNamedAndTheirFingerprintsStillCompared() {
        RunDiffReport report = RunDiff.compare(new FakeRun("run_old", 4, 1, 5, true).record(), A.record());
        assertFalse(report.comparable());
        String legacy = "run run_old has legacy snapshots without identity: signatures cannot be compared";
        assertTrue(report.verdict().contains(legacy), report.verdict());
        assertTrue(report.notes().contains(legacy), report.notes().toString());
        assertTrue(report.notes().contains("config cannot be compared: run_old has no RUN_STARTED row with its effective config"));
        assertFalse(report.configCompared());
        CommitPair student = pair(report, "student_runs");
        assertTrue(student.paired());
        assertNull(student.strictKeyEqual());
        assertEquals("model_artifact_sha256", student.fingerprintsDiffer().get(0).name());
        assertNull(student.fingerprintsDiffer().get(0).a());
    }

    @Test
    void metricDeltasJoinOnStageScopeAndMetric() {
        List<RunRecord.Metric> a = List.of(new RunRecord.Metric("VALIDATION", "student", "accuracy", 0.5),
                new RunRecord.Metric("VALIDATION", "student", "only_a", 1.0),
                new RunRecord.Metric("TRAINING", "student", "accuracy", 0.9));
        List<RunRecord.Metric> b = List.of(new RunRecord.Metric("VALIDATION", "student", "accuracy", 0.625),
                new RunRecord.Metric("TRAINING", "student", "accuracy", 0.9));
        List<MetricDelta> deltas = RunDiff.metricDeltas(a, b);
        assertEquals(List.of(), RunDiff.compare(new RunRecord("run_a", null, List.of(), a, List.of()),
                new RunRecord("run_b", null, List.of(), b, List.of())).notes().stream().filter(n -> n.contains("scoring")).toList());
        List<RunRecord.Metric> rescored = List.of(new RunRecord.Metric("VALIDATION", "student", "accuracy", 0.5, "1"));
        List<RunRecord.Metric> newer = List.of(new RunRecord.Metric("VALIDATION", "student", "accuracy", 0.5, "2"));
        assertTrue(RunDiff.compare(new RunRecord("run_a", null, List.of(), rescored, List.of()),
                new RunRecord("run_b", null, List.of(), newer, List.of())).notes()
                .contains("metrics were scored under scoring schema versions 1, 2: their deltas compare different definitions"));
        assertEquals(List.of("TRAINING accuracy", "VALIDATION accuracy", "VALIDATION only_a"),
                deltas.stream().map(d -> d.stage() + " " + d.metric()).toList());
        assertFalse(deltas.get(0).differs());
        assertEquals(0.125, deltas.get(1).delta(), 1e-12);
        assertTrue(deltas.get(2).differs());
        assertNull(deltas.get(2).b());
        assertNull(deltas.get(2).delta());
    }

    @Test
    void jsonCarriesEveryPartOfTheReport() {
        JsonNode json = RunDiff.compare(A.record(), FakeRun.of("run_c", 2, 2, 5).record()).toJson();
        for (String field : List.of("run_a", "run_b", "comparable", "identical", "verdict", "explanations", "config_compared", "config_differences",
                "data_versions", "commits", "metrics", "notes")) {
            assertTrue(json.has(field), field);
        }
        JsonNode seed = find(json.get("config_differences"), "key", "run.base_seed");
        assertEquals(1, seed.get("a").asLong());
        assertEquals(2, seed.get("b").asLong());
        assertFalse(seed.get("location").asBoolean());
        assertTrue(find(json.get("config_differences"), "key", "paths.release_dir").get("location").asBoolean());
        JsonNode student = json.get("commits").get(2);
        assertEquals("student_runs", student.get("table").asText());
        assertTrue(student.get("replicate_key_equal").asBoolean());
        assertFalse(student.get("strict_key_equal").asBoolean());
        assertEquals(2, student.get("b_train_seed").asLong());
        assertEquals("model_artifact_sha256", student.get("fingerprints_differ").get(0).get("name").asText());
        assertEquals(64, student.get("fingerprints_differ").get(0).get("a").asText().length());
        assertEquals(3, json.get("metrics").size(), "every metric, equal or not");
        assertEquals(0.001, json.get("metrics").get(0).get("delta").asDouble(), 1e-12);
    }

    @Test
    void identityOfIsWhatTheFixtureUses() {
        // the keys the verdict relies on: the seed moves strict_key only
        StageIdentity one = StageIdentity.of(IdentityMode.RELAXED, Map.of(StageIdentity.DATASET, "d"), 1, List.of());
        StageIdentity two = StageIdentity.of(IdentityMode.RELAXED, Map.of(StageIdentity.DATASET, "d"), 2, List.of());
        assertEquals(one.replicateKey(), two.replicateKey());
        assertFalse(one.strictKey().equals(two.strictKey()));
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode entry : array) {
            if (entry.get(field).asText().equals(value)) {
                return entry;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }

    static CommitPair pair(RunDiffReport report, String table) {
        return report.commits().stream().filter(p -> p.table().equals(table) && p.ordinal() == 0).findFirst().orElseThrow();
    }
}
