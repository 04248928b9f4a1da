package io.sensequant.ingest;

import io.sensequant.pipeline.RunContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.util.List;

/**
 * The write-cost comparison of the ingest benchmark: the run's synthetic bars, materialised once, then written
 * as Delta and as plain Parquet with the same partitioning (best of two attempts each, alternating).
 */
public final class IngestBenchmark {
    public record WriteComparison(long rows, double deltaSeconds, double parquetSeconds) {
    }

    private IngestBenchmark() {
    }

    public static WriteComparison compareWrites(RunContext context, String scratchDir) {
        List<ChunkRequest> chunks = IngestPhase.plan(context);
        SyntheticChunks generator = Providers.synthetic(context);
        Dataset<Row> bars = IngestPhase.withPartitionColumn(generator.generate(chunks).drop(ChunkBars.CHUNK_START),
                context.config().lake().ohlcvPartitionGranularity().get(context.config().run().interval())).cache();
        try {
            long rows = bars.count();
            double delta = Double.MAX_VALUE;
            double parquet = Double.MAX_VALUE;
            for (int attempt = 0; attempt < 2; attempt++) {
                parquet = Math.min(parquet, timeWrite(bars, "parquet", scratchDir + "/parquet_" + attempt));
                delta = Math.min(delta, timeWrite(bars, "delta", scratchDir + "/delta_" + attempt));
            }
            return new WriteComparison(rows, delta, parquet);
        } finally {
            bars.unpersist();
        }
    }

    private static double timeWrite(Dataset<Row> bars, String format, String path) {
        long started = System.nanoTime();
        bars.write().format(format).mode(SaveMode.Overwrite)
                .partitionBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS_PART).save(path);
        return (System.nanoTime() - started) / 1e9;
    }
}
