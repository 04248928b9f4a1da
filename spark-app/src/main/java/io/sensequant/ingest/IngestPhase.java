package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

/** Phase 1: bars from the configured provider, MERGEd into {@code ohlcv} on (symbol, interval, ts). */
public final class IngestPhase implements Phase {
    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Stage stage() {
        return Stage.INGEST;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig.Run run = context.config().run();
        OhlcvProvider provider = provider(context);
        Dataset<Row> bars = withPartitionColumn(
                provider.fetch(context.symbols(), run.interval(), run.startDate(), run.endDate()),
                context.config().lake().ohlcvPartitionGranularity().get(run.interval()))
                .cache();
        try {
            Map<String, Long> perSymbol = new TreeMap<>();
            for (Row row : bars.groupBy(OhlcvSchema.SYMBOL).count().collectAsList()) {
                perSymbol.put(row.getString(0), row.getLong(1));
            }
            long rows = perSymbol.values().stream().mapToLong(Long::longValue).sum();
            List<String> empty = context.symbols().stream().filter(s -> !perSymbol.containsKey(s)).toList();
            if (!empty.isEmpty()) {
                throw new IllegalStateException("provider '" + provider.name() + "' returned no bars for " + empty);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", provider.name());
            details.put("interval", run.interval());
            details.put("start_date", run.startDate().toString());
            details.put("end_date", run.endDate().toString());
            details.put("symbols", context.symbols());
            long version = context.commits().merge(bars, LakeTable.OHLCV, OhlcvSchema.KEY,
                    List.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS_PART),
                    context.snapshot(Stage.INGEST, LakeTable.OHLCV, Map.of(), perSymbol, details));
            Map<String, Object> summary = new LinkedHashMap<>(details);
            summary.put("rows", rows);
            summary.put("rows_per_symbol", perSymbol);
            return PhaseResult.of(this, String.format("%,d bars for %d symbols from %s into ohlcv v%d",
                            rows, perSymbol.size(), provider.name(), version),
                    summary, Map.of(LakeTable.OHLCV.tableName(), version), List.of(context.lake().path(LakeTable.OHLCV)));
        } finally {
            bars.unpersist();
        }
    }

    /** Adds ts_part: the bar's date at year or month granularity, in the session time zone. */
    static Dataset<Row> withPartitionColumn(Dataset<Row> bars, String granularity) {
        Column part = switch (granularity) {
            case "year" -> date_format(col(OhlcvSchema.TS), "yyyy");
            case "month" -> date_format(col(OhlcvSchema.TS), "yyyy-MM");
            default -> throw new ConfigException("lake.ohlcv_partition_granularity: '" + granularity
                    + "' is not one of year, month");
        };
        return bars.withColumn(OhlcvSchema.TS_PART, part);
    }

    private static OhlcvProvider provider(RunContext context) {
        PipelineConfig config = context.config();
        String name = config.ingest().provider();
        if (name.equals("synthetic")) {
            return new SyntheticProvider(context.spark(), config.ingest().synthetic(), config.run().baseSeed(),
                    context.calendar());
        }
        throw new ConfigException("ingest.provider '" + name + "' is not implemented yet; the walking skeleton has 'synthetic' "
                + "(csv and http arrive with issue 3)");
    }
}
