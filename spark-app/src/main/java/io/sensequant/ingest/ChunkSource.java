package io.sensequant.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/** Where a batch of chunks comes from: bars tagged with their chunk ({@link ChunkBars#SCHEMA}) and one outcome per chunk. */
interface ChunkSource {
    String name();

    Batch fetch(List<ChunkRequest> chunks, Runnable onChunkDone);

    record Batch(Dataset<Row> bars, List<ChunkOutcome> outcomes) {
    }
}
