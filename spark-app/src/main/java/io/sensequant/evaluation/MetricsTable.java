package io.sensequant.evaluation;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code metrics} table: one row per (run, stage, scope, metric), long format so any stage can add metrics;
 * each row names the scoring schema version its metric is defined by.
 */
public final class MetricsTable {
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("scope", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("scoring_schema_version", DataTypes.StringType, false);

    private MetricsTable() {
    }

    public static List<Row> rows(String runId, String stage, String scope, Map<String, Double> values) {
        List<Row> rows = new ArrayList<>();
        values.forEach((metric, value) -> rows.add(RowFactory.create(runId, stage, scope, metric, value,
                io.sensequant.snapshot.ScoringSchema.VERSION)));
        return rows;
    }
}
