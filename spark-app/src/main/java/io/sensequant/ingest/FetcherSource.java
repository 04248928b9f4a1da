package io.sensequant.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** Chunks from a driver-side {@link ChunkFetcher} (csv, http): fetched in parallel, failures kept per chunk. */
final class FetcherSource implements ChunkSource {
    private final SparkSession spark;
    private final ChunkFetcher fetcher;
    private final int parallelism;

    FetcherSource(SparkSession spark, ChunkFetcher fetcher, int parallelism) {
        this.spark = spark;
        this.fetcher = fetcher;
        this.parallelism = parallelism;
    }

    @Override
    public String name() {
        return fetcher.name();
    }

    @Override
    public Batch fetch(List<ChunkRequest> chunks, Runnable onChunkDone) {
        List<Row> rows = new ArrayList<>();
        List<ChunkOutcome> outcomes = new ArrayList<>();
        for (DriverFetching.Result result : DriverFetching.fetchAll(fetcher, chunks, parallelism, onChunkDone)) {
            if (result.error() != null) {
                outcomes.add(new ChunkOutcome(result.request(), ChunkOutcome.FAILED, result.error().attempts(), 0,
                        result.error().getMessage(), List.of()));
                continue;
            }
            FetchedChunk fetched = result.fetched();
            fetched.bars().forEach(bar -> rows.add(ChunkBars.of(bar, result.request().start())));
            outcomes.add(new ChunkOutcome(result.request(), ChunkOutcome.FETCHED, fetched.attempts(), fetched.bars().size(),
                    null, fetched.warnings()));
        }
        return new Batch(spark.createDataFrame(rows, ChunkBars.SCHEMA), outcomes);
    }
}
