package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.Locale;

import static io.sensequant.ingest.OhlcvSchema.CLOSE;
import static io.sensequant.ingest.OhlcvSchema.HIGH;
import static io.sensequant.ingest.OhlcvSchema.INTERVAL;
import static io.sensequant.ingest.OhlcvSchema.LOW;
import static io.sensequant.ingest.OhlcvSchema.SYMBOL;
import static io.sensequant.ingest.OhlcvSchema.TS;
import static io.sensequant.ingest.OhlcvSchema.VOLUME;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.when;

/**
 * The seed15 indicators as Spark column expressions over windows partitioned by (symbol, interval) and
 * ordered by ts: the whole universe in one pass, no loop over symbols. Definitions follow ta4j: EMA seeded
 * with the first value, RSI and ATR with Wilder's smoothing (alpha = 1/n), Bollinger bands from the
 * population standard deviation. Recursive indicators are evaluated exactly over the last
 * {@code recursive_lookback_bars} values (an exact recursion from the first bar while fewer exist).
 */
public final class TechnicalIndicators {
    private static final String PREVIOUS_CLOSE = "_prev_close";

    private TechnicalIndicators() {
    }

    public static Dataset<Row> compute(Dataset<Row> bars, PipelineConfig.Features settings) {
        PipelineConfig.Seed15 w = settings.seed15();
        FeatureColumns names = new FeatureColumns(w);
        WindowSpec ordered = Window.partitionBy(SYMBOL, INTERVAL).orderBy(TS);
        WindowSpec history = ordered.rowsBetween(-(settings.recursiveLookbackBars() - 1L), 0);

        Dataset<Row> out = bars
                .withColumn(FeatureColumns.BAR_INDEX, row_number().over(ordered))
                .withColumn(PREVIOUS_CLOSE, lag(col(CLOSE), 1).over(ordered))
                .withColumn(names.returnShort(), col(CLOSE).divide(lag(col(CLOSE), w.returnShort()).over(ordered)).minus(1))
                .withColumn(names.returnLong(), col(CLOSE).divide(lag(col(CLOSE), w.returnLong()).over(ordered)).minus(1))
                .withColumn(names.smaShort(), trailing(avg(col(CLOSE)), ordered, w.smaShort()))
                .withColumn(names.smaLong(), trailing(avg(col(CLOSE)), ordered, w.smaLong()))
                .withColumn("_close_hist", collect_list(col(CLOSE)).over(history))
                .withColumn(names.emaFast(), smoothed("_close_hist", 2.0 / (w.emaFast() + 1)))
                .withColumn(names.emaSlow(), smoothed("_close_hist", 2.0 / (w.emaSlow() + 1)))
                .withColumn("macd", col(names.emaFast()).minus(col(names.emaSlow())))
                // gains and losses are 0 on a symbol's first bar, as in ta4j
                .withColumn("_gain", coalesce(greatest(col(CLOSE).minus(col(PREVIOUS_CLOSE)), lit(0.0)), lit(0.0)))
                .withColumn("_loss", coalesce(greatest(col(PREVIOUS_CLOSE).minus(col(CLOSE)), lit(0.0)), lit(0.0)))
                .withColumn("_true_range", coalesce(greatest(col(HIGH).minus(col(LOW)),
                        abs(col(HIGH).minus(col(PREVIOUS_CLOSE))), abs(col(PREVIOUS_CLOSE).minus(col(LOW)))),
                        col(HIGH).minus(col(LOW))))
                .withColumn("_gain_hist", collect_list(col("_gain")).over(history))
                .withColumn("_loss_hist", collect_list(col("_loss")).over(history))
                .withColumn("_tr_hist", collect_list(col("_true_range")).over(history))
                .withColumn("_macd_hist", collect_list(col("macd")).over(history));

        Column averageGain = smoothed("_gain_hist", 1.0 / w.rsi());
        Column averageLoss = smoothed("_loss_hist", 1.0 / w.rsi());
        Column bandMean = trailing(avg(col(CLOSE)), ordered, w.bollinger());
        Column bandWidth = trailing(stddev_pop(col(CLOSE)), ordered, w.bollinger()).multiply(w.bollingerK());
        Column volumeMean = trailing(avg(col(VOLUME).cast("double")), ordered, w.volumeZ());
        Column volumeStd = trailing(stddev_pop(col(VOLUME).cast("double")), ordered, w.volumeZ());

        out = out
                .withColumn("macd_signal", smoothed("_macd_hist", 2.0 / (w.macdSignal() + 1)))
                .withColumn("macd_hist", col("macd").minus(col("macd_signal")))
                .withColumn(names.rsi(), when(averageLoss.equalTo(0), when(averageGain.equalTo(0), lit(0.0)).otherwise(lit(100.0)))
                        .otherwise(lit(100.0).minus(lit(100.0).divide(lit(1.0).plus(averageGain.divide(averageLoss))))))
                .withColumn(names.atr(), smoothed("_tr_hist", 1.0 / w.atr()))
                .withColumn(names.bollingerUpper(), bandMean.plus(bandWidth))
                .withColumn(names.bollingerLower(), bandMean.minus(bandWidth))
                .withColumn(names.bollingerPercentB(), when(col(names.bollingerUpper()).equalTo(col(names.bollingerLower())), lit(null))
                        .otherwise(col(CLOSE).minus(col(names.bollingerLower()))
                                .divide(col(names.bollingerUpper()).minus(col(names.bollingerLower())))))
                .withColumn(names.volumeZ(), when(volumeStd.equalTo(0), lit(null))
                        .otherwise(col(VOLUME).cast("double").minus(volumeMean).divide(volumeStd)))
                .withColumn(names.closeToSmaShort(), col(CLOSE).divide(col(names.smaShort())).minus(1))
                .withColumn(names.closeToSmaLong(), col(CLOSE).divide(col(names.smaLong())).minus(1))
                .withColumn(names.macdHistPct(), col("macd_hist").divide(col(CLOSE)))
                .withColumn(names.atrPct(), col(names.atr()).divide(col(CLOSE)));
        for (String helper : new String[]{PREVIOUS_CLOSE, "_close_hist", "_gain", "_loss", "_true_range",
                "_gain_hist", "_loss_hist", "_tr_hist", "_macd_hist"}) {
            out = out.drop(helper);
        }
        return out;
    }

    /** An aggregate over the last {@code n} bars, null until n bars exist. */
    private static Column trailing(Column aggregate, WindowSpec ordered, int n) {
        return when(col(FeatureColumns.BAR_INDEX).geq(n), aggregate.over(ordered.rowsBetween(-(n - 1L), 0)));
    }

    /** s_0 = x_0, s_t = s_{t-1} + alpha (x_t - s_{t-1}) over an array column of the history, oldest first. */
    private static Column smoothed(String historyColumn, double alpha) {
        return expr(String.format(Locale.ROOT,
                "aggregate(%s, CAST(NULL AS DOUBLE), (s, x) -> CASE WHEN s IS NULL THEN x ELSE s + %.17g * (x - s) END)",
                historyColumn, alpha));
    }
}
