package io.sensequant.evaluation;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

/**
 * The student's score per row, prob_up − prob_down (in [−1, 1]: positive when it leans up), beside the realised
 * forward return, for the IC: collected to the driver (one row per symbol and session of the test split).
 */
public final class StudentScores {
    private StudentScores() {
    }

    public static List<InformationCoefficient.Observation> observations(Dataset<Row> predictions) {
        return predictions.where(col("fwd_return").isNotNull())
                // the session's date in the Spark session time zone (the exchange's), as the features' date column
                .select(to_date(col("ts")).as("date"), col("prob_up").minus(col("prob_down")).as("score"), col("fwd_return"))
                .collectAsList().stream()
                .map(r -> new InformationCoefficient.Observation(r.getDate(0).toLocalDate(), r.getDouble(1), r.getDouble(2)))
                .toList();
    }
}
