package io.sensequant.release;

import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The candidate registry: {@code candidate_runs}, an append-only history of status changes per run. The
 * current status of a run is its row with the highest {@code seq}; the Delta log is the audit trail.
 */
public final class CandidateRegistry {
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("seq", DataTypes.IntegerType, false)
            .add("ts", DataTypes.TimestampType, false)
            .add("status", DataTypes.StringType, false)
            .add("from_status", DataTypes.StringType, true)
            .add("by", DataTypes.StringType, false)
            .add("note", DataTypes.StringType, true)
            .add("config_fingerprint", DataTypes.StringType, false)
            .add("symbols", DataTypes.IntegerType, false)
            .add("start_date", DataTypes.StringType, false)
            .add("end_date", DataTypes.StringType, false)
            .add("training_summary", DataTypes.StringType, false)
            .add("validation_summary", DataTypes.StringType, false)
            .add("manifest_path", DataTypes.StringType, true)
            .add("briefing_path", DataTypes.StringType, true);

    private CandidateRegistry() {
    }

    /** Statuses of the registry; a run's current status is that of its row with the highest seq. */
    public static final String READY_FOR_REVIEW = "ready-for-review";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    public static final String AUTO_APPROVAL = "auto-approval";

    /** Appends one status row for the context's run, by the configured registrant; returns the table version committed. */
    public static long record(RunContext context, String status, String fromStatus, String note,
                              String trainingSummary, String validationSummary, String manifestPath, String briefingPath) {
        return record(context, status, fromStatus, context.config().release().registeredBy(), note, trainingSummary,
                validationSummary, manifestPath, briefingPath);
    }

    /** Appends one status row for the context's run by {@code by}; returns the table version committed. */
    public static long record(RunContext context, String status, String fromStatus, String by, String note,
                              String trainingSummary, String validationSummary, String manifestPath, String briefingPath) {
        int seq = nextSeq(context);
        Row row = RowFactory.create(context.runId(), seq, Timestamp.from(Instant.now()), status, fromStatus,
                by, note, context.effectiveConfig().fingerprint(),
                context.symbols().size(), context.config().run().startDate().toString(),
                context.config().run().endDate().toString(), trainingSummary, validationSummary, manifestPath, briefingPath);
        return context.commits().append(context.spark().createDataFrame(List.of(row), SCHEMA), LakeTable.CANDIDATE_RUNS,
                snapshotFor(context, status, seq));
    }

    /**
     * A run that failed before registration still gets a snapshot: its identity when the student exists, else
     * only who wrote it (a run that failed at ingest has no identity to record).
     */
    private static io.sensequant.snapshot.StageSnapshot snapshotFor(RunContext context, String status, int seq) {
        if (!FAILED.equals(status)) {
            return registrySnapshot(context, status, seq);
        }
        try {
            return registrySnapshot(context, status, seq);
        } catch (RuntimeException incomplete) {
            return context.snapshot(Stage.RELEASE, LakeTable.CANDIDATE_RUNS).bookkeeping()
                    .inputs(Briefing.tableVersions(context)).rowCounts(Map.of("rows", 1L))
                    .details(Map.of("status", status, "seq", seq)).build();
        }
    }

    /** The release's identity is its student's; its fingerprint is the artifacts manifest the release phase hashed. */
    private static io.sensequant.snapshot.StageSnapshot registrySnapshot(RunContext context, String status, int seq) {
        String manifest = context.results().stream().filter(r -> r.phase().equals(ReleasePhase.NAME)).reduce((a, b) -> b)
                .map(r -> (String) r.summary().get(ReleasePhase.ARTIFACTS_MANIFEST_SHA256)).orElse(null);
        return context.snapshot(Stage.RELEASE, LakeTable.CANDIDATE_RUNS).view(io.sensequant.repro.Signatures.CROSS_SECTIONAL)
                .target(io.sensequant.training.TrainingIdentity.studentTarget(context))
                .signatures(io.sensequant.training.TrainingIdentity.student(context))
                .fingerprint(io.sensequant.snapshot.Fingerprint.ARTIFACTS_MANIFEST_SHA256, manifest)
                .inputs(Briefing.tableVersions(context)).rowCounts(Map.of("rows", 1L))
                .details(Map.of("status", status, "seq", seq)).build();
    }

    private static int nextSeq(RunContext context) {
        return latest(context.outputs(), context.runId()).map(r -> r.<Integer>getAs("seq") + 1).orElse(1);
    }

    /** The run's current row (highest seq), if the run is registered. */
    public static java.util.Optional<Row> latest(io.sensequant.spark.Lake lake, String runId) {
        if (!lake.exists(LakeTable.CANDIDATE_RUNS)) {
            return java.util.Optional.empty();
        }
        List<Row> rows = lake.read(LakeTable.CANDIDATE_RUNS).where(col("run_id").equalTo(runId))
                .orderBy(col("seq").desc()).limit(1).collectAsList();
        return rows.stream().findFirst();
    }
}
