package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.spark.SharedSpark;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A/B pair on tiny data with real XGBoost4J-Spark: the reward-weighted student differs from the baseline
 * fitted on the same rows with the same seed, and refitting either with the same seed reproduces it exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RewardStudentTest {
    static final List<String> FEATURES = List.of("f1", "f2", "f3");
    static final int SEED = 20180101;
    SparkSession spark;
    Dataset<Row> training;
    List<Date> sessions;
    Map<String, Object> params;

    @BeforeAll
    void data() {
        spark = SharedSpark.get();
        Random random = new Random(7);
        StructType schema = new StructType().add("symbol", DataTypes.StringType).add("ts", DataTypes.TimestampType)
                .add("date", DataTypes.DateType).add("f1", DataTypes.DoubleType).add("f2", DataTypes.DoubleType)
                .add("f3", DataTypes.DoubleType).add("fwd_return", DataTypes.DoubleType)
                .add(StudentModel.LABEL, DataTypes.IntegerType).add(StudentModel.WEIGHT, DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        sessions = new ArrayList<>();
        for (int day = 0; day < 120; day++) {
            LocalDate date = LocalDate.of(2023, 1, 2).plusDays(day);
            sessions.add(Date.valueOf(date));
            for (String symbol : List.of("AAA", "BBB", "CCC")) {
                double f1 = random.nextGaussian(), f2 = random.nextGaussian(), f3 = random.nextGaussian();
                double ret = 0.02 * f1 - 0.01 * f2 + 0.03 * random.nextGaussian();
                // the "teacher" is right about f1 but also leans on f3, which says nothing about the return
                double score = f1 + 1.2 * f3 + 0.5 * random.nextGaussian();
                int label = score > 0.6 ? 2 : score < -0.6 ? 0 : 1;
                rows.add(RowFactory.create(symbol, Timestamp.valueOf(date.atTime(15, 30)), Date.valueOf(date), f1, f2, f3, ret,
                        label, 0.4 + 0.6 * random.nextDouble()));
            }
        }
        PipelineConfig.Reward reward = new PipelineConfig.Reward(true, -0.10, 0.10, "linear", 20.0, 0.05, 0.9, 4, true);
        training = Rewards.weigh(spark.createDataFrame(rows, schema).repartition(1), StudentModel.LABEL, "fwd_return",
                StudentModel.WEIGHT, "date", sessions, reward).cache();
        params = new LinkedHashMap<>(Map.of("objective", "multi:softprob", "num_class", 3, "num_round", 12,
                "max_depth", 3, "eta", 0.3, "subsample", 0.8, "colsample_bytree", 0.8, "tree_method", "hist",
                "verbose_eval", 0));
    }

    List<Row> probabilities(String weightColumn) {
        XGBoostClassificationModel model = StudentModel.fit(training, FEATURES, params, SEED, 1, 1, weightColumn);
        return model.transform(StudentModel.assemble(training, FEATURES))
                .select(col("symbol"), col("ts"), col("prediction"), vector_to_array(col("probability"), "float64").as("p"))
                .orderBy("symbol", "ts").collectAsList();
    }

    @Test
    void rewardWeightsChangeTheStudentReproducibly() {
        List<Row> baseline = probabilities(StudentModel.WEIGHT);
        List<Row> rewarded = probabilities(Rewards.STUDENT_WEIGHT);
        List<Row> rewardedAgain = probabilities(Rewards.STUDENT_WEIGHT);
        List<Row> baselineAgain = probabilities(StudentModel.WEIGHT);
        assertEquals(360, baseline.size());
        assertEquals(baseline, baselineAgain, "same seed, same rows, same weights: identical predictions");
        assertEquals(rewarded, rewardedAgain, "same seed, same rows, same weights: identical predictions");
        assertNotEquals(baseline, rewarded, "reward weights must change the student");
        long differentProbabilities = 0;
        for (int i = 0; i < baseline.size(); i++) {
            if (!baseline.get(i).getList(3).equals(rewarded.get(i).getList(3))) {
                differentProbabilities++;
            }
        }
        assertTrue(differentProbabilities > 180, differentProbabilities + " of 360 rows have different probabilities");
        // the weights really vary: a constant weight would not change the fit
        Row spread = training.agg(org.apache.spark.sql.functions.min(Rewards.REWARD_WEIGHT),
                org.apache.spark.sql.functions.max(Rewards.REWARD_WEIGHT)).first();
        assertTrue(spread.getDouble(1) - spread.getDouble(0) > 0.5, spread.toString());
    }
}
