package io.sensequant.spark;

import io.delta.tables.DeltaTable;
import io.sensequant.snapshot.StageSnapshot;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every write to the lake goes through here, so that every Delta commit carries its stage snapshot as
 * {@code userMetadata} and every write is idempotent: MERGE on the natural key, or replace one run's rows.
 * Each method returns the table version it committed.
 */
public final class DeltaCommits {
    private static final String COMMIT_METADATA_CONF = "spark.databricks.delta.commitInfo.userMetadata";

    private final Lake lake;
    private final List<Committed> committed = new ArrayList<>();

    /** One commit made through here: the table, the version it created and the snapshot it carries. */
    public record Committed(String table, long version, StageSnapshot snapshot) {
    }

    public DeltaCommits(Lake lake) {
        this.lake = lake;
    }

    /** The commits made since the last call, oldest first (the snapshot index and verify read them). */
    public synchronized List<Committed> drain() {
        List<Committed> drained = List.copyOf(committed);
        committed.clear();
        return drained;
    }

    private synchronized long committed(LakeTable table, StageSnapshot snapshot) {
        long version = lake.latestVersion(table).orElseThrow();
        committed.add(new Committed(table.tableName(), version, snapshot));
        return version;
    }

    /** Upserts {@code rows} into {@code table} on {@code keys}; creates the table on first use. */
    public long merge(Dataset<Row> rows, LakeTable table, List<String> keys, List<String> partitionColumns,
                      StageSnapshot snapshot) {
        if (!lake.exists(table)) {
            create(rows, table, partitionColumns, snapshot);
        } else {
            String condition = keys.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
            withCommitMetadata(snapshot, () -> DeltaTable.forPath(lake.spark(), lake.path(table)).as("t")
                    .merge(rows.as("s"), condition)
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute());
        }
        return committed(table, snapshot);
    }

    /** Replaces the rows matching {@code predicate} (e.g. one run's rows) with {@code rows}, atomically. */
    public long replace(Dataset<Row> rows, LakeTable table, String predicate, StageSnapshot snapshot) {
        if (!lake.exists(table)) {
            create(rows, table, List.of(), snapshot);
        } else {
            rows.write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", predicate)
                    .option("mergeSchema", "true")
                    .option("userMetadata", snapshot.toJson())
                    .save(lake.path(table));
        }
        return committed(table, snapshot);
    }

    /**
     * Replaces a slice of a partitioned table (rows matching {@code predicate}) with {@code rows} in one commit;
     * new columns are added to the table's schema (older rows read them as null), so a changed feature set never
     * needs the table dropped.
     */
    public long replaceSlice(Dataset<Row> rows, LakeTable table, String predicate, List<String> partitionColumns,
                             StageSnapshot snapshot) {
        if (!lake.exists(table)) {
            create(rows, table, partitionColumns, snapshot);
        } else {
            rows.write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", predicate)
                    .option("mergeSchema", "true")
                    .option("userMetadata", snapshot.toJson())
                    .save(lake.path(table));
        }
        return committed(table, snapshot);
    }

    /** Appends {@code rows}; for append-only histories such as the candidate registry. */
    public long append(Dataset<Row> rows, LakeTable table, StageSnapshot snapshot) {
        rows.write().format("delta").mode(SaveMode.Append)
                .option("userMetadata", snapshot.toJson())
                .save(lake.path(table));
        return committed(table, snapshot);
    }

    /** Bin-packing compaction of small files (Delta OPTIMIZE); the table's content is unchanged. */
    public long compact(LakeTable table, StageSnapshot snapshot) {
        withCommitMetadata(snapshot, () -> DeltaTable.forPath(lake.spark(), lake.path(table)).optimize().executeCompaction());
        return committed(table, snapshot);
    }

    private void create(Dataset<Row> rows, LakeTable table, List<String> partitionColumns, StageSnapshot snapshot) {
        var writer = rows.write().format("delta").mode(SaveMode.ErrorIfExists).option("userMetadata", snapshot.toJson());
        if (!partitionColumns.isEmpty()) {
            writer = writer.partitionBy(partitionColumns.toArray(String[]::new));
        }
        writer.save(lake.path(table));
    }

    private void withCommitMetadata(StageSnapshot snapshot, Runnable write) {
        lake.spark().conf().set(COMMIT_METADATA_CONF, snapshot.toJson());
        try {
            write.run();
        } finally {
            lake.spark().conf().unset(COMMIT_METADATA_CONF);
        }
    }
}
