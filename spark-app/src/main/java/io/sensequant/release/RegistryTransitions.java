package io.sensequant.release;

import io.delta.tables.DeltaTable;
import io.sensequant.config.ConfigException;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * A reviewer's status change (approve, reject) as a new row of {@code candidate_runs}: the run's current row
 * with the next seq, the new status, who, from which status, the note and when. The commit carries the run's
 * last registry snapshot (its identity) with the transition in its details, so the Delta log stays the history.
 */
public final class RegistryTransitions {
    /** The row appended: run, its seq, from and to status, by whom, why, when, and the table version committed. */
    public record Transition(String runId, int seq, String from, String to, String by, String note, Instant at, long version) {
    }

    private RegistryTransitions() {
    }

    /** Moves {@code runId} to {@code to}; a run that is unknown or not in one of {@code allowedFrom} is refused. */
    public static Transition apply(Lake lake, String runId, String to, String by, String note, Set<String> allowedFrom) {
        if (by == null || by.isBlank()) {
            throw new ConfigException("--by must name who decides (e.g. --by \"A. Reviewer\")");
        }
        Row current = CandidateRegistry.latest(lake, runId).orElseThrow(() -> new ConfigException("run " + runId
                + " is not in candidate_runs of lake " + lake.root() + "; list the candidates with 'sensequant candidates --lake "
                + lake.root() + "'"));
        String from = current.getAs("status");
        if (!allowedFrom.contains(from)) {
            throw new ConfigException("run " + runId + " is " + from + ", so it cannot become " + to + " (only from "
                    + String.join(" or ", allowedFrom) + "); see its history with 'sensequant candidates --history --run " + runId + "'");
        }
        int seq = current.<Integer>getAs("seq") + 1;
        Instant at = Instant.now();
        Object[] values = new Object[CandidateRegistry.SCHEMA.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = current.get(current.fieldIndex(CandidateRegistry.SCHEMA.fields()[i].name()));
        }
        put(values, "seq", seq);
        put(values, "ts", Timestamp.from(at));
        put(values, "status", to);
        put(values, "from_status", from);
        put(values, "by", by);
        put(values, "note", note);
        Row row = RowFactory.create(values);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", to);
        details.put("from_status", from);
        details.put("seq", seq);
        details.put("by", by);
        long version = new DeltaCommits(lake).append(lake.spark().createDataFrame(List.of(row), CandidateRegistry.SCHEMA),
                LakeTable.CANDIDATE_RUNS, transitionSnapshot(lake, runId, details));
        return new Transition(runId, seq, from, to, by, note, at, version);
    }

    private static void put(Object[] values, String column, Object value) {
        values[CandidateRegistry.SCHEMA.fieldIndex(column)] = value;
    }

    /** The run's latest registry snapshot, with the next snapshot seq and this transition as its details. */
    private static StageSnapshot transitionSnapshot(Lake lake, String runId, Map<String, Object> details) {
        String marker = "\"run_id\":\"" + runId + "\"";
        List<Row> commits = DeltaTable.forPath(lake.spark(), lake.path(LakeTable.CANDIDATE_RUNS)).history()
                .where(col("userMetadata").contains(marker)).orderBy(col("version").desc()).limit(1)
                .select("userMetadata").collectAsList();
        if (commits.isEmpty()) {
            throw new ConfigException("candidate_runs in " + lake.root() + " has no snapshot of run " + runId
                    + "; the registry was written by something other than sensequant");
        }
        StageSnapshot s = StageSnapshot.fromJson(commits.get(0).getString(0));
        return new StageSnapshot(s.schemaVersion(), s.scoringSchemaVersion(), s.runId(), s.stage(), s.table(), s.view(),
                s.target(), s.batchId(), s.attemptId(), s.cohortId(), s.snapshotSeq() + 1, s.configFingerprint(), s.baseSeed(),
                s.codeVersion(), s.identity(), s.fingerprints(), s.fingerprintSources(), s.comparisonGroup(), s.inputVersions(),
                Map.of("rows", 1L), details);
    }
}
