package io.sensequant.evaluation;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Reward metrics per model, overall and per symbol, over the out-of-sample rows of {@code rewards}: the
 * teachers' validation rows and the students' test rows ({@code split} validation or test), rows with a reward
 * only. {@code reward_mean}, {@code reward_cumulative} (sum), {@code reward_volatility} (sample standard
 * deviation, ddof 1; left out below 2 rows), {@code n}, {@code n_positive}, {@code n_negative}, {@code n_neutral}
 * (reward exactly 0: neutral calls and zero returns) and {@code win_rate} = positive / (positive + negative)
 * (left out when every reward is 0).
 */
public final class RewardMetrics {
    public static final String OVERALL = "overall";
    public static final List<String> OUT_OF_SAMPLE_SPLITS = List.of("validation", "test");

    private RewardMetrics() {
    }

    /** Scope name in {@code metrics}: {@code reward/<model>/overall} or {@code reward/<model>/<SYMBOL>}. */
    public static String scope(String model, String symbolOrOverall) {
        return "reward/" + model + "/" + symbolOrOverall;
    }

    /** model → (overall or symbol) → metric → value; models and symbols sorted, overall first. */
    public static Map<String, Map<String, Map<String, Double>>> of(Dataset<Row> rewards) {
        Dataset<Row> scored = rewards.where(col("split").isin(OUT_OF_SAMPLE_SPLITS.toArray()).and(col("reward").isNotNull()));
        Column reward = col("reward");
        List<Row> rows = scored.rollup("model", "symbol").agg(count(reward), sum(reward), avg(reward), stddev_samp(reward),
                        sum(when(reward.gt(0), 1).otherwise(0)), sum(when(reward.lt(0), 1).otherwise(0)),
                        sum(when(reward.equalTo(0), 1).otherwise(0)))
                .where(col("model").isNotNull()).collectAsList();
        Map<String, Map<String, Map<String, Double>>> byModel = new TreeMap<>();
        for (Row row : rows) {
            String model = row.getString(0);
            String symbol = row.isNullAt(1) ? OVERALL : row.getString(1);
            long n = row.getLong(2);
            long positive = row.getLong(6);
            long negative = row.getLong(7);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("n", (double) n);
            values.put("reward_mean", row.getDouble(4));
            values.put("reward_cumulative", row.getDouble(3));
            if (n >= 2 && !row.isNullAt(5) && !Double.isNaN(row.getDouble(5))) {
                values.put("reward_volatility", row.getDouble(5));
            }
            values.put("n_positive", (double) positive);
            values.put("n_negative", (double) negative);
            values.put("n_neutral", (double) row.getLong(8));
            if (positive + negative > 0) {
                values.put("win_rate", (double) positive / (positive + negative));
            }
            byModel.computeIfAbsent(model, m -> new TreeMap<>((a, b) -> a.equals(b) ? 0
                    : a.equals(OVERALL) ? -1 : b.equals(OVERALL) ? 1 : a.compareTo(b))).put(symbol, values);
        }
        return byModel;
    }
}
