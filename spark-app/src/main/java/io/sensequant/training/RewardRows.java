package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * The {@code rewards} table: one row per prediction of the run (teachers out of sample, both students on every
 * row) with its reward ({@link Rewards}); teacher rows that trained the reward student also carry their batch,
 * decay and reward weight (null elsewhere).
 */
public final class RewardRows {
    public static final List<String> KEY = List.of("run_id", "model", "symbol", "ts");

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("symbol", DataTypes.StringType, false)
            .add("ts", DataTypes.TimestampType, false)
            .add("split", DataTypes.StringType, false)
            .add("prediction", DataTypes.IntegerType, false)
            .add("fwd_return", DataTypes.DoubleType, true)
            .add("reward", DataTypes.DoubleType, true)
            .add(Rewards.BATCH, DataTypes.IntegerType, true)
            .add(Rewards.DECAY, DataTypes.DoubleType, true)
            .add(Rewards.REWARD_WEIGHT, DataTypes.DoubleType, true);

    private RewardRows() {
    }

    /**
     * @param teacherPredictions this run's teacher rows of {@code predictions}
     * @param studentPredictions this run's student rows (both models)
     * @param training           the student's training rows after {@link Rewards#weigh}
     */
    public static Dataset<Row> of(Dataset<Row> teacherPredictions, Dataset<Row> studentPredictions,
                                  Dataset<Row> training, PipelineConfig.Reward config) {
        String[] joinKey = {OhlcvSchema.SYMBOL, OhlcvSchema.TS};
        Dataset<Row> used = training.select(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS), col(Rewards.BATCH),
                col(Rewards.DECAY), col(Rewards.REWARD_WEIGHT));
        Dataset<Row> teachers = base(teacherPredictions).join(used, joinKey, "left");
        Dataset<Row> students = base(studentPredictions)
                .withColumn(Rewards.BATCH, lit(null).cast("int"))
                .withColumn(Rewards.DECAY, lit(null).cast("double"))
                .withColumn(Rewards.REWARD_WEIGHT, lit(null).cast("double"));
        Column[] columns = Arrays.stream(SCHEMA.fieldNames()).map(name -> name.equals(Rewards.REWARD)
                ? Rewards.reward(col("prediction"), col(FeatureColumns.FORWARD_RETURN), config).as(Rewards.REWARD)
                : col(name)).toArray(Column[]::new);
        return teachers.unionByName(students).select(columns);
    }

    private static Dataset<Row> base(Dataset<Row> predictions) {
        return predictions.select(col("run_id"), col("model"), col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS), col("split"),
                col("prediction"), col(FeatureColumns.FORWARD_RETURN));
    }

    /** Mean, min and max reward weight and mean reward over the reward student's training rows. */
    public static Map<String, Object> weightSummary(Dataset<Row> training) {
        Row row = training.agg(count(lit(1)), count(col(Rewards.REWARD)), avg(Rewards.REWARD),
                avg(Rewards.REWARD_WEIGHT), min(Rewards.REWARD_WEIGHT), max(Rewards.REWARD_WEIGHT)).first();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", row.getLong(0));
        summary.put("rows_with_reward", row.getLong(1));
        if (row.getLong(1) > 0) {
            summary.put("mean_reward", row.getDouble(2));
        }
        summary.put("mean_weight", row.getDouble(3));
        summary.put("min_weight", row.getDouble(4));
        summary.put("max_weight", row.getDouble(5));
        return summary;
    }
}
