package io.sensequant.features;

import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code $sentiment}: the day's score joined onto the bars, usable like any other field. */
class SentimentFeatureTest {
    static final StructType SENTIMENT = new StructType().add("symbol", DataTypes.StringType).add("date", DataTypes.DateType)
            .add("score", DataTypes.DoubleType);

    @Test
    void sentimentIsTheDaysScoreAndNullWithoutASnapshot() {
        List<Row> bars = new ArrayList<>();
        List<Row> scores = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            // 10:00 IST on each day, so the session-time-zone date is that day
            bars.add(RowFactory.create("TCS", "1day", Timestamp.valueOf("2024-01-0" + day + " 10:00:00"), 1.0, 1.0, 1.0, 1.0, 10L));
            if (day != 3) {
                scores.add(RowFactory.create("TCS", Date.valueOf("2024-01-0" + day), day / 10.0));
            }
        }
        scores.add(RowFactory.create("INFY", Date.valueOf("2024-01-01"), -1.0));
        Dataset<Row> joined = FeaturesPhase.withSentiment(FeatureFrames.bars(bars),
                SharedSpark.get().createDataFrame(scores, SENTIMENT));
        FeaturePlan plan = FeaturePlan.of(List.of(new FeatureSet("mood", "mood.yaml", "",
                Map.of("mood_2", "Mean($sentiment, 2)"))));
        assertTrue(plan.reads(FeaturePlan.SENTIMENT));
        List<Row> rows = FeatureEngine.compute(joined, plan, SharedSpark.testConfig().features()).orderBy("ts").collectAsList();
        assertEquals(5, rows.size(), "a left join: no bar lost, none duplicated");
        assertEquals(0.2, rows.get(1).<Double>getAs("sentiment"), 1e-12);
        assertNull(rows.get(2).getAs("sentiment"));
        assertEquals(0.15, rows.get(1).<Double>getAs("mood_2"), 1e-12);
        assertNull(rows.get(3).getAs("mood_2"), "the window holds a day without a score");
        assertEquals(0.45, rows.get(4).<Double>getAs("mood_2"), 1e-12);
    }
}
