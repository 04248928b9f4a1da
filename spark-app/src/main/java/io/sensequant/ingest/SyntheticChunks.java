package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.market.TradingCalendar;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The synthetic provider, chunk by chunk: bars are generated inside Spark tasks (one task group per slice of
 * chunks), so generation runs in parallel across the cluster instead of on the driver.
 */
public final class SyntheticChunks {
    private final SparkSession spark;
    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final TradingCalendar calendar;

    public SyntheticChunks(SparkSession spark, PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar) {
        this.spark = spark;
        this.params = params;
        this.baseSeed = baseSeed;
        this.calendar = calendar;
    }

    /** Bars of every chunk, with a {@code chunk_start} column naming the chunk each bar belongs to. */
    public Dataset<Row> generate(List<ChunkRequest> chunks) {
        if (chunks.isEmpty()) {
            return spark.createDataFrame(List.of(), ChunkBars.SCHEMA);
        }
        String interval = chunks.get(0).interval();
        if (!interval.equals("1day")) {
            throw new ConfigException("the synthetic provider generates only 1day bars so far; interval '" + interval
                    + "' is not implemented yet");
        }
        LocalDate first = chunks.stream().map(ChunkRequest::start).min(Comparator.naturalOrder()).orElseThrow();
        if (first.isBefore(params.originDate())) {
            throw new ConfigException("start date " + first + " is before ingest.synthetic.origin_date "
                    + params.originDate() + "; move the origin earlier to generate older bars");
        }
        LocalDate last = chunks.stream().map(ChunkRequest::end).max(Comparator.naturalOrder()).orElseThrow();
        SyntheticBars bars = new SyntheticBars(params, baseSeed, calendar.tradingDays(params.originDate(), last), calendar.zone());
        FlatMapFunction<ChunkRequest, Row> generate = chunk -> bars.generate(chunk.symbol(), chunk.interval(), chunk.start(), chunk.end())
                .stream().map(bar -> ChunkBars.withChunk(bar, chunk.start())).iterator();
        int partitions = Math.max(1, Math.min(chunks.size(), spark.sparkContext().defaultParallelism() * 4));
        return spark.createDataset(chunks, Encoders.javaSerialization(ChunkRequest.class))
                .repartition(partitions)
                .flatMap(generate, Encoders.row(ChunkBars.SCHEMA));
    }
}
