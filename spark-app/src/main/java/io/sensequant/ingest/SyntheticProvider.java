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
import java.util.List;

/**
 * The embedded default provider: bars generated inside Spark tasks, one symbol per task group, so that the
 * universe is generated in parallel. Daily bars only for now; intraday generation comes with issue 3.
 */
public final class SyntheticProvider implements OhlcvProvider {
    private final SparkSession spark;
    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final TradingCalendar calendar;

    public SyntheticProvider(SparkSession spark, PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar) {
        this.spark = spark;
        this.params = params;
        this.baseSeed = baseSeed;
        this.calendar = calendar;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public Dataset<Row> fetch(List<String> symbols, String interval, LocalDate start, LocalDate end) {
        if (!interval.equals("1day")) {
            throw new ConfigException("the synthetic provider generates only 1day bars so far; run.interval '"
                    + interval + "' is not implemented yet");
        }
        if (start.isBefore(params.originDate())) {
            throw new ConfigException("run.start_date " + start + " is before ingest.synthetic.origin_date "
                    + params.originDate() + "; move the origin earlier to generate older bars");
        }
        SyntheticBars bars = new SyntheticBars(params, baseSeed, calendar.tradingDays(params.originDate(), end), calendar.zone());
        FlatMapFunction<String, Row> generate = symbol -> bars.generate(symbol, interval, start, end).iterator();
        int partitions = Math.max(1, Math.min(symbols.size(), spark.sparkContext().defaultParallelism() * 4));
        return spark.createDataset(symbols, Encoders.STRING())
                .repartition(partitions)
                .flatMap(generate, Encoders.row(OhlcvSchema.BARS));
    }
}
