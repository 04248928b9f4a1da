package io.sensequant.ranking;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Schemas of the ranking package's tables (and of the per-symbol scores its Spark tasks return). */
public final class RankingTables {
    public static final List<String> TARGET_RANKING_KEY = List.of("run_id", "attempt_id", "target", "view");
    public static final List<String> FEATURE_SELECTION_KEY = List.of("run_id", "attempt_id", "feature");
    public static final List<String> LEAKAGE_EXCLUSIONS_KEY = List.of("run_id", "stage", "attempt_id", "feature");

    public static final StructType TARGET_RANKING = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("attempt_id", DataTypes.IntegerType, false)
            .add("target", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("horizon_days", DataTypes.IntegerType, false)
            .add("threshold", DataTypes.DoubleType, true)
            .add("view", DataTypes.StringType, false)
            .add("score_mean", DataTypes.DoubleType, true)
            .add("score_std", DataTypes.DoubleType, true)
            .add("raw_mean", DataTypes.DoubleType, true)
            .add("max_train_accuracy", DataTypes.DoubleType, true)
            .add("folds", DataTypes.IntegerType, false)
            .add("symbols", DataTypes.IntegerType, false)
            .add("rows", DataTypes.LongType, false)
            .add("rank", DataTypes.IntegerType, true)
            .add("chosen", DataTypes.BooleanType, false);

    public static final StructType FEATURE_SELECTION = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("attempt_id", DataTypes.IntegerType, false)
            .add("feature", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("gain", DataTypes.DoubleType, true)
            .add("permutation", DataTypes.DoubleType, true)
            .add("target_spearman", DataTypes.DoubleType, true)
            .add("rank_gain", DataTypes.IntegerType, true)
            .add("rank_permutation", DataTypes.IntegerType, true)
            .add("rank_target_spearman", DataTypes.IntegerType, true)
            .add("aggregate_rank", DataTypes.DoubleType, true)
            .add("rank", DataTypes.IntegerType, true)
            .add("selected", DataTypes.BooleanType, false)
            .add("excluded_reason", DataTypes.StringType, true);

    public static final StructType LEAKAGE_EXCLUSIONS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("attempt_id", DataTypes.IntegerType, false)
            .add("feature", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("trigger", DataTypes.StringType, false)
            .add("single_feature_score", DataTypes.DoubleType, true)
            .add("future_return_spearman", DataTypes.DoubleType, true)
            .add("reason", DataTypes.StringType, false);

    /** Per-symbol scores of one candidate (SYMBOL_SPECIFIC view), before aggregation across symbols. */
    static final StructType SYMBOL_SCORES = new StructType()
            .add("symbol", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("folds", DataTypes.IntegerType, false)
            .add("score_mean", DataTypes.DoubleType, true)
            .add("raw_mean", DataTypes.DoubleType, true)
            .add("max_train_accuracy", DataTypes.DoubleType, true)
            .add("rows", DataTypes.LongType, false);

    private RankingTables() {
    }

    static Double orNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
