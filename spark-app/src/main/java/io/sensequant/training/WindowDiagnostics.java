package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.TrainingWindow;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * Per-window sample counts before the teacher sees a row: {@code raw_bars} (ohlcv bars in the window) and
 * {@code feature_rows} (those left after warm-up); labelled, train and validation rows come from the trainer.
 * Together they say where a thin window lost its rows.
 */
final class WindowDiagnostics {
    static final String RAW_BARS = "raw_bars";
    static final String FEATURE_ROWS = "feature_rows";
    private static final StructType WINDOWS = new StructType()
            .add("window_start", DataTypes.DateType, false)
            .add("window_end", DataTypes.DateType, false);

    private WindowDiagnostics() {
    }

    /**
     * @param bars        the run's ohlcv slice (the same rows the features phase read)
     * @param windows     the planned windows of any one symbol (every symbol gets the same dates)
     * @param warmupBars  rows with bar index up to this are warm-up
     * @param keepWarmup  whether warm-up rows stayed in features ({@code warmup_policy: keep})
     */
    static Dataset<Row> counts(Dataset<Row> bars, List<TrainingWindow> windows, int warmupBars, boolean keepWarmup) {
        SparkSession spark = bars.sparkSession();
        Dataset<Row> plan = spark.createDataFrame(windows.stream()
                .map(w -> RowFactory.create(Date.valueOf(w.start()), Date.valueOf(w.end()))).toList(), WINDOWS);
        Dataset<Row> indexed = bars.select(col(OhlcvSchema.SYMBOL), to_date(col(OhlcvSchema.TS)).as(FeatureColumns.DATE),
                row_number().over(Window.partitionBy(OhlcvSchema.SYMBOL, OhlcvSchema.INTERVAL).orderBy(OhlcvSchema.TS))
                        .as(FeatureColumns.BAR_INDEX));
        Column inWindow = col(FeatureColumns.DATE).between(col("window_start"), col("window_end"));
        Column afterWarmup = keepWarmup ? lit(true) : col(FeatureColumns.BAR_INDEX).gt(warmupBars);
        return indexed.join(broadcast(plan), inWindow)
                .groupBy(col(OhlcvSchema.SYMBOL), col("window_start"), col("window_end"))
                .agg(count(lit(1)).cast("int").as(RAW_BARS), sum(when(afterWarmup, 1).otherwise(0)).cast("int").as(FEATURE_ROWS))
                .select(col(OhlcvSchema.SYMBOL), concat(col(OhlcvSchema.SYMBOL), lit("_"), col("window_start").cast("string"),
                        lit("_to_"), col("window_end").cast("string")).as("window_label"), col(RAW_BARS), col(FEATURE_ROWS));
    }

    /** Adds raw_bars and feature_rows to teacher outcomes (0 where a window had no bars at all). */
    static Dataset<Row> attach(Dataset<Row> outcomes, Dataset<Row> counts) {
        Dataset<Row> joined = outcomes.join(counts, new String[]{OhlcvSchema.SYMBOL, "window_label"}, "left")
                .withColumn(RAW_BARS, coalesce(col(RAW_BARS), lit(0)))
                .withColumn(FEATURE_ROWS, coalesce(col(FEATURE_ROWS), lit(0)));
        // keep the trainer's column order, with the two counts before the labelled rows they lead to
        List<String> order = new java.util.ArrayList<>(List.of(outcomes.columns()));
        int at = order.indexOf("labelled_rows");
        order.add(at, FEATURE_ROWS);
        order.add(at, RAW_BARS);
        return joined.select(order.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }
}
