package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reward formula, clipping, batches, decay and weight modes on hand-computed cases, in Java and in Spark. */
class RewardsTest {
    static final double EPS = 1e-12;

    static PipelineConfig.Reward config(String weighting, double scale, double gamma, int batches, boolean normalize) {
        return new PipelineConfig.Reward(true, -0.10, 0.10, weighting, scale, 0.05, gamma, batches, normalize);
    }

    static final PipelineConfig.Reward LINEAR = config("linear", 10.0, 0.5, 4, false);

    @Test
    void rewardIsSignedRealisedReturnClipped() {
        assertEquals(0.05, Rewards.reward(2, 0.05, LINEAR), EPS);     // up, went up: +|r|
        assertEquals(-0.05, Rewards.reward(0, 0.05, LINEAR), EPS);    // down, went up: -|r|
        assertEquals(0.03, Rewards.reward(0, -0.03, LINEAR), EPS);    // down, went down: +|r|
        assertEquals(-0.03, Rewards.reward(2, -0.03, LINEAR), EPS);   // up, went down: -|r|
        assertEquals(0.0, Rewards.reward(1, 0.07, LINEAR), EPS);      // neutral: 0 whatever happened
        assertEquals(0.0, Rewards.reward(2, 0.0, LINEAR), EPS);       // no move: 0
        assertEquals(0.10, Rewards.reward(2, 0.25, LINEAR), EPS);     // clipped at clip_max
        assertEquals(-0.10, Rewards.reward(2, -0.25, LINEAR), EPS);   // clipped at clip_min
        assertEquals(0.10, Rewards.reward(0, -0.5, LINEAR), EPS);
        assertNull(Rewards.reward(2, null, LINEAR));
        assertNull(Rewards.reward(0, Double.NaN, LINEAR));
        PipelineConfig.Reward asymmetric = new PipelineConfig.Reward(true, -0.02, 0.08, "linear", 1, 0.05, 1, 1, false);
        assertEquals(-0.02, Rewards.reward(0, 0.05, asymmetric), EPS);
        assertEquals(0.05, Rewards.reward(0, -0.05, asymmetric), EPS);
        assertThrows(IllegalArgumentException.class, () -> Rewards.reward(3, 0.01, LINEAR));
    }

    @Test
    void sparkColumnsAgreeWithTheDefinition() {
        SparkSession spark = SharedSpark.get();
        int[] classes = {2, 0, 0, 2, 1, 2, 2, 2, 0, 2, 0};
        Double[] returns = {0.05, 0.05, -0.03, -0.03, 0.07, 0.0, 0.25, -0.25, -0.5, null, Double.NaN};
        StructType schema = new StructType().add("c", DataTypes.IntegerType).add("r", DataTypes.DoubleType)
                .add("d", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            rows.add(RowFactory.create(classes[i], returns[i], i % 3 == 0 ? null : (i - 5) * 0.02));
        }
        for (PipelineConfig.Reward mode : List.of(LINEAR, config("exponential", 3.0, 0.5, 4, false), config("none", 3.0, 0.5, 4, false))) {
            List<Row> out = spark.createDataFrame(rows, schema)
                    .select(Rewards.reward(col("c"), col("r"), mode), Rewards.weight(col("d"), mode)).collectAsList();
            for (int i = 0; i < classes.length; i++) {
                Double expected = Rewards.reward(classes[i], returns[i], mode);
                if (expected == null) {
                    assertNull(out.get(i).get(0), "row " + i);
                } else {
                    assertEquals(expected, out.get(i).getDouble(0), EPS, "row " + i);
                }
                Row in = rows.get(i);
                assertEquals(Rewards.weight(in.isNullAt(2) ? null : in.getDouble(2), mode), out.get(i).getDouble(1), EPS,
                        mode.weighting() + " row " + i);
            }
        }
    }

    @Test
    void weightModesOnHandCases() {
        assertEquals(1.5, Rewards.weight(0.05, LINEAR), EPS);             // 1 + 10 * 0.05
        assertEquals(0.7, Rewards.weight(-0.03, LINEAR), EPS);            // 1 - 10 * 0.03
        assertEquals(0.05, Rewards.weight(-0.10, LINEAR), EPS);           // 1 - 1 = 0, floored at min_weight
        assertEquals(1.0, Rewards.weight((Double) null, LINEAR), EPS);    // no reward: weight of 0
        PipelineConfig.Reward exponential = config("exponential", 10.0, 0.5, 4, false);
        assertEquals(Math.exp(0.5), Rewards.weight(0.05, exponential), EPS);
        assertEquals(Math.exp(-1.0), Rewards.weight(-0.10, exponential), EPS);
        assertEquals(1.0, Rewards.weight(0.0, exponential), EPS);
        PipelineConfig.Reward none = config("none", 10.0, 0.5, 4, false);
        assertEquals(1.0, Rewards.weight(0.09, none), EPS);
        assertEquals(1.0, Rewards.weight(-0.09, none), EPS);
    }

