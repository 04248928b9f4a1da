package io.sensequant.evaluation;

import io.sensequant.stats.ConfusionMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Confusion matrices per group (a teacher's window, a symbol) from one aggregation on the cluster: every teacher
 * window's out-of-sample validation rows, scored into metrics scope {@code teacher/<window_label>}.
 */
public final class WindowMetrics {
    private WindowMetrics() {
    }

    /** Scope of one teacher window's out-of-sample metrics. */
    public static String scope(String windowLabel) {
        return "teacher/" + windowLabel;
    }

    /** group value → confusion matrix of the rows, groups sorted. Rows whose group is null are left out. */
    public static Map<String, ConfusionMatrix> byGroup(Dataset<Row> predictions, String groupColumn, int classes) {
        Map<String, ConfusionMatrix> matrices = new TreeMap<>();
        for (Row row : predictions.where(col(groupColumn).isNotNull()).groupBy(groupColumn, "label", "prediction")
                .count().collectAsList()) {
            matrices.computeIfAbsent(row.getString(0), g -> new ConfusionMatrix(classes))
                    .add(row.getInt(1), row.getInt(2), row.getLong(3));
        }
        return matrices;
    }
}
