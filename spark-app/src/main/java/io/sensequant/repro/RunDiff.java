package io.sensequant.repro;

import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.RunDiffReport.CommitPair;
import io.sensequant.repro.RunDiffReport.DataVersion;
import io.sensequant.repro.RunDiffReport.FingerprintDifference;
import io.sensequant.repro.RunDiffReport.MetricDelta;
import io.sensequant.snapshot.Stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two runs read from the lake ({@link RunRecord}s): a pure function, so every rule here is tested
 * without Spark. Commits are paired by (stage, table, attempt) and their order within that group, because
 * snapshot_seq numbers the commits of one run and says nothing across runs.
 */
public final class RunDiff {
    /** Keys (stage, x, y) in pipeline order, then by name. */
    private static final Comparator<List<String>> STAGE_FIRST = Comparator.<List<String>>comparingInt(k -> stageOrder(k.get(0)))
            .thenComparing(k -> k.get(0)).thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2));

    private RunDiff() {
    }

    public static RunDiffReport compare(RunRecord a, RunRecord b) {
        List<String> notes = new ArrayList<>(a.notes());
        notes.addAll(b.notes());
        for (RunRecord run : List.of(a, b)) {
            if (run.hasLegacySnapshots()) {
                notes.add(DiffVerdict.legacy(run.runId()));
            }
        }
        List<ConfigDiff.Difference> config = List.of();
        boolean configCompared = a.effectiveConfig() != null && b.effectiveConfig() != null;
        if (configCompared) {
            config = ConfigDiff.diff(a.effectiveConfig(), b.effectiveConfig());
        } else {
            notes.add("config cannot be compared: " + (a.effectiveConfig() == null ? a.runId() : b.runId())
                    + " has no RUN_STARTED row with its effective config");
        }
        TreeSet<String> scoringSchemas = new TreeSet<>();
        for (RunRecord run : List.of(a, b)) {
            run.metrics().stream().map(RunRecord.Metric::scoringSchemaVersion).filter(Objects::nonNull).forEach(scoringSchemas::add);
        }
        if (scoringSchemas.size() > 1) {
            notes.add("metrics were scored under scoring schema versions " + String.join(", ", scoringSchemas)
                    + ": their deltas compare different definitions");
        }
        List<CommitPair> pairs = pair(a.commits(), b.commits());
        DiffVerdict verdict = DiffVerdict.of(a, b, pairs, config);
        notes.addAll(verdict.notes());
        return new RunDiffReport(a.runId(), b.runId(), verdict.comparable(), verdict.identical(), verdict.text(),
                verdict.explanations(), configCompared, config, dataVersions(a.commits(), b.commits()), pairs,
                metricDeltas(a.metrics(), b.metrics()), notes);
    }

    private record Group(String stage, String table, int attemptId) {
        static final Comparator<Group> ORDER = Comparator.comparingInt((Group g) -> stageOrder(g.stage))
                .thenComparing(Group::table).thenComparingInt(Group::attemptId);
    }

    /** The commits of both runs side by side, in pipeline order; a commit without a counterpart is alone. */
    public static List<CommitPair> pair(List<RunCommit> a, List<RunCommit> b) {
        Map<Group, List<RunCommit>> left = group(a);
        Map<Group, List<RunCommit>> right = group(b);
        TreeSet<Group> groups = new TreeSet<>(Group.ORDER);
        groups.addAll(left.keySet());
        groups.addAll(right.keySet());
        List<CommitPair> pairs = new ArrayList<>();
        for (Group group : groups) {
            List<RunCommit> inA = left.getOrDefault(group, List.of());
            List<RunCommit> inB = right.getOrDefault(group, List.of());
            for (int i = 0; i < Math.max(inA.size(), inB.size()); i++) {
                pairs.add(compare(group, i, i < inA.size() ? inA.get(i) : null, i < inB.size() ? inB.get(i) : null));
            }
        }
        return pairs;
    }

    private static Map<Group, List<RunCommit>> group(List<RunCommit> commits) {
        Map<Group, List<RunCommit>> groups = new TreeMap<>(Group.ORDER);
        commits.stream().sorted(Comparator.comparingLong(RunCommit::snapshotSeq).thenComparingLong(RunCommit::version))
                .forEach(c -> groups.computeIfAbsent(new Group(c.stage(), c.table(), c.attemptId()), g -> new ArrayList<>()).add(c));
        return groups;
    }

    private static CommitPair compare(Group group, int ordinal, RunCommit a, RunCommit b) {
        if (a == null || b == null) {
            return new CommitPair(group.stage(), group.table(), group.attemptId(), ordinal, a, b, List.of(), false, false, List.of());
        }
        List<FingerprintDifference> fingerprints = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(a.fingerprints().keySet());
        names.addAll(b.fingerprints().keySet());
        for (String name : names) {
            String valueA = a.fingerprints().get(name);
            String valueB = b.fingerprints().get(name);
            if (!Objects.equals(valueA, valueB)) {
                fingerprints.add(new FingerprintDifference(name, valueA, valueB));
            }
        }
        if (a.legacy() || b.legacy()) {
            return new CommitPair(group.stage(), group.table(), group.attemptId(), ordinal, a, b, List.of(), null, null, fingerprints);
        }
        List<String> signatures = StageIdentity.SIGNATURES.stream()
                .filter(s -> !Objects.equals(a.identity().signatures().get(s), b.identity().signatures().get(s))).toList();
        return new CommitPair(group.stage(), group.table(), group.attemptId(), ordinal, a, b, signatures,
                Objects.equals(a.replicateKey(), b.replicateKey()), Objects.equals(a.strictKey(), b.strictKey()), fingerprints);
    }

    /** Per stage and table written, every input either run read, with the versions each read. */
    public static List<DataVersion> dataVersions(List<RunCommit> a, List<RunCommit> b) {
        Map<List<String>, TreeSet<Long>> left = reads(a);
        Map<List<String>, TreeSet<Long>> right = reads(b);
        TreeSet<List<String>> keys = new TreeSet<>(STAGE_FIRST);
        keys.addAll(left.keySet());
        keys.addAll(right.keySet());
        List<DataVersion> versions = new ArrayList<>();
        for (List<String> key : keys) {
            versions.add(new DataVersion(key.get(0), key.get(1), key.get(2),
                    List.copyOf(left.getOrDefault(key, new TreeSet<>())), List.copyOf(right.getOrDefault(key, new TreeSet<>()))));
        }
        return versions;
    }

    private static Map<List<String>, TreeSet<Long>> reads(List<RunCommit> commits) {
        Map<List<String>, TreeSet<Long>> reads = new TreeMap<>(STAGE_FIRST);
        for (RunCommit commit : commits) {
            commit.inputVersions().forEach((input, version) ->
                    reads.computeIfAbsent(List.of(commit.stage(), commit.table(), input), k -> new TreeSet<>()).add(version));
        }
        return reads;
    }

    /** Every (stage, scope, metric) of either run, in that order, with both values. */
    public static List<MetricDelta> metricDeltas(List<RunRecord.Metric> a, List<RunRecord.Metric> b) {
        Map<List<String>, Double[]> joined = new TreeMap<>(STAGE_FIRST);
        for (RunRecord.Metric metric : a) {
            joined.computeIfAbsent(List.of(metric.stage(), metric.scope(), metric.metric()), k -> new Double[2])[0] = metric.value();
        }
        for (RunRecord.Metric metric : b) {
            joined.computeIfAbsent(List.of(metric.stage(), metric.scope(), metric.metric()), k -> new Double[2])[1] = metric.value();
        }
        List<MetricDelta> deltas = new ArrayList<>();
        joined.forEach((key, values) -> deltas.add(new MetricDelta(key.get(0), key.get(1), key.get(2), values[0], values[1])));
        return deltas;
    }

    /** Pipeline order for a stage name; names that are not stages (metrics of a bookkeeping scope) sort last. */
    static int stageOrder(String stage) {
        for (Stage value : Stage.values()) {
            if (value.name().equals(stage)) {
                return value.ordinal();
            }
        }
        return Stage.values().length;
    }
}
