package io.sensequant.repro;

import io.sensequant.identity.StageIdentity;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.ComparisonGroup;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code snapshot_index} table: every stage snapshot of the lake's commits, one row each, flattened into
 * columns (identity, keys, fingerprints) so that runs can be compared with SQL from a notebook. The full snapshot
 * is kept as JSON beside the columns. The repro package's own bookkeeping commits (run_context, snapshot_index)
 * are not indexed.
 */
public final class SnapshotIndex {
    public static final StructType SCHEMA = schema();

    private SnapshotIndex() {
    }

    private static StructType schema() {
        StructType schema = new StructType()
                .add("run_id", DataTypes.StringType, false)
                .add("stage", DataTypes.StringType, false)
                .add("table_name", DataTypes.StringType, false)
                .add("version", DataTypes.LongType, false)
                .add("snapshot_seq", DataTypes.LongType, false)
                .add("schema_version", DataTypes.IntegerType, false)
                .add("scoring_schema_version", DataTypes.StringType, true)
                .add("view", DataTypes.StringType, true)
                .add("target", DataTypes.StringType, true)
                .add("batch_id", DataTypes.StringType, true)
                .add("attempt_id", DataTypes.IntegerType, false)
                .add("cohort_id", DataTypes.StringType, true)
                .add("config_fingerprint", DataTypes.StringType, false)
                .add("base_seed", DataTypes.LongType, false)
                .add("train_seed", DataTypes.LongType, true)
                .add("code_version", DataTypes.StringType, false)
                .add("identity_mode", DataTypes.StringType, true);
        for (String signature : StageIdentity.SIGNATURES) {
            schema = schema.add(signature, DataTypes.StringType, true);
        }
        schema = schema.add("missing_signatures", DataTypes.createArrayType(DataTypes.StringType), true)
                .add("replicate_key", DataTypes.StringType, true)
                .add("strict_key", DataTypes.StringType, true)
                .add("comparable_key", DataTypes.StringType, true)
                .add("n_effective", DataTypes.LongType, true)
                .add("hyperparameters_signature", DataTypes.StringType, true);
        for (Fingerprint fingerprint : Fingerprint.values()) {
            schema = schema.add(fingerprint.key(), DataTypes.StringType, true);
        }
        return schema.add("input_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
                .add("row_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
                .add("snapshot_json", DataTypes.StringType, false);
    }

    /** The flattened row of one commit's snapshot. */
    public static Row row(String table, long version, StageSnapshot snapshot) {
        List<Object> values = new ArrayList<>(List.of(snapshot.runId(), snapshot.stage().name(), table, version,
                snapshot.snapshotSeq(), snapshot.schemaVersion()));
        values.add(snapshot.scoringSchemaVersion());
        values.add(snapshot.view());
        values.add(snapshot.target());
        values.add(snapshot.batchId());
        values.add(snapshot.attemptId());
        values.add(snapshot.cohortId());
        values.add(snapshot.configFingerprint());
        values.add(snapshot.baseSeed());
        StageIdentity identity = snapshot.identity();
        values.add(identity == null ? null : identity.trainSeed());
        values.add(snapshot.codeVersion());
        values.add(identity == null ? null : identity.mode());
        for (String signature : StageIdentity.SIGNATURES) {
            values.add(identity == null ? null : identity.signatures().get(signature));
        }
        values.add(identity == null ? null : identity.missing().toArray(String[]::new));
        values.add(identity == null ? null : identity.replicateKey());
        values.add(identity == null ? null : identity.strictKey());
        ComparisonGroup group = snapshot.comparisonGroup();
        values.add(group == null ? null : group.comparableKey());
        values.add(group == null ? null : group.nEffective());
        values.add(group == null ? null : group.hyperparametersSignature());
        for (Fingerprint fingerprint : Fingerprint.values()) {
            values.add(snapshot.fingerprints().get(fingerprint.key()));
        }
        values.add(ScalaMaps.of(snapshot.inputVersions()));
        values.add(ScalaMaps.of(snapshot.rowCounts()));
        values.add(snapshot.toJson());
        return RowFactory.create(values.toArray());
    }

    /**
     * Indexes the commits of {@code runId} that the Delta logs hold but the index lacks (a run killed before its
     * end writes no index rows); returns the run's highest snapshot_seq found, so a resumed run numbers on.
     */
    public static long backfill(RunContext context, String runId, Stage stage) {
        io.sensequant.spark.Lake lake = context.lake();
        java.util.Set<String> indexed = new java.util.HashSet<>();
        long maxSeq = 0;
        if (lake.exists(LakeTable.SNAPSHOT_INDEX)) {
            for (Row r : lake.read(LakeTable.SNAPSHOT_INDEX).where(org.apache.spark.sql.functions.col("run_id").equalTo(runId))
                    .select("table_name", "version", "snapshot_seq").collectAsList()) {
                indexed.add(r.getString(0) + "@" + r.getLong(1));
                maxSeq = Math.max(maxSeq, r.getLong(2));
            }
        }
        List<DeltaCommits.Committed> missing = new ArrayList<>();
        for (String table : lake.tableNames()) {
            boolean bookkeeping = LakeTable.isBookkeeping(table);
            for (Row commit : io.delta.tables.DeltaTable.forPath(lake.spark(), lake.path(table)).history()
                    .where(org.apache.spark.sql.functions.col("userMetadata").contains("\"" + runId + "\""))
                    .select("version", "userMetadata").collectAsList()) {
                StageSnapshot snapshot;
                try {
                    snapshot = StageSnapshot.fromJson(commit.getString(1));
                } catch (IllegalArgumentException notASnapshot) {
                    continue;
                }
                maxSeq = Math.max(maxSeq, snapshot.snapshotSeq());
                if (!bookkeeping && snapshot.runId().equals(runId) && !indexed.contains(table + "@" + commit.getLong(0))) {
                    missing.add(new DeltaCommits.Committed(table, commit.getLong(0), snapshot));
                }
            }
        }
        missing.sort(java.util.Comparator.comparingLong(c -> c.snapshot().snapshotSeq()));
        append(context, stage, missing);
        return maxSeq;
    }

    /** Appends the index rows of {@code commits} (bookkeeping commits skipped); nothing when there are none. */
    public static void append(RunContext context, Stage stage, List<DeltaCommits.Committed> commits) {
        List<Row> rows = new ArrayList<>();
        for (DeltaCommits.Committed commit : commits) {
            if (!LakeTable.isBookkeeping(commit.table())) {
                rows.add(row(commit.table(), commit.version(), commit.snapshot()));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> details = new TreeMap<>();
        details.put("indexed_commits", rows.size());
        context.commits().append(context.spark().createDataFrame(rows, SCHEMA).coalesce(1), LakeTable.SNAPSHOT_INDEX,
                context.snapshot(stage, LakeTable.SNAPSHOT_INDEX).bookkeeping().details(details).build());
    }

}
