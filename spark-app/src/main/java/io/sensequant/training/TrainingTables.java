package io.sensequant.training;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Schemas and keys of the tables the training package owns: predictions (shared with evaluation) and student_runs. */
public final class TrainingTables {
    public static final List<String> PREDICTION_KEY = List.of("run_id", "model", "symbol", "ts");

    /** Teacher and student predictions in one shape; {@code split} says which rows a model trained on. */
    public static final StructType PREDICTIONS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("symbol", DataTypes.StringType, false)
            .add("ts", DataTypes.TimestampType, false)
            .add("window_label", DataTypes.StringType, true)
            .add("split", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("prediction", DataTypes.IntegerType, false)
            .add("prob_down", DataTypes.DoubleType, false)
            .add("prob_neutral", DataTypes.DoubleType, false)
            .add("prob_up", DataTypes.DoubleType, false)
            .add("confidence", DataTypes.DoubleType, false)
            .add("fwd_return", DataTypes.DoubleType, true);

    private TrainingTables() {
    }
}
