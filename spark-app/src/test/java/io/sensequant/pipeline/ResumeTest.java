package io.sensequant.pipeline;

import io.sensequant.cli.CommandOutput;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --resume}: a run killed with SIGKILL (a separate JVM) during teacher training, then resumed, ends with
 * the same tables, row counts, strict keys and fingerprints as an uninterrupted run of the same config, and no
 * duplicate rows.
 */
class ResumeTest {
    @TempDir
    Path dir;

    static List<String> args(Path root) {
        return new ArrayList<>(List.of("run", "--symbols", "RELIANCE,TCS", "--start-date", "2022-01-01", "--end-date", "2023-03-31",
                "--lake", root.resolve("lake").toString(), "--release-dir", root.resolve("release").toString(),
                "--set", "identity.mode=strict", "--set", "ranking.enabled=false", "--set", "selection.enabled=false",
                "--set", "models.xgboost.hyperparameters.teacher.num_round=6",
                "--set", "models.xgboost.hyperparameters.student.num_round=8"));
    }

    @Test
    void aRunKilledDuringTeacherTrainingResumesToTheUninterruptedResult() throws Exception {
        Path reference = dir.resolve("reference");
        CommandOutput uninterrupted = CommandOutput.run(args(reference).toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        Path killed = dir.resolve("killed");
        Files.createDirectories(killed);
        File log = killed.resolve("process.log").toFile();
        List<String> killedArgs = args(killed);
        killedArgs.addAll(List.of("--set", "progress.snapshot_seconds=1"));
        Process process = start(killedArgs, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (process.isAlive() && System.nanoTime() < deadline && !Files.readString(log.toPath()).contains(": teacher models")) {
            Thread.sleep(50);
        }
        assertTrue(process.isAlive(), "the run ended before teacher training could be interrupted:\n" + Files.readString(log.toPath()));
        String runningId = Files.readString(log.toPath()).lines().filter(l -> l.startsWith("SenseQuant run ")).findFirst()
                .orElseThrow().split(" ")[2];
        Path progressFile = killed.resolve("lake/_state/" + runningId + "/progress.json");
        JsonNode progress = waitForPhase(progressFile, "teacher models");
        assertEquals(4, progress.get("phases_completed").asInt(), progress.toString());
        process.destroyForcibly().waitFor();   // SIGKILL during the teacher phase: no shutdown hooks, no cleanup
        String console = Files.readString(log.toPath());
        assertTrue(console.contains(": teacher models") && !console.contains("student model"), console);
        String runId = console.lines().filter(l -> l.startsWith("SenseQuant run ")).findFirst().orElseThrow().split(" ")[2];

        Lake killedLake = new Lake(SharedSpark.get(), killed.resolve("lake").toString());
        assertTrue(killedLake.read(LakeTable.RUN_PROGRESS).where(col("run_id").equalTo(runId)).count() >= 1,
                "progress snapshots were written to run_progress while the run was going");

        CommandOutput resumed = CommandOutput.run("run", "--resume", runId, "--lake", killed.resolve("lake").toString());
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("⊘ completed in the interrupted run, reused"), resumed.out());

        Lake a = new Lake(SharedSpark.get(), reference.resolve("lake").toString());
        Lake b = new Lake(SharedSpark.get(), killed.resolve("lake").toString());
        String referenceRun = a.read(LakeTable.RUN_CONTEXT).select("run_id").first().getString(0);
        Map<String, StageSnapshot> expected = commits(a, referenceRun);
        Map<String, StageSnapshot> actual = commits(b, runId);
        expected.keySet().removeIf(k -> k.startsWith("INGEST"));
        actual.keySet().removeIf(k -> k.startsWith("INGEST"));
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key).identity().strictKey(), actual.get(key).identity().strictKey(), key);
            assertEquals(expected.get(key).fingerprints(), actual.get(key).fingerprints(), key);
        }
        for (LakeTable table : List.of(LakeTable.FEATURES, LakeTable.TEACHER_RUNS, LakeTable.PREDICTIONS, LakeTable.REWARDS,
                LakeTable.METRICS)) {
            assertEquals(a.read(table).count(), b.read(table).count(), table.tableName());
            assertEquals(0, b.read(table).groupBy(table.key().stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                    .count().where(col("count").gt(1)).count(), "duplicates in " + table.tableName());
        }
        List<String> events = b.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)).orderBy("seq")
                .select("event").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals("RUN_COMPLETED", events.get(events.size() - 1), events.toString());
        assertEquals(2, events.stream().filter("RUN_STARTED"::equals).count(), "the killed start and the resume: " + events);
    }

    /** The run's stage commits keyed "STAGE table #n", from snapshot_index (the resume backfills the killed part). */
    static Map<String, StageSnapshot> commits(Lake lake, String runId) {
        Map<String, StageSnapshot> byKey = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Row r : lake.read(LakeTable.SNAPSHOT_INDEX).where(col("run_id").equalTo(runId)).orderBy("snapshot_seq")
                .select("stage", "table_name", "snapshot_json").collectAsList()) {
            String group = r.getString(0) + " " + r.getString(1);
            StageSnapshot snapshot = StageSnapshot.fromJson(r.getString(2));
            byKey.put(group + " #" + seen.merge(group, 1, Integer::sum), snapshot);
        }
        return byKey;
    }

    /** The progress JSON once it names {@code phase}: what a person watching the run would read. */
    static JsonNode waitForPhase(Path file, String phase) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                JsonNode node = io.sensequant.config.Yaml.JSON.readTree(Files.readString(file));
                if (node.path("phase").asText().startsWith(phase)) {
                    return node;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no progress snapshot names phase '" + phase + "' in " + file);
    }

    static Process start(List<String> args, File log) throws Exception {
        Path conf = Path.of(System.getProperty("sensequant.conf.dir"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + conf.getParent().resolve("deploy/conf/java17.args"), "-Dsensequant.conf.dir=" + conf,
                "-cp", System.getProperty("java.class.path"), "io.sensequant.cli.SenseQuant"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
