package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * Phase 2: seed15 indicators and labels for every symbol of the run, from the ohlcv version ingest wrote,
 * MERGEd into {@code features}. Warm-up rows and rows without enough future are dropped and counted per symbol.
 */
public final class FeaturesPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "features and labels";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.FEATURES;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig config = context.config();
        long ohlcvVersion = context.versionWritten(LakeTable.OHLCV);
        Dataset<Row> bars = context.lake().readVersion(LakeTable.OHLCV, ohlcvVersion)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(config.run().interval()))
                        .and(OhlcvSchema.onDates(config.run().startDate(), config.run().endDate(), context.calendar().zone())))
                .drop(OhlcvSchema.TS_PART);
        Dataset<Row> computed = compute(bars, config.features()).cache();
        try {
            int warmup = config.features().warmupBars();
            Map<String, Long> kept = new TreeMap<>();
            Map<String, Object> dropped = new TreeMap<>();
            long barsRead = 0;
            long warmupDropped = 0;
            long futureDropped = 0;
            for (Row row : computed.groupBy(OhlcvSchema.SYMBOL).agg(
                    count(lit(1)),
                    sum(when(col(FeatureColumns.BAR_INDEX).leq(warmup), 1).otherwise(0)),
                    sum(when(col(FeatureColumns.BAR_INDEX).gt(warmup).and(col(FeatureColumns.LABEL).isNull()), 1).otherwise(0)))
                    .collectAsList()) {
                long total = row.getLong(1);
                long warm = row.getLong(2);
                long future = row.getLong(3);
                kept.put(row.getString(0), total - warm - future);
                dropped.put(row.getString(0), Map.of("warmup", warm, "no_future", future));
                barsRead += total;
                warmupDropped += warm;
                futureDropped += future;
            }
            Dataset<Row> rows = computed.where(col(FeatureColumns.BAR_INDEX).gt(warmup).and(col(FeatureColumns.LABEL).isNotNull()));
            FeatureColumns names = new FeatureColumns(config.features().seed15());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("feature_set", "seed15");
            details.put("features", names.all());
            details.put("forecast_horizon_days", config.features().forecastHorizonDays());
            details.put("label_threshold", config.features().labelThreshold());
            details.put("warmup_bars", warmup);
            details.put("dropped_rows", dropped);
            long version = context.commits().merge(rows, LakeTable.FEATURES, OhlcvSchema.KEY, List.of(OhlcvSchema.SYMBOL),
                    context.snapshot(Stage.FEATURES, LakeTable.FEATURES, Map.of(LakeTable.OHLCV.tableName(), ohlcvVersion),
                            kept, details));
            long keptRows = kept.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("bars_read", barsRead);
            summary.put("rows", keptRows);
            summary.put("features", names.all().size());
            summary.put("dropped_warmup_rows", warmupDropped);
            summary.put("dropped_no_future_rows", futureDropped);
            summary.put("rows_per_symbol", kept);
            return PhaseResult.of(this, String.format("%,d labelled rows, %d features (dropped %,d warm-up, %,d without %d-day future)",
                            keptRows, names.all().size(), warmupDropped, futureDropped, config.features().forecastHorizonDays()),
                    summary, Map.of(LakeTable.FEATURES.tableName(), version), List.of(context.lake().path(LakeTable.FEATURES)));
        } finally {
            computed.unpersist();
        }
    }

    /** Indicators, labels and the session date; the pure part of the phase. */
    public static Dataset<Row> compute(Dataset<Row> bars, PipelineConfig.Features settings) {
        Dataset<Row> withIndicators = TechnicalIndicators.compute(bars, settings);
        return Labels.add(withIndicators, settings.forecastHorizonDays(), settings.labelThreshold())
                .withColumn(FeatureColumns.DATE, to_date(col(OhlcvSchema.TS)));
    }


}
