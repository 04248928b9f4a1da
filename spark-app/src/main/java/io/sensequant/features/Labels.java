package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.sensequant.ingest.OhlcvSchema.CLOSE;
import static io.sensequant.ingest.OhlcvSchema.INTERVAL;
import static io.sensequant.ingest.OhlcvSchema.SYMBOL;
import static io.sensequant.ingest.OhlcvSchema.TS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Forward-looking labels. The forward return at a bar is close[t + h] / close[t] - 1, h bars later in the same
 * (symbol, interval) series, so it reads nothing beyond t + h; rows without h bars of future get nulls (the
 * phase drops and counts them for the primary target). Targets: 3-class 0 = down (below -threshold),
 * 1 = neutral, 2 = up (above +threshold); binary 1 = above +threshold; regression = the forward return.
 */
public final class Labels {
    public static final int DOWN = 0;
    public static final int NEUTRAL = 1;
    public static final int UP = 2;

    private Labels() {
    }

    /** The primary target ({@code fwd_return}, {@code label}) and every candidate target column. */
    public static Dataset<Row> add(Dataset<Row> bars, PipelineConfig.Features settings) {
        Map<String, Column> columns = new LinkedHashMap<>();
        WindowSpec ordered = Window.partitionBy(SYMBOL, INTERVAL).orderBy(TS);
        Column primary = forwardReturn(ordered, settings.forecastHorizonDays());
        columns.put(FeatureColumns.FORWARD_RETURN, primary);
        columns.put(FeatureColumns.LABEL, threeClass(primary, settings.labelThreshold()));
        columns.putAll(candidates(ordered, settings.candidateTargets()));
        return bars.withColumns(columns);
    }

    /** The candidate target columns, by name, in a stable order (horizon, then kind, then threshold). */
    static Map<String, Column> candidates(WindowSpec ordered, PipelineConfig.CandidateTargets targets) {
        Map<String, Column> columns = new LinkedHashMap<>();
        List<String> kinds = targets.kinds();
        for (int horizon : new TreeSet<>(targets.horizons())) {
            Column forward = forwardReturn(ordered, horizon);
            // always written: the reward of a classifier trained on any candidate needs its realised return
            columns.put(FeatureColumns.forwardReturn(horizon), forward);
            for (double threshold : new TreeSet<>(targets.thresholds())) {
                if (kinds.contains("three_class")) {
                    columns.put(FeatureColumns.threeClass(horizon, threshold), threeClass(forward, threshold));
                }
                if (kinds.contains("binary")) {
                    columns.put(FeatureColumns.binary(horizon, threshold),
                            when(forward.isNotNull(), when(forward.gt(threshold), lit(1)).otherwise(lit(0))));
                }
            }
        }
        return columns;
    }

    private static Column forwardReturn(WindowSpec ordered, int horizon) {
        return lead(col(CLOSE), horizon).over(ordered).divide(col(CLOSE)).minus(1);
    }

    private static Column threeClass(Column forward, double threshold) {
        return when(forward.isNull(), lit(null).cast("int"))
                .when(forward.gt(threshold), lit(UP))
                .when(forward.lt(-threshold), lit(DOWN))
                .otherwise(lit(NEUTRAL));
    }
}
