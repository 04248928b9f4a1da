package io.sensequant.features.expr;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import static org.apache.spark.sql.functions.col;

/**
 * The window specifications shared by all operators: one time series is one (symbol, interval) ordered by ts,
 * so symbols and bar sizes never mix inside a rolling window; a cross-section is one (ts, interval).
 */
final class SeriesWindows {
    static final String SYMBOL = "symbol";
    static final String INTERVAL = "interval";
    static final String TS = "ts";

    private SeriesWindows() {
    }

    static WindowSpec ordered() {
        return Window.partitionBy(col(SYMBOL), col(INTERVAL)).orderBy(col(TS));
    }

    /** The last n rows up to and including the current one. */
    static WindowSpec lastRows(int n) {
        return ordered().rowsBetween(-(long) (n - 1), Window.currentRow());
    }

    /** Every row of the series up to and including the current one (Spark updates such frames incrementally). */
    static WindowSpec growing() {
        return ordered().rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    }

    static WindowSpec crossSection() {
        return Window.partitionBy(col(TS), col(INTERVAL));
    }

    static WindowSpec crossSection(Column orderBy) {
        return crossSection().orderBy(orderBy);
    }
}
