package io.sensequant.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;
import io.sensequant.market.MarketData;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.CodeVersion;
import io.sensequant.repro.FingerprintCheck;
import io.sensequant.repro.RecordedRun;
import io.sensequant.repro.RecordedSnapshots;
import io.sensequant.repro.RunVerifier;
import io.sensequant.repro.StageReplay;
import io.sensequant.repro.StageResolver;
import io.sensequant.repro.StoredArtifacts;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code sensequant verify RUN_ID [--stage S]}: re-runs the run's stages from what it recorded (effective config,
 * seed, input versions by time travel) into a scratch lake that is deleted afterwards, and compares every
 * fingerprint and the strict key with the recorded ones; also re-hashes the stored model files against what the
 * run recorded. Exit 0 when everything matches, 1 on any mismatch.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-run a recorded run's stages on their recorded inputs and compare every fingerprint (exit 1 on any mismatch).")
final class VerifyCommand implements Callable<Integer> {
    /** Stages whose outputs come from outside (the provider) or are checked from files, not re-run. */
    private static final Set<Stage> NOT_RERUN = EnumSet.of(Stage.INGEST, Stage.RELEASE);

    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to verify.")
    String runId;

    @Option(names = "--stage", paramLabel = "STAGE", description = "Verify one stage only (e.g. TRAINING); default: every stage the run completed.")
    String stage;

    @Option(names = "--json", description = "Print the checks as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Lake lake = Session.openLake(configOptions.load(List.of()));
        RecordedRun run = RecordedRun.load(lake, runId);
        String scratch = lake.root() + "/_verify/" + runId + "_" + System.nanoTime();
        // the re-run's release files (reports, summaries) go to the scratch directory too, never over the run's own
        EffectiveConfig recorded = run.effectiveConfig(lake.root(), scratch + "/release");
        Set<Stage> stages = stagesToVerify(run);
        PrintStream out = System.out;
        if (!json) {
            out.printf(Locale.ROOT, "Verifying %s: stages %s, recorded config sha256:%s, code %s (this build %s)%n", runId,
                    stages, run.configFingerprint().substring(0, 12), run.codeVersion(), CodeVersion.current());
        }
        List<FingerprintCheck> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        checks.add(new FingerprintCheck(null, "run_context", 0, "config_fingerprint", "recorded config",
                run.configFingerprint(), recorded.fingerprint(), ""));

        Set<Stage> rerun = EnumSet.noneOf(Stage.class);
        stages.stream().filter(s -> !NOT_RERUN.contains(s)).forEach(rerun::add);
        if (!rerun.isEmpty()) {
            checks.addAll(rerunChecks(run, recorded, lake, scratch, rerun, notes));
        }
        if (stages.contains(Stage.TRAINING) || stages.contains(Stage.RELEASE)) {
            checks.addAll(storedChecks(run, lake, stages));
        }
        if (stages.contains(Stage.INGEST)) {
            notes.add("INGEST is not re-run (its bars come from the provider); every re-run stage re-reads ohlcv at its "
                    + "recorded version and compares the dataset_signature inside its strict_key");
        }
        long mismatches = checks.stream().filter(c -> !c.matches()).count();
        if (json) {
            out.println(Yaml.JSON.writeValueAsString(asJson(checks, notes, mismatches)));
        } else {
            print(out, checks, notes, mismatches);
        }
        return mismatches == 0 ? SenseQuant.OK : SenseQuant.FAILED;
    }

    private Set<Stage> stagesToVerify(RecordedRun run) {
        List<Stage> completed = run.stages();
        if (stage == null) {
            return EnumSet.copyOf(completed.isEmpty() ? List.of(Stage.INGEST) : completed);
        }
        Stage chosen = StageResolver.resolve(Optional.of(StageResolver.parse(stage)), Optional.empty(), Optional::empty, "--stage");
        if (!completed.contains(chosen)) {
            throw new ConfigException("run " + runId + " did not complete stage " + chosen + "; its completed stages: " + completed);
        }
        return EnumSet.of(chosen);
    }

    private List<FingerprintCheck> rerunChecks(RecordedRun run, EffectiveConfig config, Lake lake, String scratch,
                                               Set<Stage> stages, List<String> notes) throws IOException {
        PipelineConfig typed = config.typed();
        MarketData market = new MarketData(ConfDir.locate());
        Lake scratchLake = new Lake(lake.spark(), scratch);
        RunContext context = new RunContext(runId, config, run.codeVersion(), market.universe(typed.run().universe()),
                market.calendar(typed.run().calendar()), run.symbols(), lake, scratchLake);
        Map<String, Phase> phases = new LinkedHashMap<>();
        RunCommand.phases().forEach(p -> phases.put(p.name(), p));
        List<FingerprintCheck> checks = new ArrayList<>();
        try {
            Map<Stage, StageReplay.Outcome> outcomes = StageReplay.replay(run, stages, phases, context);
            for (Stage verified : stages) {
                StageReplay.Outcome outcome = outcomes.getOrDefault(verified, new StageReplay.Outcome(List.of(), "not re-run"));
                if (outcome.failed()) {
                    checks.add(new FingerprintCheck(verified, "-", 0, "re-run", FingerprintCheck.RERUN, "completed",
                            "failed", outcome.failure()));
                }
                List<DeltaCommits.Committed> recorded = RecordedSnapshots.of(lake, runId, verified);
                if (recorded.isEmpty()) {
                    notes.add(verified + ": snapshot_index has no commits of this stage for the run (nothing to compare)");
                }
                checks.addAll(RunVerifier.compare(verified, recorded, outcome.commits()));
            }
        } finally {
            Path path = new Path(scratch);
            path.getFileSystem(lake.hadoopConf()).delete(path, true);
        }
        notes.add("re-run with this build's code and the feature definitions in " + ConfDir.locate().describe("features/")
                + "; the recorded effective config, seed and input versions");
        return checks;
    }

