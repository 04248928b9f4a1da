package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sensequant.ingest.OhlcvSchema.CLOSE;
import static io.sensequant.ingest.OhlcvSchema.HIGH;
import static io.sensequant.ingest.OhlcvSchema.INTERVAL;
import static io.sensequant.ingest.OhlcvSchema.LOW;
import static io.sensequant.ingest.OhlcvSchema.OPEN;
import static io.sensequant.ingest.OhlcvSchema.SYMBOL;
import static io.sensequant.ingest.OhlcvSchema.TS;
import static io.sensequant.ingest.OhlcvSchema.VOLUME;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

/**
 * Data-quality rules for raw bars, as pure Spark transforms. Correctable problems are corrected and counted:
 * negative volume clipped to 0, exact duplicate bars dropped. Suspect bars — non-positive prices, high below
 * low, open or close outside [low, high], conflicting bars for one timestamp, and isolated spikes — are
 * quarantined with their reasons, or kept and counted as warnings, per {@code suspect_action}.
 *
 * <p>Jumps: a |log return| beyond {@code jump_volatility_multiple} trailing standard deviations of log returns
 * (within the session for intraday bars) is a jump. Only a jump that reverts — the close comes back by at least
 * {@code jump_reversal_fraction} of its log move within {@code jump_reversal_bars} bars — and that few symbols
 * share is an isolated spike, i.e. suspect. A jump that persists, or that at least {@code shared_min_symbols}
 * and {@code shared_min_share} of the symbols of the batch with a bar at that timestamp share (a same-sign move
 * beyond {@code shared_move_volatility_multiple} of their own recent volatility), is a market event: a real crash
 * like 19 October 1987 is information, not a data error, and dropping it would make every backtest too calm. A
 * market event stays among the clean bars and is reported separately ({@link Result#marketEvents()}, reason
 * {@link #MARKET_EVENT}). The cross-symbol rule sees the symbols of one call, i.e. one ingest batch.
 */
public final class Guardrails {
    public static final String REASON = "reason";
    /** The reason recorded for a jump kept as a market event (the bar stays in ohlcv). */
    public static final String MARKET_EVENT = "market_event";
    private static final String REASONS = "_reasons";

    private Guardrails() {
    }

    /**
     * Clean bars (market events included), quarantined bars (with {@code reason}), market events (bars with
     * reason {@link #MARKET_EVENT}, also among the clean ones), and counts per rule.
     */
    public record Result(Dataset<Row> clean, Dataset<Row> quarantined, Dataset<Row> marketEvents, Map<String, Long> counts,
                         Dataset<Row> cached) {
        /** Releases the cached annotation once clean and quarantined bars are written. */
        public void release() {
            cached.unpersist();
        }
    }

    public static Result apply(Dataset<Row> raw, PipelineConfig.Guardrails settings) {
        Dataset<Row> annotated = annotate(raw, settings).cache();
        Map<String, Long> counts = new LinkedHashMap<>();
        Row totals = annotated.agg(
                count(lit(1)),
                count(when(col("_negative_volume"), 1)),
                count(when(col("_exact_duplicate"), 1)),
                count(when(size(col(REASONS)).gt(0), 1)),
                count(when(col("_market_event"), 1)),
                count(when(col("_market_event").and(col("_persistent")), 1)),
                count(when(col("_market_event").and(col("_shared")), 1))).first();
        counts.put("bars_received", totals.getLong(0));
        counts.put("negative_volume_clipped", totals.getLong(1));
        counts.put("exact_duplicates_dropped", totals.getLong(2));
        counts.put("suspect_bars", totals.getLong(3));
        counts.put("market_events_kept", totals.getLong(4));
        counts.put("market_events_persistent", totals.getLong(5));
        counts.put("market_events_shared", totals.getLong(6));
        boolean quarantine = settings.suspectAction().equals("quarantine");
        Dataset<Row> deduplicated = annotated.where(col("_exact_duplicate").unary_$bang());
        Column suspect = size(col(REASONS)).gt(0);
        Dataset<Row> clean = (quarantine ? deduplicated.where(suspect.unary_$bang()) : deduplicated).select(barColumns());
        Dataset<Row> quarantined = quarantine
                ? deduplicated.where(suspect).withColumn(REASON, array_join(col(REASONS), "; ")).select(quarantineColumns())
                : deduplicated.limit(0).withColumn(REASON, lit("")).select(quarantineColumns());
        Dataset<Row> marketEvents = deduplicated.where(col("_market_event"))
                .withColumn(REASON, lit(MARKET_EVENT)).select(quarantineColumns());
        counts.put(quarantine ? "suspect_bars_quarantined" : "suspect_bars_kept_with_warning", totals.getLong(3));
        return new Result(clean, quarantined, marketEvents, counts, annotated);
    }

