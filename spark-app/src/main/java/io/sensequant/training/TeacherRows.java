package io.sensequant.training;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Schema of one teacher window's outcome, with its out-of-sample predictions nested for the student. */
public final class TeacherRows {
    public static final String PREDICTIONS = "oos_predictions";

    public static final StructType PREDICTION = new StructType()
            .add("ts", DataTypes.TimestampType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("prediction", DataTypes.IntegerType, false)
            .add("prob_down", DataTypes.DoubleType, false)
            .add("prob_neutral", DataTypes.DoubleType, false)
            .add("prob_up", DataTypes.DoubleType, false)
            .add("confidence", DataTypes.DoubleType, false);

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("symbol", DataTypes.StringType, false)
            .add("window_label", DataTypes.StringType, false)
            .add("window_start", DataTypes.DateType, false)
            .add("window_end", DataTypes.DateType, false)
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("labelled_rows", DataTypes.IntegerType, false)
            .add("train_rows", DataTypes.IntegerType, false)
            .add("purged_rows", DataTypes.IntegerType, false)
            .add("validation_rows", DataTypes.IntegerType, false)
            .add("feature_count", DataTypes.IntegerType, false)
            .add("seed", DataTypes.IntegerType, false)
            .add("train_accuracy", DataTypes.DoubleType, true)
            .add("validation_accuracy", DataTypes.DoubleType, true)
            .add("validation_macro_f1", DataTypes.DoubleType, true)
            .add("model_path", DataTypes.StringType, true)
            .add("model_sha256", DataTypes.StringType, true)
            .add("training_ms", DataTypes.LongType, false)
            .add("error_type", DataTypes.StringType, true)
            .add("error_message", DataTypes.StringType, true)
            .add("stack_trace", DataTypes.StringType, true)
            .add(PREDICTIONS, DataTypes.createArrayType(PREDICTION, false), false);

    private TeacherRows() {
    }
}