    /** The model files stored now against the hashes the run recorded for them. */
    private List<FingerprintCheck> storedChecks(RecordedRun run, Lake lake, Set<Stage> stages) {
        List<FingerprintCheck> checks = new ArrayList<>();
        Map<String, Long> written = new LinkedHashMap<>();
        run.phases().forEach(p -> written.putAll(p.tableVersions()));
        Long teacherVersion = written.get(LakeTable.TEACHER_RUNS.tableName());
        Long studentVersion = written.get(LakeTable.STUDENT_RUNS.tableName());
        if (teacherVersion == null || studentVersion == null) {
            return checks;
        }
        StoredArtifacts teachers = StoredArtifacts.teachers(lake, runId, teacherVersion);
        StoredArtifacts students = StoredArtifacts.students(lake, runId, studentVersion);
        if (stages.contains(Stage.TRAINING)) {
            for (DeltaCommits.Committed commit : RecordedSnapshots.of(lake, runId, Stage.TRAINING)) {
                String table = commit.table();
                StoredArtifacts files = table.equals(LakeTable.TEACHER_RUNS.tableName()) ? teachers
                        : table.equals(LakeTable.STUDENT_RUNS.tableName()) ? students : null;
                String value = commit.snapshot().fingerprints().get(Fingerprint.MODEL_ARTIFACT_SHA256.key());
                if (files != null && value != null) {
                    checks.add(stored(Stage.TRAINING, commit, Fingerprint.MODEL_ARTIFACT_SHA256.key(), value, files));
                }
            }
        }
        if (stages.contains(Stage.RELEASE)) {
            for (DeltaCommits.Committed commit : RecordedSnapshots.of(lake, runId, Stage.RELEASE)) {
                String value = commit.snapshot().fingerprints().get(Fingerprint.ARTIFACTS_MANIFEST_SHA256.key());
                if (value != null) {
                    checks.add(stored(Stage.RELEASE, commit, Fingerprint.ARTIFACTS_MANIFEST_SHA256.key(), value, teachers.plus(students)));
                }
            }
        }
        return checks;
    }

    private static FingerprintCheck stored(Stage stage, DeltaCommits.Committed commit, String name, String recorded,
                                           StoredArtifacts files) {
        List<String> changed = files.changed();
        return new FingerprintCheck(stage, commit.table(), commit.version(), name, FingerprintCheck.STORED, recorded,
                files.sha256(), changed.isEmpty() ? "" : "changed since the run: " + String.join(", ", changed));
    }

    private static void print(PrintStream out, List<FingerprintCheck> checks, List<String> notes, long mismatches) {
        for (FingerprintCheck c : checks) {
            String where = c.stage() == null ? c.table() : c.stage() + " " + c.table() + " v" + c.version();
            out.printf(Locale.ROOT, "  %-8s  %-34s %-26s %-13s %s%s%n", c.verdict(), where, c.name(), c.source(),
                    c.matches() ? abbreviate(c.recorded()) : "recorded " + abbreviate(c.recorded()) + ", now " + abbreviate(c.actual()),
                    c.note().isEmpty() ? "" : "  (" + c.note() + ")");
        }
        notes.forEach(n -> out.println("  note: " + n));
        out.printf(Locale.ROOT, "%s: %d checks, %d MATCH, %d MISMATCH%n", mismatches == 0 ? "VERIFIED" : "NOT VERIFIED",
                checks.size(), checks.size() - mismatches, mismatches);
    }

    private ObjectNode asJson(List<FingerprintCheck> checks, List<String> notes, long mismatches) {
        ObjectNode root = Yaml.JSON.createObjectNode();
        root.put("run_id", runId);
        root.put("verified", mismatches == 0);
        root.put("mismatches", mismatches);
        ArrayNode list = root.putArray("checks");
        for (FingerprintCheck c : checks) {
            ObjectNode node = list.addObject();
            node.put("stage", c.stage() == null ? null : c.stage().name());
            node.put("table", c.table());
            node.put("version", c.version());
            node.put("name", c.name());
            node.put("source", c.source());
            node.put("verdict", c.verdict());
            node.put("recorded", c.recorded());
            node.put("actual", c.actual());
            node.put("note", c.note());
        }
        ArrayNode noteList = root.putArray("notes");
        notes.forEach(noteList::add);
        return root;
    }

    private static String abbreviate(String value) {
        return value == null ? "(none)" : value.length() > 16 ? value.substring(0, 16) + "…" : value;
    }
}
