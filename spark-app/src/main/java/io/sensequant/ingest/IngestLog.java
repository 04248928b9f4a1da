package io.sensequant.ingest;

import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * {@code ingest_log}: one row per (symbol, interval, chunk_start) with the chunk's latest status. A chunk is
 * complete when it was fetched (or found cached) from the same provider with the same end date; a re-run
 * skips complete chunks, so only missing dates are fetched.
 */
public final class IngestLog {
    public static final List<String> KEY = List.of("symbol", "interval", "chunk_start");
    public static final StructType SCHEMA = new StructType()
            .add("symbol", DataTypes.StringType, false)
            .add("interval", DataTypes.StringType, false)
            .add("chunk_start", DataTypes.DateType, false)
            .add("chunk_end", DataTypes.DateType, false)
            .add("provider", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("attempts", DataTypes.IntegerType, false)
            .add("rows", DataTypes.LongType, false)
            .add("error", DataTypes.StringType, true)
            .add("warnings", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("run_id", DataTypes.StringType, false)
            .add("updated_at", DataTypes.TimestampType, false);

    private final Lake lake;

    public IngestLog(Lake lake) {
        this.lake = lake;
    }

    /** A chunk recorded as complete: its end date and how many rows it brought. */
    public record Complete(java.time.LocalDate end, long rows) {
    }

    /** Chunks already complete for {@code provider}, keyed by {@link #key}. */
    public Map<String, Complete> completeChunks(String provider, String interval) {
        Map<String, Complete> complete = new HashMap<>();
        if (!lake.exists(LakeTable.INGEST_LOG)) {
            return complete;
        }
        lake.read(LakeTable.INGEST_LOG)
                .where(col("provider").equalTo(provider).and(col("interval").equalTo(interval))
                        .and(col("status").isin(ChunkOutcome.FETCHED, ChunkOutcome.CACHED)))
                .select("symbol", "interval", "chunk_start", "chunk_end", "rows").collectAsList()
                .forEach(r -> complete.put(key(r.getString(0), r.getString(1), r.getDate(2).toLocalDate()),
                        new Complete(r.getDate(3).toLocalDate(), r.getLong(4))));
        return complete;
    }

    public static String key(String symbol, String interval, java.time.LocalDate start) {
        return symbol + "|" + interval + "|" + start;
    }

    public long record(List<ChunkOutcome> outcomes, String provider, String runId, DeltaCommits commits, StageSnapshot snapshot) {
        SparkSession spark = lake.spark();
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        for (ChunkOutcome outcome : outcomes) {
            ChunkRequest r = outcome.request();
            rows.add(RowFactory.create(r.symbol(), r.interval(), Date.valueOf(r.start()), Date.valueOf(r.end()), provider,
                    outcome.status(), outcome.attempts(), outcome.rows(), outcome.error(),
                    scala.collection.JavaConverters.asScalaBufferConverter(outcome.warnings()).asScala().toSeq(), runId, now));
        }
        return commits.merge(spark.createDataFrame(rows, SCHEMA), LakeTable.INGEST_LOG, KEY, List.of(), snapshot);
    }
}
