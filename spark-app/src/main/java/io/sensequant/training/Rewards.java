package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.Column;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.when;

/**
 * The reward loop's arithmetic, once as plain Java (the definition, tested on hand cases) and once as Spark
 * columns (what the pipeline runs); a test checks they agree.
 *
 * <ul>
 *   <li><b>Reward</b> of a predicted class c (0 down, 1 neutral, 2 up) against the realised return r:
 *       {@code clip(sign(c) · sign(r) · |r|, clip_min, clip_max)} with sign(down) = -1, sign(neutral) = 0,
 *       sign(up) = +1. A neutral call earns 0; a missing return gives no reward (null).</li>
 *   <li><b>Batch</b> of a training session: the student's training sessions cut into {@code batches}
 *       chronological blocks; session i of n is in block floor(i · B / n).</li>
 *   <li><b>Decay</b>: a reward in block b is worth {@code gamma^(B - 1 - b)} of itself (latest block 1).</li>
 *   <li><b>Weight</b> of a decayed reward d: linear {@code max(min_weight, 1 + scale · d)}, exponential
 *       {@code exp(scale · d)}, none {@code 1}; a row without a reward gets the weight of d = 0, i.e. 1.
 *       With {@code normalize}, weights are divided by their mean over the training rows.</li>
 * </ul>
 */
public final class Rewards {
    /** Reward-loop columns on the student's training rows. */
    public static final String REWARD = "reward";
    public static final String BATCH = "reward_batch";
    public static final String DECAY = "reward_decay";
    public static final String REWARD_WEIGHT = "reward_weight";
    /** The reward student's sample weight: teacher confidence × reward weight. */
    public static final String STUDENT_WEIGHT = "reward_student_weight";

    private Rewards() {
    }

    /** The sign of a predicted class: down -1, neutral 0, up +1. */
    public static int classSign(int predictedClass) {
        return switch (predictedClass) {
            case 0 -> -1;
            case 1 -> 0;
            case 2 -> 1;
            default -> throw new IllegalArgumentException("predicted class must be 0, 1 or 2, got " + predictedClass);
        };
    }

    /** The reward of one prediction; null when the realised return is unknown (null or NaN). */
    public static Double reward(int predictedClass, Double realisedReturn, PipelineConfig.Reward config) {
        if (realisedReturn == null || realisedReturn.isNaN()) {
            return null;
        }
        double raw = classSign(predictedClass) * Math.signum(realisedReturn) * Math.abs(realisedReturn);
        return Math.min(config.clipMax(), Math.max(config.clipMin(), raw)) + 0.0;
    }

    public static Column reward(Column predictedClass, Column realisedReturn, PipelineConfig.Reward config) {
        Column sign = when(predictedClass.equalTo(0), -1.0).when(predictedClass.equalTo(2), 1.0).otherwise(0.0);
        Column raw = sign.multiply(signum(realisedReturn)).multiply(abs(realisedReturn));
        Column clipped = least(lit(config.clipMax()), greatest(lit(config.clipMin()), raw)).plus(0.0);
        return when(realisedReturn.isNull().or(realisedReturn.isNaN()), lit(null).cast("double")).otherwise(clipped);
    }

    /** Block of session {@code index} (0-based) among {@code sessions} training sessions cut into {@code batches}. */
    public static int batchOf(int index, int sessions, int batches) {
        return (int) ((long) index * batches / sessions);
    }

    /** First session of each block 1..B-1 (block 0 starts at the first session); empty blocks repeat a date. */
    public static List<Date> batchStarts(List<Date> trainingSessions, int batches) {
        List<Date> starts = new ArrayList<>();
        int n = trainingSessions.size();
        if (n == 0) {
            return starts;
        }
        for (int b = 1; b < batches; b++) {
            int first = 0;
            while (first < n && batchOf(first, n, batches) < b) {
                first++;
            }
            // a block with no session starts after the last one, so no date reaches it
            starts.add(first < n ? trainingSessions.get(first)
                    : Date.valueOf(trainingSessions.get(n - 1).toLocalDate().plusDays(1)));
        }
        return starts;
    }

    /** Block of each row's date: the number of block starts at or before it. */
    public static Column batch(Column date, List<Date> batchStarts) {
        Column batch = lit(0);
        for (Date start : batchStarts) {
            batch = batch.plus(when(date.geq(lit(start)), 1).otherwise(0));
        }
        return batch;
    }

    public static double decay(int batch, int batches, double gamma) {
        return Math.pow(gamma, batches - 1 - batch);
    }

    public static Column decay(Column batch, int batches, double gamma) {
        return pow(lit(gamma), lit(batches - 1).minus(batch));
    }

    /** Weight of a decayed reward; a null (unknown) reward counts as 0. */
    public static double weight(Double decayedReward, PipelineConfig.Reward config) {
        double d = decayedReward == null ? 0.0 : decayedReward;
        return switch (config.weighting()) {
            case PipelineConfig.Reward.LINEAR -> Math.max(config.minWeight(), 1 + config.scale() * d);
            case PipelineConfig.Reward.EXPONENTIAL -> Math.exp(config.scale() * d);
            case PipelineConfig.Reward.NONE -> 1.0;
            default -> throw new IllegalArgumentException("unknown reward.weighting " + config.weighting());
        };
    }

    public static Column weight(Column decayedReward, PipelineConfig.Reward config) {
        Column d = when(decayedReward.isNull(), lit(0.0)).otherwise(decayedReward);
        return switch (config.weighting()) {
            case PipelineConfig.Reward.LINEAR -> greatest(lit(config.minWeight()), lit(1.0).plus(d.multiply(config.scale())));
            case PipelineConfig.Reward.EXPONENTIAL -> exp(d.multiply(config.scale()));
            case PipelineConfig.Reward.NONE -> lit(1.0);
            default -> throw new IllegalArgumentException("unknown reward.weighting " + config.weighting());
        };
    }

    /**
     * Adds {@link #REWARD}, {@link #BATCH}, {@link #DECAY}, {@link #REWARD_WEIGHT} and {@link #STUDENT_WEIGHT} to
     * the student's training rows, given the teacher's class ({@code classColumn}), the realised return
     * ({@code returnColumn}), the teacher confidence ({@code confidenceColumn}) and the row's session
     * ({@code dateColumn}). {@code meanWeight} is the mean raw weight over these rows (1 skips normalisation).
     */
    public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> weigh(
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> training, String classColumn, String returnColumn,
            String confidenceColumn, String dateColumn, List<Date> trainingSessions, PipelineConfig.Reward config) {
        Column batch = batch(col(dateColumn), batchStarts(trainingSessions, config.batches()));
        var rewarded = training.withColumn(REWARD, reward(col(classColumn), col(returnColumn), config))
                .withColumn(BATCH, batch)
                .withColumn(DECAY, decay(col(BATCH), config.batches(), config.gamma()))
                .withColumn(REWARD_WEIGHT, weight(col(REWARD).multiply(col(DECAY)), config));
        if (config.normalize()) {
            org.apache.spark.sql.Row mean = rewarded.agg(org.apache.spark.sql.functions.avg(REWARD_WEIGHT)).first();
            if (!mean.isNullAt(0) && mean.getDouble(0) > 0) {
                rewarded = rewarded.withColumn(REWARD_WEIGHT, col(REWARD_WEIGHT).divide(mean.getDouble(0)));
            }
        }
        return rewarded.withColumn(STUDENT_WEIGHT, col(confidenceColumn).multiply(col(REWARD_WEIGHT)));
    }
}
