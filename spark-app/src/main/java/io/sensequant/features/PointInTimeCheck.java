package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * The point-in-time check: a feature at bar t may only read bars up to t, so computing it on the bars truncated
 * at t must give the same values, at t and before, as computing it on all bars. On a few seeded symbols the bars
 * are copied once per seeded cut-off, truncated there, and every copy is tagged into its own pseudo-series
 * through the {@code interval} column (every window the engine uses, rolling, cumulative and cross-sectional,
 * partitions by interval), so one Spark job computes the full series and every truncated one; each truncated
 * value is then joined to the full value at the same bar. The full side is computed on the same sampled symbols,
 * so cross-sectional features compare like with like.
 */
public final class PointInTimeCheck {
    private static final String PREFIX = "__pit_";
    private static final String CUTOFF_ID = PREFIX + "cutoff";
    private static final String CUTOFF_TS = PREFIX + "cutoff_ts";
    private static final String SERIES = PREFIX + "interval";
    private static final String FULL = PREFIX + "full_";
    private static final String KEY = PREFIX + "key_";
    private static final String TAG = "~pit";
    private static final int FULL_COPY = -1;

    private PointInTimeCheck() {
    }

    /**
     * @param bars       the run's bars (one interval), with any joined field such as sentiment
     * @param runSymbols the run's symbols, from which the check draws its sample
     */
    public static PointInTimeOutcome run(Dataset<Row> bars, List<String> runSymbols, FeaturePlan plan,
                                         PipelineConfig.Features settings, PipelineConfig.PointInTime pit,
                                         long baseSeed, FeatureComputation computation) {
        List<String> symbols = PointInTimeSample.symbols(runSymbols, pit.symbols(), baseSeed);
        Dataset<Row> sampled = bars.where(col(OhlcvSchema.SYMBOL).isin(symbols.toArray()))
                .withColumn(SERIES, col(OhlcvSchema.INTERVAL)).cache();
        Dataset<Row> computed = null;
        try {
            List<Timestamp> times = sampled.select(OhlcvSchema.TS).distinct().orderBy(OhlcvSchema.TS).collectAsList()
                    .stream().map(r -> r.getTimestamp(0)).toList();
            List<Integer> positions = PointInTimeSample.cutoffs(times.size(), FeatureEngine.warmupBars(plan, settings),
                    pit.cutoffs(), baseSeed);
            if (positions.isEmpty()) {
                return PointInTimeOutcome.tooShort(symbols, plan.columns().size());
            }
            List<Row> cuts = new ArrayList<>();
            for (int i = 0; i < positions.size(); i++) {
                cuts.add(RowFactory.create(i, times.get(positions.get(i))));
            }
            StructType cutSchema = new StructType().add(CUTOFF_ID, DataTypes.IntegerType, false)
                    .add(CUTOFF_TS, DataTypes.TimestampType, false);
            Dataset<Row> truncated = sampled.crossJoin(broadcast(sampled.sparkSession().createDataFrame(cuts, cutSchema)))
                    .where(col(OhlcvSchema.TS).leq(col(CUTOFF_TS)))
                    .withColumn(OhlcvSchema.INTERVAL, concat(col(OhlcvSchema.INTERVAL), lit(TAG), col(CUTOFF_ID).cast("string")));
            Dataset<Row> full = sampled.withColumn(CUTOFF_ID, lit(FULL_COPY))
                    .withColumn(CUTOFF_TS, lit(null).cast(DataTypes.TimestampType));
            computed = computation.compute(full.unionByName(truncated), plan, settings).cache();
            Row result = compare(computed, plan.columns(), pit.tolerance());
            return PointInTimeOutcome.of(plan, symbols, cuts.stream().map(r -> r.getTimestamp(1).toInstant().toString()).toList(),
                    result);
        } finally {
            if (computed != null) {
                computed.unpersist();
            }
            sampled.unpersist();
        }
    }

    /**
     * One row: the number of (cut-off, bar) values compared per feature, then per feature the earliest differing
     * bar as struct(ts, symbol, date, cutoff_ts, full, truncated) (null when none) and the count of differences.
     */
    private static Row compare(Dataset<Row> computed, List<String> features, double tolerance) {
        List<Column> fullColumns = new ArrayList<>(List.of(col(OhlcvSchema.SYMBOL).as(KEY + "symbol"),
                col(SERIES).as(KEY + "series"), col(OhlcvSchema.TS).as(KEY + "ts")));
        for (int i = 0; i < features.size(); i++) {
            fullColumns.add(col(features.get(i)).cast(DataTypes.DoubleType).as(FULL + i));
        }
        Dataset<Row> fullSide = computed.where(col(CUTOFF_ID).equalTo(FULL_COPY)).select(fullColumns.toArray(Column[]::new));
        Dataset<Row> joined = computed.where(col(CUTOFF_ID).notEqual(FULL_COPY)).join(fullSide,
                col(OhlcvSchema.SYMBOL).equalTo(col(KEY + "symbol")).and(col(SERIES).equalTo(col(KEY + "series")))
                        .and(col(OhlcvSchema.TS).equalTo(col(KEY + "ts"))));
        List<Column> aggregates = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Column truncatedValue = col(features.get(i)).cast(DataTypes.DoubleType);
            Column fullValue = col(FULL + i);
            Column differs = differs(fullValue, truncatedValue, tolerance);
            // min over a struct orders by its first field: the earliest differing bar
            aggregates.add(min(when(differs, struct(col(OhlcvSchema.TS), col(OhlcvSchema.SYMBOL),
                    to_date(col(OhlcvSchema.TS)), col(CUTOFF_TS), fullValue, truncatedValue))));
            aggregates.add(sum(when(differs, 1L).otherwise(0L)));
        }
        return joined.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
    }

    /**
     * Whether two values of a feature differ: equal when both are null or the same value (NaN equals NaN in
     * Spark), different when only one is null or not finite, else when |a - b| > tolerance * max(1, |a|, |b|).
     */
    static Column differs(Column a, Column b, double tolerance) {
        Column finite = abs(a).lt(lit(Double.POSITIVE_INFINITY)).and(abs(b).lt(lit(Double.POSITIVE_INFINITY)));
        return when(a.eqNullSafe(b), false)
                .when(a.isNull().or(b.isNull()), true)
                .when(finite, abs(a.minus(b)).gt(greatest(lit(1.0), abs(a), abs(b)).multiply(tolerance)))
                .otherwise(true);
    }

    /** Reads the earliest difference of feature {@code i} from the row of {@link #compare}; null when none. */
    static PointInTimeLeak leak(Row result, int i, String feature, String set, String source) {
        Row first = result.getStruct(1 + 2 * i);
        if (first == null) {
            return null;
        }
        Date date = first.getDate(2);
        return new PointInTimeLeak(feature, set, source, first.getString(1), date.toLocalDate().toString(),
                first.getTimestamp(0).toInstant().toString(), first.getTimestamp(3).toInstant().toString(),
                first.isNullAt(4) ? null : first.getDouble(4), first.isNullAt(5) ? null : first.getDouble(5),
                result.getLong(2 + 2 * i));
    }
}
