package io.sensequant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.ConfigException;
import io.sensequant.config.Yaml;
import io.sensequant.repro.RunCommit;
import io.sensequant.repro.RunLake;
import io.sensequant.spark.Lake;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code sensequant history --run RUN_ID [--table NAME]}: the run's transitions (run_context) and then its stage
 * commits (snapshot_index) in snapshot order, optionally only those to one table.
 */
final class RunHistory {
    private RunHistory() {
    }

    static void print(PrintStream out, Lake lake, String runId, String table, boolean json) throws JsonProcessingException {
        RunLake runs = new RunLake(lake);
        runs.requireRun(runId);
        List<RunLake.Transition> transitions = runs.transitions(runId);
        List<String> notes = new ArrayList<>();
        List<RunCommit> all = runs.commits(runId, notes);
        List<RunCommit> commits = all.stream().filter(c -> table == null || c.table().equals(table)).toList();
        if (table != null && commits.isEmpty()) {
            // the run's own index decides, not the lake's directories: a table may be indexed yet dropped since
            List<String> tables = all.stream().map(RunCommit::table).distinct().sorted().toList();
            throw new ConfigException("run " + runId + " has no commits to table '" + table + "'; its tables: "
                    + (tables.isEmpty() ? "none" : String.join(", ", tables)));
        }
        if (json) {
            for (RunLake.Transition t : transitions) {
                out.println(Yaml.JSON.writeValueAsString(transitionJson(runId, t)));
            }
            for (RunCommit c : commits) {
                out.println(Yaml.JSON.writeValueAsString(commitJson(runId, c)));
            }
            for (String note : notes) {
                out.println(Yaml.JSON.writeValueAsString(Yaml.JSON.createObjectNode().put("kind", "note").put("note", note)));
            }
            return;
        }
        out.println("run " + runId + ": " + transitions.size() + " transitions, " + commits.size() + " commits"
                + (table == null ? "" : " to " + table));
        out.println("transitions:");
        for (RunLake.Transition t : transitions) {
            out.printf("  %3d  %s  %-15s %-17s a%d  %s%n", t.seq(), t.recordedAt(), t.event(), dash(t.stage()),
                    t.attemptId(), t.reason());
        }
        out.println("commits (by snapshot_seq):");
        for (RunCommit c : commits) {
            out.printf("  %3d  %-17s %-24s %-16s %-14s a%d  strict_key %s  %s%n", c.snapshotSeq(), c.stage(),
                    c.table() + String.format(" v%03d", c.version()), dash(c.view()), dash(c.target()), c.attemptId(),
                    c.legacy() ? "(legacy)" : RunCommit.abbreviate(c.strictKey()), fingerprints(c));
        }
        notes.forEach(note -> out.println("note: " + note));
    }

    private static String fingerprints(RunCommit c) {
        return c.fingerprints().entrySet().stream().map(e -> e.getKey() + "=" + RunCommit.abbreviate(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static ObjectNode transitionJson(String runId, RunLake.Transition t) {
        return Yaml.JSON.createObjectNode().put("kind", "transition").put("run_id", runId).put("seq", t.seq())
                .put("recorded_at", t.recordedAt().toString()).put("event", t.event()).put("stage", t.stage())
                .put("phase", t.phase()).put("attempt_id", t.attemptId()).put("reason", t.reason());
    }

    private static ObjectNode commitJson(String runId, RunCommit c) {
        ObjectNode json = Yaml.JSON.createObjectNode().put("kind", "commit").put("run_id", runId)
                .put("snapshot_seq", c.snapshotSeq()).put("stage", c.stage()).put("table", c.table())
                .put("version", c.version()).put("view", c.view()).put("target", c.target())
                .put("attempt_id", c.attemptId()).put("legacy", c.legacy())
                .put("replicate_key", c.replicateKey()).put("strict_key", c.strictKey());
        json.put("train_seed", c.legacy() ? null : c.identity().trainSeed());
        ObjectNode fingerprints = json.putObject("fingerprints");
        c.fingerprints().forEach(fingerprints::put);
        ObjectNode inputs = json.putObject("input_versions");
        c.inputVersions().forEach(inputs::put);
        return json;
    }
}
