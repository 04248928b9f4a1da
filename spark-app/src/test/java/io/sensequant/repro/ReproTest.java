package io.sensequant.repro;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.util.concurrent.TimeUnit;
import io.sensequant.cli.CommandOutput;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reproducibility guarantee, end to end through the CLI on a small lake: four strict-mode runs (A and B with
 * the same config, C with another base_seed, D with another student max_depth), then their snapshots compared
 * commit by commit, {@code verify} of an untouched run and of a run whose model file was altered, and the
 * identity modes on a missing signature.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReproTest {
    @TempDir
    static Path dir;
    Lake lake;
    String runA;
    String runB;
    String runC;
    String runD;

    List<String> args(String... extra) {
        return args(dir, extra);
    }

    /** The runs' command line, into {@code root}/lake and {@code root}/release. */
    static List<String> args(Path root, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--symbols", "RELIANCE,TCS", "--start-date", "2022-01-01",
                "--end-date", "2023-03-31", "--lake", root.resolve("lake").toString(),
                "--release-dir", root.resolve("release").toString(),
                "--set", "identity.mode=strict", "--set", "ranking.enabled=false", "--set", "selection.enabled=false",
                "--set", "stat_tests.enabled=false", "--set", "stress_tests.enabled=false",
                // suite time: the direct baseline and the point-in-time check have their own tests
                "--set", "training.student.direct_baseline=false",
                "--set", "safety.leakage_detection.point_in_time.enabled=false",
                "--set", "models.xgboost.hyperparameters.teacher.num_round=6",
                "--set", "models.xgboost.hyperparameters.student.num_round=8"));
        args.addAll(List.of(extra));
        return args;
    }

    String run(String... extra) {
        CommandOutput output = CommandOutput.run(args(extra).toArray(String[]::new));
        assertEquals(0, output.exitCode(), output.err());
        assertFalse(output.err().contains("WARNING stage"), output.err());
        return output.out().lines().filter(l -> l.startsWith("SenseQuant run ")).findFirst().orElseThrow().split(" ")[2];
    }

    @BeforeAll
    void fourRuns() {
        lake = new Lake(SharedSpark.get(), dir.resolve("lake").toString());
        runA = run();
        long ohlcvRows = lake.read(LakeTable.OHLCV).count();
        long featureRows = lake.read(LakeTable.FEATURES).count();
        runB = run();
        // re-running the same config is idempotent for the shared tables (MERGE on the key, the slice replaced)
        assertEquals(ohlcvRows, lake.read(LakeTable.OHLCV).count(), "ohlcv");
        assertEquals(featureRows, lake.read(LakeTable.FEATURES).count(), "features");
        runC = run("--set", "run.base_seed=7");
        runD = run("--set", "models.xgboost.hyperparameters.student.max_depth=3");
    }

    /** The run's stage commits keyed "STAGE table #n" (n-th commit of that table in the stage). */
    Map<String, StageSnapshot> commits(String runId) {
        return commits(lake, runId);
    }

    static Map<String, StageSnapshot> commits(Lake lake, String runId) {
        Map<String, StageSnapshot> byKey = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Row r : lake.read(LakeTable.SNAPSHOT_INDEX).where(col("run_id").equalTo(runId)).orderBy("snapshot_seq")
                .select("stage", "table_name", "snapshot_json").collectAsList()) {
            String group = r.getString(0) + " " + r.getString(1);
            int n = seen.merge(group, 1, Integer::sum);
            byKey.put(group + " #" + n, StageSnapshot.fromJson(r.getString(2)));
        }
        return byKey;
    }

    @Test
    void sameConfigGivesEqualStrictKeysAndFingerprints() {
        Map<String, StageSnapshot> a = commits(runA);
        Map<String, StageSnapshot> b = commits(runB);
        // run A fetched the bars, run B found them cached: their INGEST commits differ by design
        a.keySet().removeIf(k -> k.startsWith("INGEST"));
        b.keySet().removeIf(k -> k.startsWith("INGEST"));
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().containsAll(List.of("FEATURES features #1", "TRAINING teacher_runs #1", "TRAINING predictions #2",
                "TRAINING student_runs #1", "VALIDATION metrics #1", "RELEASE candidate_runs #1")), a.keySet().toString());
        for (String key : a.keySet()) {
            StageSnapshot x = a.get(key);
            StageSnapshot y = b.get(key);
            assertTrue(x.identity().complete(), key + " missing " + x.identity().missing());
            assertEquals(x.identity().strictKey(), y.identity().strictKey(), key);
            assertEquals(x.fingerprints(), y.fingerprints(), key);
            assertEquals(x.batchId(), y.batchId(), key);
            assertEquals(x.cohortId(), y.cohortId(), key);
        }
        String models = a.get("TRAINING student_runs #1").fingerprints().get("model_artifact_sha256");
        assertTrue(models != null && models.length() == 64, "strict mode: bitwise-identical student model files");
        assertTrue(a.get("TRAINING predictions #2").fingerprints().containsKey("predictions_sha256"));
    }

    @Test
    void anotherSeedKeepsReplicateKeyAndChangesStrictKey() {
        Map<String, StageSnapshot> a = commits(runA);
        Map<String, StageSnapshot> c = commits(runC);
        for (String key : List.of("FEATURES features #1", "TRAINING teacher_runs #1", "TRAINING student_runs #1",
                "VALIDATION metrics #1", "RELEASE candidate_runs #1")) {
            assertEquals(a.get(key).identity().replicateKey(), c.get(key).identity().replicateKey(), key);
            assertNotEquals(a.get(key).identity().strictKey(), c.get(key).identity().strictKey(), key);
            assertEquals(7L, c.get(key).identity().trainSeed(), key);
        }
        assertNotEquals(a.get("TRAINING student_runs #1").fingerprints().get("model_artifact_sha256"),
                c.get("TRAINING student_runs #1").fingerprints().get("model_artifact_sha256"));
    }

    @Test
    void aChangedHyperparameterChangesOnlyHparamsSignature() {
        Map<String, StageSnapshot> a = commits(runA);
        Map<String, StageSnapshot> d = commits(runD);
        for (String key : List.of("FEATURES features #1", "TRAINING teacher_runs #1", "TRAINING predictions #1")) {
            assertEquals(a.get(key).identity().strictKey(), d.get(key).identity().strictKey(), key + " does not depend on the student");
            assertEquals(a.get(key).fingerprints(), d.get(key).fingerprints(), key);
        }
        for (String key : List.of("TRAINING student_runs #1", "TRAINING predictions #2", "VALIDATION metrics #1", "RELEASE candidate_runs #1")) {
            Map<String, String> x = a.get(key).identity().signatures();
            Map<String, String> y = d.get(key).identity().signatures();
            List<String> differing = x.keySet().stream().filter(s -> !x.get(s).equals(y.get(s))).toList();
            assertEquals(List.of("hparams_signature"), differing, key);
        }
    }

    @Test
    void diffSaysIdenticalComparableOrNamesTheChangedKey() {
        String lakeDir = dir.resolve("lake").toString();
        CommandOutput same = CommandOutput.run("diff", runA, runB, "--lake", lakeDir);
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().contains("verdict: identical"), same.out());
        CommandOutput seed = CommandOutput.run("diff", runA, runC, "--lake", lakeDir);
        assertTrue(seed.out().contains("verdict: comparable, not identical") && seed.out().contains("run.base_seed"), seed.out());
        CommandOutput depth = CommandOutput.run("diff", runA, runD, "--lake", lakeDir);
        assertTrue(depth.out().contains("verdict: not comparable") && depth.out().contains("hparams_signature")
                && depth.out().contains("models.xgboost.hyperparameters.student.max_depth"), depth.out());
    }

    @Test
    void verifyOfAnUntouchedRunMatchesEverywhere() {
        CommandOutput verify = CommandOutput.run("verify", runA, "--lake", dir.resolve("lake").toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertFalse(verify.out().contains("MISMATCH  "), verify.out());
        for (String expected : List.of("feature_fingerprint_output", "model_artifact_sha256", "predictions_sha256",
                "metrics_sha256", "strict_key", "artifacts_manifest_sha256", "VERIFIED")) {
            assertTrue(verify.out().contains(expected), expected + " in\n" + verify.out());
        }
        assertFalse(Files.exists(dir.resolve("lake/_verify")) && dir.resolve("lake/_verify").toFile().list().length > 0,
                "the scratch lake is removed");
    }

    @Test
    void verifyReportsAnAlteredModelFile() throws Exception {
        Path model;
        try (Stream<Path> files = Files.walk(dir.resolve("lake/models/" + runB + "/teachers"))) {
            model = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(model);
        Files.writeString(model, new String(original).replaceFirst("\\d", "7"));
        try {
            CommandOutput verify = CommandOutput.run("verify", runB, "--stage", "training", "--lake", dir.resolve("lake").toString());
            assertEquals(1, verify.exitCode(), verify.out() + verify.err());
            assertFalse(verify.err().contains("\tat "), "a mismatch is a finding, not a crash: " + verify.err());
            assertTrue(verify.out().contains("MISMATCH") && verify.out().contains(model.getFileName().toString()), verify.out());
            assertTrue(verify.out().contains("NOT VERIFIED"), verify.out());
        } finally {
            Files.write(model, original);
        }
    }

    @Test
    void aRunKilledDuringTeacherTrainingResumesToTheUninterruptedResult() throws Exception {
        // the reference is run A: same config, uninterrupted
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

        Lake a = lake;
        Lake b = new Lake(SharedSpark.get(), killed.resolve("lake").toString());
        Map<String, StageSnapshot> expected = commits(a, runA);
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
            // features hold the one slice every run here rewrites; the other tables hold rows per run
            boolean perRun = table != LakeTable.FEATURES;
            assertEquals(perRun ? a.read(table).where(col("run_id").equalTo(runA)).count() : a.read(table).count(),
                    perRun ? b.read(table).where(col("run_id").equalTo(runId)).count() : b.read(table).count(), table.tableName());
            assertEquals(0, b.read(table).groupBy(table.key().stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                    .count().where(col("count").gt(1)).count(), "duplicates in " + table.tableName());
        }
        List<String> events = b.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)).orderBy("seq")
                .select("event").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals("RUN_COMPLETED", events.get(events.size() - 1), events.toString());
        assertEquals(2, events.stream().filter("RUN_STARTED"::equals).count(), "the killed start and the resume: " + events);
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

    @Test
    void aFailedPhaseLeavesAPartialBriefingAndAFailedRegistryEntry() throws Exception {
        // every teacher window is below min_samples, so the student has nothing to learn from and its phase fails
        List<String> failing = args("--set", "training.min_samples=100000");
        CommandOutput failed = CommandOutput.run(failing.toArray(String[]::new));
        assertEquals(1, failed.exitCode(), failed.out() + failed.err());
        String runId = failed.out().lines().filter(l -> l.startsWith("SenseQuant run ")).findFirst().orElseThrow().split(" ")[2];
        Path briefing = dir.resolve("release/" + runId + "/promotion_briefing.md");
        String md = Files.readString(briefing);
        assertTrue(md.contains("FAILED at phase `student model (cross-sectional)`") && md.contains("no teacher labels")
                && md.contains("teacher models (symbol × window)") && md.contains("--resume " + runId), md);
        Row registry = lake.read(LakeTable.CANDIDATE_RUNS).where(col("run_id").equalTo(runId)).orderBy(col("seq").desc()).first();
        assertEquals("failed", registry.getAs("status"));
        assertTrue(registry.<String>getAs("note").startsWith("failed at phase 'student model (cross-sectional)'"), registry.toString());
        List<String> events = lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)).orderBy("seq")
                .select("event").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of("STAGE_FAILED", "RUN_FAILED"), events.subList(events.size() - 2, events.size()));
    }

    @Test
    void strictModeFailsAStageWithAMissingSignatureAndRelaxedModeWarns() {
        long before = lake.latestVersion(LakeTable.FEATURES).orElseThrow();
        String[] features = {"features", "--symbols", "RELIANCE,TCS", "--start-date", "2022-01-01", "--end-date", "2023-03-31",
                "--lake", dir.resolve("lake").toString(), "--set", "identity.required.FEATURES=[dataset_signature, split_signature]"};
        CommandOutput strict = CommandOutput.run(Stream.concat(Stream.of(features), Stream.of("--set", "identity.mode=strict")).toArray(String[]::new));
        assertEquals(1, strict.exitCode(), strict.out() + strict.err());
        assertTrue(strict.err().contains("missing split_signature") && strict.err().contains("identity.mode is strict"), strict.err());
        assertFalse(strict.err().contains("\tat "), "no stack trace: " + strict.err());
        assertEquals(before, lake.latestVersion(LakeTable.FEATURES).orElseThrow(), "nothing written");

        CommandOutput relaxed = CommandOutput.run(Stream.concat(Stream.of(features), Stream.of("--set", "identity.mode=relaxed")).toArray(String[]::new));
        assertEquals(0, relaxed.exitCode(), relaxed.out() + relaxed.err());
        assertTrue(relaxed.err().contains("WARNING stage FEATURES") && relaxed.err().contains("missing split_signature"), relaxed.err());
        StageSnapshot written = StageSnapshot.fromJson(io.delta.tables.DeltaTable.forPath(SharedSpark.get(), lake.path(LakeTable.FEATURES))
                .history(1).select("userMetadata").first().getString(0));
        assertEquals(List.of("split_signature"), written.identity().missing());
        assertEquals("relaxed", written.identity().mode());
    }
}
