package io.sensequant.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Synthetic chunks, generated in Spark tasks; every chunk succeeds with however many sessions it spans. */
final class SyntheticSource implements ChunkSource {
    private final SyntheticChunks generator;

    SyntheticSource(SyntheticChunks generator) {
        this.generator = generator;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public Batch fetch(List<ChunkRequest> chunks, Runnable onChunkDone) {
        Dataset<Row> bars = generator.generate(chunks).cache();
        Map<String, Long> rows = new HashMap<>();
        bars.groupBy(OhlcvSchema.SYMBOL, ChunkBars.CHUNK_START).count().collectAsList()
                .forEach(r -> rows.put(r.getString(0) + "|" + r.getDate(1).toLocalDate(), r.getLong(2)));
        List<ChunkOutcome> outcomes = new ArrayList<>();
        for (ChunkRequest chunk : chunks) {
            outcomes.add(new ChunkOutcome(chunk, ChunkOutcome.FETCHED, 1, rows.getOrDefault(chunk.symbol() + "|" + chunk.start(), 0L),
                    null, List.of()));
            onChunkDone.run();
        }
        return new Batch(bars, outcomes);
    }
}
