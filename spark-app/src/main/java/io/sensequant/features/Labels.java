package io.sensequant.features;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static io.sensequant.ingest.OhlcvSchema.CLOSE;
import static io.sensequant.ingest.OhlcvSchema.INTERVAL;
import static io.sensequant.ingest.OhlcvSchema.SYMBOL;
import static io.sensequant.ingest.OhlcvSchema.TS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Forward-looking labels: the return from a bar's close to the close {@code horizon} sessions later, and the
 * 3-class label 0 = down (below -threshold), 1 = neutral, 2 = up (above +threshold). Rows without that much
 * future get a null forward return (and are dropped by the phase, which counts them).
 */
public final class Labels {
    public static final int DOWN = 0;
    public static final int NEUTRAL = 1;
    public static final int UP = 2;

    private Labels() {
    }

    public static Dataset<Row> add(Dataset<Row> bars, int horizon, double threshold) {
        var ordered = Window.partitionBy(SYMBOL, INTERVAL).orderBy(TS);
        return bars
                .withColumn(FeatureColumns.FORWARD_RETURN, lead(col(CLOSE), horizon).over(ordered).divide(col(CLOSE)).minus(1))
                .withColumn(FeatureColumns.LABEL,
                        when(col(FeatureColumns.FORWARD_RETURN).isNull(), lit(null))
                                .when(col(FeatureColumns.FORWARD_RETURN).gt(threshold), lit(UP))
                                .when(col(FeatureColumns.FORWARD_RETURN).lt(-threshold), lit(DOWN))
                                .otherwise(lit(NEUTRAL)));
    }
}
