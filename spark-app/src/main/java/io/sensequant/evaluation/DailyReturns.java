package io.sensequant.evaluation;

import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.to_date;

/**
 * Close-to-close returns from {@code ohlcv}: a session's close is its last bar's close (the daily bar itself for
 * daily data), and a symbol's return for session t is close(next session) / close(t) − 1, the return a position
 * taken at t's close earns. The universe return of t is the equal-weight mean over the symbols that have one.
 */
public final class DailyReturns {
    public static final String DATE = "date";
    public static final String NEXT_RETURN = "next_return";

    private DailyReturns() {
    }

    /** (symbol, date, next_return); a symbol's last session has no next return and is left out. */
    public static Dataset<Row> nextSession(Dataset<Row> ohlcv) {
        Dataset<Row> closes = ohlcv.withColumn(DATE, to_date(col(OhlcvSchema.TS)))
                .groupBy(OhlcvSchema.SYMBOL, DATE).agg(max_by(col(OhlcvSchema.CLOSE), col(OhlcvSchema.TS)).as("close"));
        WindowSpec bySymbol = Window.partitionBy(OhlcvSchema.SYMBOL).orderBy(DATE);
        return closes.withColumn(NEXT_RETURN, lead(col("close"), 1).over(bySymbol).divide(col("close")).minus(1))
                .where(col(NEXT_RETURN).isNotNull()).select(OhlcvSchema.SYMBOL, DATE, NEXT_RETURN);
    }

    /** date → equal-weight universe return, in date order. */
    public static Map<LocalDate, Double> universe(Dataset<Row> nextReturns) {
        Map<LocalDate, Double> universe = new TreeMap<>();
        nextReturns.groupBy(DATE).agg(avg(NEXT_RETURN)).collectAsList()
                .forEach(r -> universe.put(r.getDate(0).toLocalDate(), r.getDouble(1)));
        return universe;
    }

    /** (symbol, date) → next-session return, for the sessions in [from, to]. */
    public static Map<SignalStrategy.Key, Double> between(Dataset<Row> nextReturns, LocalDate from, LocalDate to) {
        Map<SignalStrategy.Key, Double> returns = new java.util.HashMap<>();
        nextReturns.where(col(DATE).between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))).collectAsList()
                .forEach(r -> returns.put(new SignalStrategy.Key(r.getString(0), r.getDate(1).toLocalDate()), r.getDouble(2)));
        return returns;
    }
}
