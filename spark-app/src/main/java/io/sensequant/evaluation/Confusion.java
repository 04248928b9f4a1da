package io.sensequant.evaluation;

import io.sensequant.stats.ConfusionMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Builds a confusion matrix from (label, prediction) columns with one small aggregation on the cluster. */
public final class Confusion {
    private Confusion() {
    }

    public static ConfusionMatrix of(Dataset<Row> predictions, int classes) {
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        for (Row row : predictions.groupBy("label", "prediction").count().collectAsList()) {
            matrix.add(row.getInt(0), row.getInt(1), row.getLong(2));
        }
        return matrix;
    }
}
