package io.sensequant.evaluation;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Schemas and natural keys of the STAT_TESTS tables. */
public final class StatTestsTables {
    public static final List<String> FOLDS_KEY = List.of("run_id", "fold");
    public static final List<String> STRATEGY_KEY = List.of("run_id", "date");

    /**
     * One row per walk-forward fold; the metrics are null for a fold that was skipped or failed; mean_rank_ic: the
     * mean over the fold's test dates of the daily Rank IC (null also when no date had enough scored symbols).
     */
    public static final StructType FOLDS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("fold", DataTypes.IntegerType, false)
            .add("train_start", DataTypes.DateType, true)
            .add("train_end", DataTypes.DateType, true)
            .add("test_start", DataTypes.DateType, true)
            .add("test_end", DataTypes.DateType, true)
            .add("train_rows", DataTypes.LongType, false)
            .add("test_rows", DataTypes.LongType, false)
            .add("accuracy", DataTypes.DoubleType, true)
            .add("macro_f1", DataTypes.DoubleType, true)
            .add("baseline_accuracy", DataTypes.DoubleType, true)
            .add("mean_rank_ic", DataTypes.DoubleType, true)
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true);

    /**
     * One row per day the strategy's return is realised: net return, the equal-weighted buy-and-hold benchmark,
     * the index (null on a day the index series lacks), turnover of the rebalance that set the day's book, the
     * return before costs and the cost.
     */
    public static final StructType STRATEGY = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("strategy_return", DataTypes.DoubleType, false)
            .add("benchmark_return", DataTypes.DoubleType, false)
            .add("index_return", DataTypes.DoubleType, true)
            .add("turnover", DataTypes.DoubleType, false)
            .add("gross_return", DataTypes.DoubleType, false)
            .add("cost", DataTypes.DoubleType, false);

    private StatTestsTables() {
    }
}
