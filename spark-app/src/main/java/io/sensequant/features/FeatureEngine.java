package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.expr.ExpressionCompiler;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

/**
 * The pure part of phase 2: bars in, one row per bar out with every feature of the plan, the bar index, the
 * warm-up flag, the primary and candidate targets and the session date. All symbols are computed together in
 * Spark; each series is one (symbol, interval) ordered by ts.
 */
public final class FeatureEngine {
    private FeatureEngine() {
    }

    /**
     * Rows with bar index up to this are warm-up: the longer of the configured minimum and the longest lookback
     * any feature of the plan declares.
     */
    public static int warmupBars(FeaturePlan plan, PipelineConfig.Features settings) {
        return Math.max(settings.warmupBars(), plan.lookbackBars());
    }

    /** Every bar, with features, bar_index, warmup, labels and date; nothing is dropped here. */
    public static Dataset<Row> compute(Dataset<Row> bars, FeaturePlan plan, PipelineConfig.Features settings) {
        int warmup = warmupBars(plan, settings);
        // the compiler's per-series row number is the bar index
        Dataset<Row> withFeatures = new ExpressionCompiler(FeatureColumns.BAR_INDEX)
                .compileParsed(bars, plan.expressions(), plan::sourceOf);
        return Labels.add(withFeatures, settings)
                .withColumn(FeatureColumns.DATE, to_date(col(OhlcvSchema.TS)))
                .withColumn(FeatureColumns.WARMUP, col(FeatureColumns.BAR_INDEX).leq(warmup));
    }

    /** The rows the features table keeps: labelled ones, and warm-up ones only under {@code warmup_policy: keep}. */
    public static Dataset<Row> kept(Dataset<Row> computed, PipelineConfig.Features settings) {
        Dataset<Row> labelled = computed.where(col(FeatureColumns.LABEL).isNotNull());
        return settings.warmupPolicy().equals(PipelineConfig.Features.KEEP)
                ? labelled : labelled.where(col(FeatureColumns.WARMUP).equalTo(false));
    }
}
