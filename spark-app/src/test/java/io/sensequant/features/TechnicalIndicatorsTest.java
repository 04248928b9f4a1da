package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The Spark indicators against a plain sequential implementation of the same (ta4j) definitions, on a
 * 150-bar random walk, with the recursive lookback longer than the series so both must agree exactly.
 */
class TechnicalIndicatorsTest {
    static final int BARS = 150;
    static final double TOLERANCE = 1e-9;
    static PipelineConfig.Features settings;
    static double[] open;
    static double[] high;
    static double[] low;
    static double[] close;
    static long[] volume;
    static List<Row> computed;

    @BeforeAll
    static void compute() {
        settings = SharedSpark.testConfig("features.recursive_lookback_bars=300").features();
        SplittableRandom random = new SplittableRandom(11);
        open = new double[BARS];
        high = new double[BARS];
        low = new double[BARS];
        close = new double[BARS];
        volume = new long[BARS];
        double price = 100;
        for (int i = 0; i < BARS; i++) {
            open[i] = price;
            price *= Math.exp(0.02 * random.nextGaussian());
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) * (1 + 0.01 * random.nextDouble());
            low[i] = Math.min(open[i], close[i]) * (1 - 0.01 * random.nextDouble());
            volume[i] = 1000 + random.nextInt(9000);
        }
        computed = FeaturesPhase.compute(frame(close), settings).orderBy(OhlcvSchema.TS).collectAsList();
    }

    static Dataset<Row> frame(double[] closes) {
        List<Row> rows = new ArrayList<>();
        LocalDate day = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < BARS; i++) {
            rows.add(RowFactory.create("AAA", "1day", Timestamp.from(day.plusDays(i).atStartOfDay(ZoneId.of("Asia/Kolkata")).toInstant()),
                    open[i], Math.max(high[i], closes[i]), Math.min(low[i], closes[i]), closes[i], volume[i]));
        }
        return SharedSpark.get().createDataFrame(rows, OhlcvSchema.BARS);
    }

    static double value(int bar, String column) {
        return computed.get(bar).<Double>getAs(column);
    }

    @Test
    void movingAveragesAndReturns() {
        for (int t = 0; t < BARS; t++) {
            if (t < 19) {
                assertNull(computed.get(t).getAs("sma_20"), "sma_20 is null before 20 bars");
            } else {
                assertEquals(mean(close, t - 19, t), value(t, "sma_20"), TOLERANCE);
            }
            if (t >= 49) {
                assertEquals(mean(close, t - 49, t), value(t, "sma_50"), TOLERANCE);
            }
            if (t >= 5) {
                assertEquals(close[t] / close[t - 5] - 1, value(t, "ret_5d"), TOLERANCE);
            }
        }
    }

    @Test
    void emaAndMacdFollowTheRecursion() {
        double[] ema12 = ema(close, 2.0 / 13);
        double[] ema26 = ema(close, 2.0 / 27);
        double[] macd = new double[BARS];
        for (int t = 0; t < BARS; t++) {
            macd[t] = ema12[t] - ema26[t];
        }
        double[] signal = ema(macd, 2.0 / 10);
        for (int t = 0; t < BARS; t++) {
            assertEquals(ema12[t], value(t, "ema_12"), TOLERANCE, "ema_12 at " + t);
            assertEquals(ema26[t], value(t, "ema_26"), TOLERANCE);
            assertEquals(macd[t], value(t, "macd"), TOLERANCE);
            assertEquals(signal[t], value(t, "macd_signal"), TOLERANCE);
            assertEquals(macd[t] - signal[t], value(t, "macd_hist"), TOLERANCE);
        }
    }

    @Test
    void wilderRsiAndAtr() {
        double[] gain = new double[BARS];
        double[] loss = new double[BARS];
        double[] trueRange = new double[BARS];
        for (int t = 0; t < BARS; t++) {
            double h = Math.max(high[t], close[t]);
            double l = Math.min(low[t], close[t]);
            trueRange[t] = h - l;
            if (t > 0) {
                gain[t] = Math.max(close[t] - close[t - 1], 0);
                loss[t] = Math.max(close[t - 1] - close[t], 0);
                trueRange[t] = Math.max(h - l, Math.max(Math.abs(h - close[t - 1]), Math.abs(close[t - 1] - l)));
            }
        }
        double[] averageGain = ema(gain, 1.0 / 14);
        double[] averageLoss = ema(loss, 1.0 / 14);
        double[] atr = ema(trueRange, 1.0 / 14);
        for (int t = 1; t < BARS; t++) {
            double rsi = averageLoss[t] == 0 ? (averageGain[t] == 0 ? 0 : 100) : 100 - 100 / (1 + averageGain[t] / averageLoss[t]);
            assertEquals(rsi, value(t, "rsi_14"), 1e-7, "rsi_14 at " + t);
            assertEquals(atr[t], value(t, "atr_14"), TOLERANCE, "atr_14 at " + t);
        }
    }

    @Test
    void bollingerBandsUsePopulationStandardDeviation() {
        for (int t = 19; t < BARS; t++) {
            double mean = mean(close, t - 19, t);
            double variance = 0;
            for (int i = t - 19; i <= t; i++) {
                variance += (close[i] - mean) * (close[i] - mean) / 20;
            }
            double upper = mean + 2 * Math.sqrt(variance);
            double lower = mean - 2 * Math.sqrt(variance);
            assertEquals(upper, value(t, "bb_upper_20"), 1e-7);
            assertEquals(lower, value(t, "bb_lower_20"), 1e-7);
            assertEquals((close[t] - lower) / (upper - lower), value(t, "bb_pctb_20"), 1e-7);
        }
    }

    @Test
    void labelsLookExactlyHorizonBarsAhead() {
        int horizon = settings.forecastHorizonDays();
        for (int t = 0; t < BARS; t++) {
            Row row = computed.get(t);
            if (t + horizon >= BARS) {
                assertNull(row.getAs(FeatureColumns.FORWARD_RETURN), "no future for the last " + horizon + " bars");
                assertNull(row.getAs(FeatureColumns.LABEL));
                continue;
            }
            double forward = close[t + horizon] / close[t] - 1;
            assertEquals(forward, row.<Double>getAs(FeatureColumns.FORWARD_RETURN), TOLERANCE);
            int expected = forward > settings.labelThreshold() ? Labels.UP
                    : forward < -settings.labelThreshold() ? Labels.DOWN : Labels.NEUTRAL;
            assertEquals(expected, row.<Integer>getAs(FeatureColumns.LABEL));
        }
    }

    @Test
    void barsAfterTheHorizonChangeNothingAtT() {
        int t = 100;
        int horizon = settings.forecastHorizonDays();
        double[] perturbed = close.clone();
        for (int i = t + horizon + 1; i < BARS; i++) {
            perturbed[i] *= 1.5;
        }
        List<Row> again = FeaturesPhase.compute(frame(perturbed), settings).orderBy(OhlcvSchema.TS).collectAsList();
        for (int i = 0; i <= t; i++) {
            assertEquals(computed.get(i), again.get(i), "row " + i + " changed when bars after t + horizon changed");
        }
    }

    static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i <= to; i++) {
            sum += values[i];
        }
        return sum / (to - from + 1);
    }

    static double[] ema(double[] values, double alpha) {
        double[] out = new double[values.length];
        out[0] = values[0];
        for (int i = 1; i < values.length; i++) {
            out[i] = out[i - 1] + alpha * (values[i] - out[i - 1]);
        }
        return out;
    }
}
