package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.market.StressPeriod;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.market.UniverseMember;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic provider, chunk by chunk: bars are generated inside Spark tasks (one task group per slice of
 * chunks), so generation runs in parallel across the cluster instead of on the driver. Intervals: 1day and
 * N-minute bars (1minute, 5minute) over the calendar's session; see {@link SyntheticBars}.
 */
public final class SyntheticChunks {
    private final SparkSession spark;
    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final TradingCalendar calendar;
    private final Map<String, String> sectorBySymbol;
    private final List<StressPeriod> stressPeriods;

    /** Without sectors or stress periods: symbols co-move only through the market factor, with no regimes. */
    public SyntheticChunks(SparkSession spark, PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar) {
        this(spark, params, baseSeed, calendar, Map.of(), List.of());
    }

    /**
     * @param sectorBySymbol each symbol's sector (see {@link #sectors(Universe)}): symbols of a sector share a factor
     * @param stressPeriods  conf/stress_periods.yaml ({@code MarketData.stressPeriods()}): volatility and correlation
     *                       shocks without drift
     */
    public SyntheticChunks(SparkSession spark, PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar,
                           Map<String, String> sectorBySymbol, List<StressPeriod> stressPeriods) {
        this.spark = spark;
        this.params = params;
        this.baseSeed = baseSeed;
        this.calendar = calendar;
        this.sectorBySymbol = Map.copyOf(sectorBySymbol);
        this.stressPeriods = List.copyOf(stressPeriods);
    }

    /** Each universe member's sector (members without one are left out). */
    public static Map<String, String> sectors(Universe universe) {
        Map<String, String> sectors = new LinkedHashMap<>();
        for (UniverseMember member : universe.symbols()) {
            if (member.sector() != null && !member.sector().isBlank()) {
                sectors.put(member.symbol(), member.sector());
            }
        }
        return sectors;
    }

    /** Bars of every chunk, with a {@code chunk_start} column naming the chunk each bar belongs to. */
    public Dataset<Row> generate(List<ChunkRequest> chunks) {
        if (chunks.isEmpty()) {
            return spark.createDataFrame(List.of(), ChunkBars.SCHEMA);
        }
        LocalDate first = chunks.stream().map(ChunkRequest::start).min(Comparator.naturalOrder()).orElseThrow();
        if (first.isBefore(params.originDate())) {
            throw new ConfigException("start date " + first + " is before ingest.synthetic.origin_date "
                    + params.originDate() + "; move the origin earlier to generate older bars");
        }
        LocalDate last = chunks.stream().map(ChunkRequest::end).max(Comparator.naturalOrder()).orElseThrow();
        SyntheticBars bars = new SyntheticBars(params, baseSeed, calendar, sectorBySymbol, stressPeriods, last);
        // Reject an unknown interval on the driver, before any task starts.
        chunks.stream().map(ChunkRequest::interval).distinct().forEach(bars::barMinutes);
        FlatMapFunction<ChunkRequest, Row> generate = chunk -> {
            String symbol = chunk.symbol();
            String interval = chunk.interval();
            Date chunkStart = Date.valueOf(chunk.start());
            List<Row> rows = new ArrayList<>();
            bars.generate(symbol, interval, chunk.start(), chunk.end(), (millis, open, high, low, close, volume) ->
                    rows.add(RowFactory.create(symbol, interval, new Timestamp(millis), open, high, low, close, volume,
                            chunkStart)));
            return rows.iterator();
        };
        int partitions = Math.max(1, Math.min(chunks.size(), spark.sparkContext().defaultParallelism() * 4));
        return spark.createDataset(chunks, Encoders.javaSerialization(ChunkRequest.class))
                .repartition(partitions)
                .flatMap(generate, Encoders.row(ChunkBars.SCHEMA));
    }
}
