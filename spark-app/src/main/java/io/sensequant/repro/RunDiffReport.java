package io.sensequant.repro;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.Yaml;

import java.util.List;
import java.util.Objects;

/**
 * The comparison of two runs (see {@link RunDiff}): config differences, the data versions each stage read,
 * commit pairs with what differs in their identities and fingerprints, metric deltas, and the verdict.
 * {@code configCompared} is false where a run has no recorded config (the notes say which).
 */
public record RunDiffReport(String runA, String runB, boolean comparable, boolean identical, String verdict,
                            List<String> explanations, boolean configCompared, List<ConfigDiff.Difference> configDifferences,
                            List<DataVersion> dataVersions, List<CommitPair> commits, List<MetricDelta> metrics,
                            List<String> notes) {

    /** The versions of {@code input} that run A and run B read for the commits of {@code stage}/{@code table}. */
    public record DataVersion(String stage, String table, String input, List<Long> a, List<Long> b) {
        public boolean equal() {
            return a.equals(b);
        }
    }

    public record FingerprintDifference(String name, String a, String b) {
    }

    /**
     * The {@code ordinal}-th commit of (stage, table, attempt) in each run; {@code a} or {@code b} is null for a
     * commit only one run made. The key comparisons are null where either side has no identity (legacy).
     */
    public record CommitPair(String stage, String table, int attemptId, int ordinal, RunCommit a, RunCommit b,
                             List<String> signaturesDiffer, Boolean replicateKeyEqual, Boolean strictKeyEqual,
                             List<FingerprintDifference> fingerprintsDiffer) {
        public boolean paired() {
            return a != null && b != null;
        }

        /** "STAGE/table", with the attempt and the ordinal where they tell commits apart. */
        public String place() {
            return stage + "/" + table + (attemptId > 1 ? " attempt " + attemptId : "") + (ordinal > 0 ? " #" + (ordinal + 1) : "");
        }

        /** Same strict key and same fingerprints. */
        public boolean same() {
            return paired() && Boolean.TRUE.equals(strictKeyEqual) && fingerprintsDiffer.isEmpty();
        }
    }

    /** One metric of both runs; a side is null where that run lacks the metric. */
    public record MetricDelta(String stage, String scope, String metric, Double a, Double b) {
        public Double delta() {
            return a == null || b == null ? null : b - a;
        }

        public boolean differs() {
            return a == null || b == null || Double.compare(a, b) != 0;
        }
    }

    public RunDiffReport {
        explanations = List.copyOf(explanations);
        configDifferences = List.copyOf(configDifferences);
        dataVersions = List.copyOf(dataVersions);
        commits = List.copyOf(commits);
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    public ObjectNode toJson() {
        ObjectNode json = Yaml.JSON.createObjectNode();
        json.put("run_a", runA);
        json.put("run_b", runB);
        json.put("comparable", comparable);
        json.put("identical", identical);
        json.put("verdict", verdict);
        strings(json.putArray("explanations"), explanations);
        json.put("config_compared", configCompared);
        ArrayNode config = json.putArray("config_differences");
        for (ConfigDiff.Difference difference : configDifferences) {
            ObjectNode entry = config.addObject().put("key", difference.key());
            entry.set("a", difference.a());
            entry.set("b", difference.b());
            entry.put("location", difference.location());
        }
        ArrayNode data = json.putArray("data_versions");
        for (DataVersion version : dataVersions) {
            ObjectNode entry = data.addObject().put("stage", version.stage()).put("table", version.table())
                    .put("input", version.input());
            version.a().forEach(entry.putArray("a")::add);
            version.b().forEach(entry.putArray("b")::add);
            entry.put("equal", version.equal());
        }
        ArrayNode pairs = json.putArray("commits");
        for (CommitPair pair : commits) {
            pairs.add(commitJson(pair));
        }
        ArrayNode deltas = json.putArray("metrics");
        for (MetricDelta delta : metrics) {
            ObjectNode entry = deltas.addObject().put("stage", delta.stage()).put("scope", delta.scope())
                    .put("metric", delta.metric());
            entry.put("a", delta.a());
            entry.put("b", delta.b());
            entry.put("delta", delta.delta());
        }
        strings(json.putArray("notes"), notes);
        return json;
    }

    private static ObjectNode commitJson(CommitPair pair) {
        ObjectNode entry = Yaml.JSON.createObjectNode().put("stage", pair.stage()).put("table", pair.table())
                .put("attempt_id", pair.attemptId()).put("ordinal", pair.ordinal());
        entry.put("a_version", pair.a() == null ? null : pair.a().version());
        entry.put("b_version", pair.b() == null ? null : pair.b().version());
        entry.put("only_in", pair.paired() ? null : pair.a() == null ? "b" : "a");
        RunCommit any = pair.a() != null ? pair.a() : pair.b();
        entry.put("view", any.view());
        entry.put("target", any.target());
        strings(entry.putArray("signatures_differ"), pair.signaturesDiffer());
        entry.put("replicate_key_equal", pair.replicateKeyEqual());
        entry.put("strict_key_equal", pair.strictKeyEqual());
        entry.put("a_train_seed", seed(pair.a()));
        entry.put("b_train_seed", seed(pair.b()));
        ArrayNode fingerprints = entry.putArray("fingerprints_differ");
        for (FingerprintDifference difference : pair.fingerprintsDiffer()) {
            fingerprints.addObject().put("name", difference.name()).put("a", difference.a()).put("b", difference.b());
        }
        return entry;
    }

    private static Long seed(RunCommit commit) {
        return commit == null || commit.legacy() ? null : commit.identity().trainSeed();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.stream().filter(Objects::nonNull).forEach(array::add);
    }
}
