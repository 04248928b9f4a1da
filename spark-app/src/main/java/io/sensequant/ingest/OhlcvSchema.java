package io.sensequant.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Column names and schema of bars as every provider returns them (before the date partition column). */
public final class OhlcvSchema {
    public static final String SYMBOL = "symbol";
    public static final String INTERVAL = "interval";
    public static final String TS = "ts";
    public static final String OPEN = "open";
    public static final String HIGH = "high";
    public static final String LOW = "low";
    public static final String CLOSE = "close";
    public static final String VOLUME = "volume";
    /** Date partition column: yyyy for daily bars, yyyy-MM for intraday (lake.ohlcv_partition_granularity). */
    public static final String TS_PART = "ts_part";

    public static final List<String> KEY = List.of(SYMBOL, INTERVAL, TS);

    public static final StructType BARS = new StructType()
            .add(SYMBOL, DataTypes.StringType, false)
            .add(INTERVAL, DataTypes.StringType, false)
            .add(TS, DataTypes.TimestampType, false)
            .add(OPEN, DataTypes.DoubleType, false)
            .add(HIGH, DataTypes.DoubleType, false)
            .add(LOW, DataTypes.DoubleType, false)
            .add(CLOSE, DataTypes.DoubleType, false)
            .add(VOLUME, DataTypes.LongType, false);

    private OhlcvSchema() {
    }

    /** Bars whose timestamp falls on an exchange date in [start, end] (dates in the exchange's time zone). */
    public static org.apache.spark.sql.Column onDates(java.time.LocalDate start, java.time.LocalDate end, java.time.ZoneId zone) {
        java.sql.Timestamp from = java.sql.Timestamp.from(start.atStartOfDay(zone).toInstant());
        java.sql.Timestamp until = java.sql.Timestamp.from(end.plusDays(1).atStartOfDay(zone).toInstant());
        return org.apache.spark.sql.functions.col(TS).geq(org.apache.spark.sql.functions.lit(from))
                .and(org.apache.spark.sql.functions.col(TS).lt(org.apache.spark.sql.functions.lit(until)));
    }
}
