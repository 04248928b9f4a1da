package io.sensequant.evaluation;

import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Reward metrics per symbol and overall on hand-computed rewards, read back from a real Delta table. */
class RewardMetricsTest {
    static final double EPS = 1e-12;

    @Test
    void perSymbolAndOverallOnOutOfSampleRows(@TempDir Path dir) {
        SparkSession spark = SharedSpark.get();
        StructType schema = new StructType().add("run_id", DataTypes.StringType).add("model", DataTypes.StringType)
                .add("symbol", DataTypes.StringType).add("ts", DataTypes.TimestampType).add("split", DataTypes.StringType)
                .add("reward", DataTypes.DoubleType);
        List<Row> rows = List.of(
                row("m", "AAA", 1, "test", 0.02), row("m", "AAA", 2, "test", -0.01), row("m", "AAA", 3, "test", 0.0),
                row("m", "AAA", 4, "test", 0.03),
                row("m", "BBB", 1, "test", -0.02), row("m", "BBB", 2, "test", null),   // no realised return: left out
                row("m", "BBB", 3, "train", 0.09),                                     // in-sample: left out
                row("t", "AAA", 1, "validation", 0.0));
        String path = dir.resolve("rewards").toString();
        spark.createDataFrame(rows, schema).write().format("delta").save(path);
        Map<String, Map<String, Map<String, Double>>> metrics = RewardMetrics.of(spark.read().format("delta").load(path));

        assertEquals(List.of("m", "t"), List.copyOf(metrics.keySet()));
        assertEquals(List.of("overall", "AAA", "BBB"), List.copyOf(metrics.get("m").keySet()));
        Map<String, Double> a = metrics.get("m").get("AAA");
        assertEquals(4.0, a.get("n"));
        assertEquals(0.01, a.get("reward_mean"), EPS);
        assertEquals(0.04, a.get("reward_cumulative"), EPS);
        assertEquals(Math.sqrt((1e-4 + 4e-4 + 1e-4 + 4e-4) / 3), a.get("reward_volatility"), EPS);   // ddof 1
        assertEquals(2.0, a.get("n_positive"));
        assertEquals(1.0, a.get("n_negative"));
        assertEquals(1.0, a.get("n_neutral"));
        assertEquals(2.0 / 3, a.get("win_rate"), EPS);

        Map<String, Double> b = metrics.get("m").get("BBB");
        assertEquals(1.0, b.get("n"));
        assertEquals(-0.02, b.get("reward_cumulative"), EPS);
        assertFalse(b.containsKey("reward_volatility"), "one reward has no sample volatility");
        assertEquals(0.0, b.get("win_rate"), EPS);

        Map<String, Double> overall = metrics.get("m").get("overall");
        assertEquals(5.0, overall.get("n"));
        assertEquals(0.02, overall.get("reward_cumulative"), EPS);
        assertEquals(0.004, overall.get("reward_mean"), EPS);
        assertEquals(0.5, overall.get("win_rate"), EPS);

        Map<String, Double> teacher = metrics.get("t").get("overall");
        assertEquals(1.0, teacher.get("n_neutral"));
        assertFalse(teacher.containsKey("win_rate"), "every reward 0: no win rate");
        assertEquals("reward/m/overall", RewardMetrics.scope("m", "overall"));
    }

    @Test
    void abComparisonIsRewardMinusBaseline() {
        Map<String, Map<String, Object>> ab = ValidationPhase.abComparison(
                Map.of("accuracy", 0.40, "macro_precision", 0.30, "macro_recall", 0.35, "macro_f1", 0.31),
                Map.of("accuracy", 0.43, "macro_precision", 0.29, "macro_recall", 0.35, "macro_f1", 0.33),
                Map.of("reward_mean", 0.001, "reward_cumulative", 1.0, "win_rate", 0.5),
                Map.of("reward_mean", 0.002, "reward_cumulative", 2.0, "reward_volatility", 0.02, "win_rate", 0.52));
        assertEquals(List.of("accuracy", "macro_precision", "macro_recall", "macro_f1", "reward_mean", "reward_cumulative",
                "win_rate"), List.copyOf(ab.keySet()), "a metric missing on one side is left out");
        assertEquals(0.03, (Double) ab.get("accuracy").get("difference"), 1e-12);
        assertEquals(-0.01, (Double) ab.get("macro_precision").get("difference"), 1e-12);
        assertEquals(1.0, (Double) ab.get("reward_cumulative").get("difference"), 1e-12);
    }

    static Row row(String model, String symbol, int day, String split, Double reward) {
        return RowFactory.create("run", model, symbol, Timestamp.valueOf("2023-01-0" + day + " 15:30:00"), split, reward);
    }
}
