package io.sensequant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.Yaml;
import io.sensequant.identity.StageIdentity;
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

/** {@code sensequant history}: a table's commits (--table), a run's transitions and commits (--run), or both. */
class HistoryCommandTest {
    static final FakeRun RUN = FakeRun.of("run_a", 0, 1, 5);

    @TempDir
    static Path lakeDir;

    @BeforeAll
    static void lake() {
        FakeRun.write(new Lake(SharedSpark.get(), lakeDir.toString()), List.of(RUN, FakeRun.of("run_b", 1, 2, 5)));
    }

    static CommandOutput history(String... args) {
        List<String> all = new ArrayList<>(List.of("history"));
        all.addAll(List.of(args));
        all.addAll(List.of("--lake", lakeDir.toString()));
        all.addAll(List.of(ExportCommandTest.SPARK));
        return CommandOutput.run(all.toArray(String[]::new));
    }

    static String strictKey(String table) {
        return RUN.commits().stream().filter(c -> c.table().equals(table)).findFirst().orElseThrow().snapshot().identity().strictKey();
    }

    @Test
    void runListsItsTransitionsThenItsCommitsInSnapshotOrder() {
        CommandOutput output = history("--run", "run_a");
        assertEquals(0, output.exitCode(), output.err());
        String out = output.out();
        assertTrue(out.startsWith("run run_a: 6 transitions, 3 commits\ntransitions:\n"), out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(2).matches("\\s+1  2024-03-01T09:01:00Z  RUN_STARTED\\s+-\\s+a1  run started"), lines.get(2));
        assertTrue(lines.get(4).contains("STAGE_COMPLETED FEATURES"), lines.get(4));
        assertTrue(lines.get(7).contains("RUN_COMPLETED") && lines.get(7).endsWith("run completed"), lines.get(7));
        assertEquals("commits (by snapshot_seq):", lines.get(8));
        assertTrue(lines.get(9).contains("FEATURES") && lines.get(9).contains("features v000"), lines.get(9));
        assertTrue(lines.get(10).matches("\\s+4  TRAINING\\s+student_runs v000\\s+CROSS_SECTIONAL\\s+label_7d\\s+a1  .*"), lines.get(10));
        assertTrue(lines.get(10).contains("strict_key " + strictKey("student_runs").substring(0, 12) + "  model_artifact_sha256="),
                lines.get(10));
        assertFalse(lines.get(10).contains(strictKey("student_runs")), "keys are abbreviated");
        assertTrue(lines.get(11).contains("predictions v000"), lines.get(11));
        assertEquals(12, lines.size());
        assertFalse(out.contains("run_b"));
    }

    @Test
    void runAndTableShowOnlyThatTablesCommits() {
        CommandOutput output = history("--run", "run_a", "--table", "predictions");
        assertEquals(0, output.exitCode(), output.err());
        assertTrue(output.out().startsWith("run run_a: 6 transitions, 1 commits to predictions"), output.out());
        assertTrue(output.out().contains("predictions v000"));
        assertFalse(output.out().contains("student_runs v000"));
    }

    @Test
    void jsonIsOneObjectPerLine() throws Exception {
        CommandOutput output = history("--run", "run_a", "--json");
        assertEquals(0, output.exitCode(), output.err());
        List<JsonNode> objects = new ArrayList<>();
        for (String line : output.out().strip().lines().toList()) {
            objects.add(Yaml.JSON.readTree(line));
        }
        assertEquals(9, objects.size());
        assertEquals("transition", objects.get(0).get("kind").asText());
        assertEquals("RUN_STARTED", objects.get(0).get("event").asText());
        JsonNode student = objects.get(7);
        assertEquals("commit", student.get("kind").asText());
        assertEquals("student_runs", student.get("table").asText());
        assertEquals(strictKey("student_runs"), student.get("strict_key").asText(), "JSON keeps keys whole");
        assertEquals(1, student.get("train_seed").asLong());
        assertEquals(0, student.get("input_versions").get("features").asLong());
        assertTrue(student.get("fingerprints").has("model_artifact_sha256"));
        assertEquals(6, StageIdentity.SIGNATURES.size());
    }

    @Test
    void tableAloneKeepsTheDeltaHistory() {
        CommandOutput output = history("--table", "snapshot_index");
        assertEquals(0, output.exitCode(), output.err());
        assertTrue(output.out().startsWith("version 0  "), output.out());
    }

    @Test
    void userErrors() {
        assertUserError(history(), "--table", "--run");
        assertUserError(history("--run", "run_nope"), "run_nope", "most recent runs: run_b, run_a");
        assertUserError(history("--run", "run_a", "--table", "nope"), "run_a", "'nope'", "features, predictions, student_runs");
        assertUserError(history("--table", "nope"), "'nope'", "snapshot_index");
    }
}