    static Dataset<Row> annotate(Dataset<Row> raw, PipelineConfig.Guardrails settings) {
        WindowSpec sameKey = Window.partitionBy(SYMBOL, INTERVAL, TS);
        WindowSpec exactCopies = Window.partitionBy(SYMBOL, INTERVAL, TS, OPEN, HIGH, LOW, CLOSE, VOLUME).orderBy(TS);
        // Intraday returns are taken within a session: the first bar's overnight gap is not a minute-scale jump.
        Column session = when(col(INTERVAL).equalTo("1day"), lit(null).cast("date"))
                .otherwise(org.apache.spark.sql.functions.to_date(col(TS)));
        WindowSpec ordered = Window.partitionBy(col(SYMBOL), col(INTERVAL), session).orderBy(TS);
        WindowSpec trailing = ordered.rowsBetween(-settings.jumpLookbackBars(), -1);
        WindowSpec following = ordered.rowsBetween(1, settings.jumpReversalBars());
        WindowSpec sameMoment = Window.partitionBy(INTERVAL, TS);
        Dataset<Row> out = raw
                .withColumn("_negative_volume", col(VOLUME).lt(0))
                .withColumn(VOLUME, when(col(VOLUME).lt(0), lit(0L)).otherwise(col(VOLUME)))
                .withColumn("_copy", org.apache.spark.sql.functions.row_number().over(exactCopies))
                .withColumn("_exact_duplicate", col("_copy").gt(1))
                .withColumn("_versions", size(org.apache.spark.sql.functions.collect_set(
                        org.apache.spark.sql.functions.concat_ws("|", col(OPEN), col(HIGH), col(LOW), col(CLOSE), col(VOLUME))).over(sameKey)));
        Dataset<Row> unique = out.where(col("_exact_duplicate").unary_$bang());
        Column logReturn = log(col(CLOSE).divide(lag(col(CLOSE), 1).over(ordered)));
        Dataset<Row> withMoves = unique
                .withColumn("_log_return", when(col(CLOSE).gt(0), logReturn))
                .withColumn("_recent_vol", stddev_samp(col("_log_return")).over(trailing))
                .withColumn("_recent_n", count(col("_log_return")).over(trailing))
                .withColumn("_next_min", min(when(col(CLOSE).gt(0), col(CLOSE))).over(following))
                .withColumn("_next_max", max(when(col(CLOSE).gt(0), col(CLOSE))).over(following));
        Column judged = col("_recent_n").geq(settings.jumpLookbackBars() / 2).and(col("_recent_vol").gt(0));
        Column move = abs(col("_log_return"));
        Column jump = judged.and(move.gt(col("_recent_vol").multiply(settings.jumpVolatilityMultiple())));
        Column sharedMove = judged.and(move.gt(col("_recent_vol").multiply(settings.sharedMoveVolatilityMultiple())));
        // Reverted: a later close within jump_reversal_bars gives back at least jump_reversal_fraction of the move.
        double fraction = settings.jumpReversalFraction();
        Column reverted = when(col("_log_return").gt(0),
                        log(col("_next_min").divide(col(CLOSE))).leq(col("_log_return").multiply(-fraction)))
                .otherwise(log(col("_next_max").divide(col(CLOSE))).geq(col("_log_return").multiply(-fraction)));
        Dataset<Row> withJumps = withMoves
                .withColumn("_jump", jump)
                .withColumn("_persistent", jump.and(org.apache.spark.sql.functions.coalesce(reverted, lit(false)).unary_$bang()))
                .withColumn("_peers", count(col(CLOSE)).over(sameMoment))
                .withColumn("_same_way", when(col("_log_return").gt(0),
                                count(when(sharedMove.and(col("_log_return").gt(0)), 1)).over(sameMoment))
                        .otherwise(count(when(sharedMove.and(col("_log_return").lt(0)), 1)).over(sameMoment)))
                .withColumn("_shared", jump.and(col("_same_way").geq(settings.sharedMinSymbols()))
                        .and(col("_same_way").geq(col("_peers").multiply(settings.sharedMinShare()))));
        List<Column> reasons = new ArrayList<>();
        reasons.add(when(col(OPEN).leq(0).or(col(HIGH).leq(0)).or(col(LOW).leq(0)).or(col(CLOSE).leq(0)),
                lit("non-positive price")));
        reasons.add(when(col(HIGH).lt(col(LOW)), lit("high below low")));
        reasons.add(when(col(OPEN).lt(col(LOW)).or(col(OPEN).gt(col(HIGH))), lit("open outside [low, high]")));
        reasons.add(when(col(CLOSE).lt(col(LOW)).or(col(CLOSE).gt(col(HIGH))), lit("close outside [low, high]")));
        reasons.add(when(col("_versions").gt(1), lit("conflicting bars for the same timestamp")));
        Column array = org.apache.spark.sql.functions.array(reasons.toArray(Column[]::new));
        Column marketMove = col("_persistent").or(col("_shared"));
        Dataset<Row> withReasons = withJumps
                .withColumn("_other_reasons", filter(array, x -> x.isNotNull()))
                .withColumn("_market_event", col("_jump").and(marketMove).and(size(col("_other_reasons")).equalTo(0)))
                .withColumn(REASONS, when(col("_jump").and(marketMove.unary_$bang()),
                                org.apache.spark.sql.functions.concat(col("_other_reasons"), org.apache.spark.sql.functions.array(
                                        lit("jump beyond " + settings.jumpVolatilityMultiple() + " x recent volatility, reverted within "
                                                + settings.jumpReversalBars() + " bars")))).otherwise(col("_other_reasons")))
                .drop("_other_reasons");
        // exact duplicates rejoin with no reasons so they are counted and dropped, never quarantined
        Dataset<Row> duplicates = out.where(col("_exact_duplicate"))
                .withColumn("_log_return", lit(null).cast("double"))
                .withColumn("_recent_vol", lit(null).cast("double"))
                .withColumn("_recent_n", lit(0L))
                .withColumn("_next_min", lit(null).cast("double"))
                .withColumn("_next_max", lit(null).cast("double"))
                .withColumn("_jump", lit(false))
                .withColumn("_persistent", lit(false))
                .withColumn("_peers", lit(0L))
                .withColumn("_same_way", lit(0L))
                .withColumn("_shared", lit(false))
                .withColumn("_market_event", lit(false))
                .withColumn(REASONS, org.apache.spark.sql.functions.array().cast("array<string>"));
        return withReasons.unionByName(duplicates);
    }

    private static Column[] barColumns() {
        return java.util.Arrays.stream(OhlcvSchema.BARS.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    }

    private static Column[] quarantineColumns() {
        List<Column> columns = new ArrayList<>(List.of(barColumns()));
        columns.add(col(REASON));
        return columns.toArray(Column[]::new);
    }
}
