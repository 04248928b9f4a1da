package io.sensequant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.Yaml;
import io.sensequant.repro.FakeRun;
import io.sensequant.spark.Lake;
import io.sensequant.spark.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sensequant.cli.CliErrorsTest.assertUserError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sensequant diff} against a real lake holding five runs' run_context, snapshot_index and metrics: a
 * baseline, its exact repeat, one with another seed, one with another max_depth, and one from before identities.
 */
class DiffCommandTest {
    @TempDir
    static Path lakeDir;

    @BeforeAll
    static void lake() {
        FakeRun.write(new Lake(SharedSpark.get(), lakeDir.toString()), List.of(FakeRun.of("run_a", 0, 1, 5),
                FakeRun.of("run_b", 1, 1, 5), FakeRun.of("run_c", 2, 2, 5), FakeRun.of("run_d", 3, 1, 6),
                new FakeRun("run_old", 4, 1, 5, true)));
    }

    static CommandOutput diff(String... args) {
        List<String> all = new ArrayList<>(List.of("diff"));
        all.addAll(List.of(args));
        all.addAll(List.of("--lake", lakeDir.toString()));
        all.addAll(List.of(ExportCommandTest.SPARK));
        return CommandOutput.run(all.toArray(String[]::new));
    }

    static JsonNode json(CommandOutput output) throws Exception {
        assertEquals(0, output.exitCode(), output.err());
        assertEquals(1, output.out().strip().lines().count(), "one JSON object");
        return Yaml.JSON.readTree(output.out());
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "'" + part + "' not in:\n" + text);
        }
    }

    @Test
    void repeatedRunIsIdentical() {
        CommandOutput output = diff("run_a", "run_b");
        assertEquals(0, output.exitCode(), output.err());
        assertContains(output.out(), "diff run_a (a) → run_b (b)", "config: same",
                "paths.release_dir  /release/run_a → /release/run_b",
                "data versions read: 1 same, 2 differ", "TRAINING/student_runs read features  v0 → v1",
                "commits: 3 paired (3 with the same strict_key and fingerprints), 0 in one run only",
                "metrics: 0 of 3 differ",
                "verdict: identical (same strict_key and fingerprints in all 3 commits)");
        assertFalse(output.out().contains("FEATURES/features read ohlcv  v0"), "equal versions are only counted");
    }

    @Test
    void anotherSeedIsComparableNotIdentical() throws Exception {
        CommandOutput output = diff("run_a", "run_c");
        assertContains(output.out(), "run.base_seed  1 → 2",
                "TRAINING/student_runs  v0 → v2  replicate_key same; strict_key differs (train_seed 1 vs 2)",
                "verdict: comparable, not identical: strict_key differs (train_seed 1 vs 2) in 2 of 3 commits",
                "  differs in config: run.base_seed 1 → 2");

        JsonNode report = json(diff("run_a", "run_c", "--json"));
        assertTrue(report.get("comparable").asBoolean());
        assertFalse(report.get("identical").asBoolean());
        for (JsonNode commit : report.get("commits")) {
            assertTrue(commit.get("replicate_key_equal").asBoolean(), commit.toString());
            assertEquals(commit.get("stage").asText().equals("FEATURES"), commit.get("strict_key_equal").asBoolean(), commit.toString());
            assertEquals(0, commit.get("signatures_differ").size());
        }
    }

    @Test
    void changedHyperparameterNamesTheSignatureAndTheConfigKey() throws Exception {
        CommandOutput output = diff("run_a", "run_d");
        assertEquals(0, output.exitCode(), "a report, whatever the verdict");
        assertContains(output.out(), "config: 1 key differs", "models.xgboost.hyperparameters.student.max_depth  5 → 6",
                "signatures differ: hparams_signature; replicate_key differs",
                "verdict: not comparable: hparams_signature differs in TRAINING/predictions, TRAINING/student_runs",
                "  differs in config: models.xgboost.hyperparameters.student.max_depth 5 → 6");

        JsonNode report = json(diff("run_a", "run_d", "--json"));
        assertFalse(report.get("comparable").asBoolean());
        assertEquals("models.xgboost.hyperparameters.student.max_depth", report.get("config_differences").get(0).get("key").asText());
        JsonNode student = report.get("commits").get(2);
        assertEquals("student_runs", student.get("table").asText());
        assertEquals("[\"hparams_signature\"]", student.get("signatures_differ").toString());
        assertEquals(0, student.get("a_version").asLong());
        assertEquals(3, student.get("b_version").asLong());
        assertEquals("model_artifact_sha256", student.get("fingerprints_differ").get(0).get("name").asText());
    }

    @Test
    void metricDeltas() throws Exception {
        CommandOutput output = diff("run_a", "run_d");
        assertContains(output.out(), "metrics: 1 of 3 differ", "VALIDATION  student  accuracy  0.55 → 0.56  (+0.01)");

        JsonNode metrics = json(diff("run_a", "run_d", "--json")).get("metrics");
        assertEquals(3, metrics.size(), "--json lists every metric");
        JsonNode accuracy = metrics.get(0);
        assertEquals("accuracy", accuracy.get("metric").asText());
        assertEquals(0.55, accuracy.get("a").asDouble(), 1e-12);
        assertEquals(0.56, accuracy.get("b").asDouble(), 1e-12);
        assertEquals(0.01, accuracy.get("delta").asDouble(), 1e-12);
        assertEquals(0.0, metrics.get(1).get("delta").asDouble());
    }

    @Test
    void legacyRunIsNamedAndWhatExistsIsCompared() {
        CommandOutput output = diff("run_old", "run_a");
        assertEquals(0, output.exitCode(), output.err());
        assertContains(output.out(), "config: not compared (see the notes)", "note: run run_old has legacy snapshots without identity: signatures cannot be compared",
                "note: config cannot be compared: run_old has no RUN_STARTED row",
                "TRAINING/student_runs  v4 → v0  identity: legacy snapshot, not compared",
                "verdict: not comparable: run run_old has legacy snapshots");
    }

    @Test
    void unknownRunNamesItAndTheRecentRuns() {
        assertUserError(diff("run_a", "run_nope"), "run_nope", lakeDir.toString(),
                "most recent runs: run_d, run_c, run_b, run_a");
        assertUserError(diff("run_a"), "RUN_B");
    }
}