    @Test
    void batchesAreChronologicalBlocksAndEarlierOnesDecay() {
        // 10 sessions in 4 blocks: floor(i * 4 / 10) = 0 0 0 1 1 2 2 2 3 3
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            blocks.add(Rewards.batchOf(i, 10, 4));
        }
        assertEquals(List.of(0, 0, 0, 1, 1, 2, 2, 2, 3, 3), blocks);
        List<Date> sessions = sessions(10);
        assertEquals(List.of(sessions.get(3), sessions.get(5), sessions.get(8)), Rewards.batchStarts(sessions, 4));
        assertEquals(List.of(), Rewards.batchStarts(sessions, 1));
        // gamma 0.5, 4 blocks: the latest counts fully, each earlier one half as much
        assertEquals(1.0, Rewards.decay(3, 4, 0.5), EPS);
        assertEquals(0.5, Rewards.decay(2, 4, 0.5), EPS);
        assertEquals(0.125, Rewards.decay(0, 4, 0.5), EPS);
        assertEquals(1.0, Rewards.decay(0, 4, 1.0), EPS);
        // decayed reward into the weight: block 0 reward 0.08 -> 0.01 -> linear 1.1
        assertEquals(1.1, Rewards.weight(Rewards.reward(2, 0.08, LINEAR) * Rewards.decay(0, 4, 0.5), LINEAR), EPS);
    }

    @Test
    void weighAddsBatchDecayWeightAndNormalises() {
        SparkSession spark = SharedSpark.get();
        List<Date> sessions = sessions(4);
        StructType schema = new StructType().add("date", DataTypes.DateType).add("teacher_label", DataTypes.IntegerType)
                .add("fwd_return", DataTypes.DoubleType).add("teacher_confidence", DataTypes.DoubleType);
        // one row per session: up calls; returns +0.04, -0.02, null, +0.06
        Dataset<Row> rows = spark.createDataFrame(List.of(
                RowFactory.create(sessions.get(0), 2, 0.04, 0.5), RowFactory.create(sessions.get(1), 2, -0.02, 0.6),
                RowFactory.create(sessions.get(2), 2, null, 0.7), RowFactory.create(sessions.get(3), 2, 0.06, 0.8)), schema);
        PipelineConfig.Reward twoBlocks = config("linear", 10.0, 0.5, 2, false);
        List<Row> out = Rewards.weigh(rows, "teacher_label", "fwd_return", "teacher_confidence", "date", sessions, twoBlocks)
                .orderBy("date").select(Rewards.BATCH, Rewards.DECAY, Rewards.REWARD_WEIGHT, Rewards.STUDENT_WEIGHT).collectAsList();
        double[] weights = {1 + 10 * 0.04 * 0.5, 1 - 10 * 0.02 * 0.5, 1.0, 1 + 10 * 0.06};
        int[] batches = {0, 0, 1, 1};
        double[] confidence = {0.5, 0.6, 0.7, 0.8};
        for (int i = 0; i < 4; i++) {
            assertEquals(batches[i], out.get(i).getInt(0));
            assertEquals(batches[i] == 0 ? 0.5 : 1.0, out.get(i).getDouble(1), EPS);
            assertEquals(weights[i], out.get(i).getDouble(2), EPS, "row " + i);
            assertEquals(weights[i] * confidence[i], out.get(i).getDouble(3), EPS, "row " + i);
        }
        PipelineConfig.Reward normalised = config("linear", 10.0, 0.5, 2, true);
        Dataset<Row> weighed = Rewards.weigh(rows, "teacher_label", "fwd_return", "teacher_confidence", "date", sessions, normalised);
        assertEquals(1.0, weighed.agg(avg(Rewards.REWARD_WEIGHT)).first().getDouble(0), EPS);
        double mean = (weights[0] + weights[1] + weights[2] + weights[3]) / 4;
        assertEquals(weights[3] / mean, weighed.orderBy("date").collectAsList().get(3).<Double>getAs(Rewards.REWARD_WEIGHT), EPS);
    }

    static List<Date> sessions(int n) {
        List<Date> dates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dates.add(Date.valueOf(LocalDate.of(2023, 1, 2).plusDays(i)));
        }
        return dates;
    }
}
