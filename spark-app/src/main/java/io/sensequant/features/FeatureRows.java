package io.sensequant.features;

import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * {@code features.max_rows_per_symbol}: the most recent N rows of each (symbol, interval). Every stage that
 * reads features goes through {@link #limitPerSymbol}, so they all see the same rows.
 */
public final class FeatureRows {
    private static final String RECENCY = "__recency";

    private FeatureRows() {
    }

    /** @param maxRows 0 keeps every row */
    public static Dataset<Row> limitPerSymbol(Dataset<Row> rows, int maxRows) {
        if (maxRows <= 0) {
            return rows;
        }
        return rows.withColumn(RECENCY, row_number().over(Window.partitionBy(OhlcvSchema.SYMBOL, OhlcvSchema.INTERVAL)
                        .orderBy(col(OhlcvSchema.TS).desc())))
                .where(col(RECENCY).leq(maxRows))
                .drop(RECENCY);
    }
}
