package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed15 set, loaded from the real conf/features/seed15.yaml and computed by the engine on Apple's 252 daily
 * bars of 2013 (the CSV that ships with ta4j-examples 0.15), against ta4j 0.15's indicators on a DoubleNum
 * series and against plain arithmetic for the returns and the volume z-score.
 *
 * <p><b>Warm-up.</b> Values are compared on rows with index {@value #COMPARE_FROM} and later (0-based; 152 rows).
 * The two implementations seed recursive averages differently: ta4j starts every EMA / Wilder average at bar 0
 * (and its gain, loss and true range are 0 or high - low there), while the engine seeds with the first non-null
 * input, which is bar 1 for anything built on Ref($close, 1) and bar 25 for the MACD signal (its input, macd,
 * is null until EMA26 has 26 bars). A seed difference d0 decays like d0 * (1 - alpha)^k: 0.8^k for the signal
 * (alpha 2/10), (13/14)^k for RSI and ATR (Wilder, alpha 1/14). Simple moving windows and the EMAs of close
 * (both seeded with close[0]) agree to rounding everywhere.
 *
 * <p>Unlike the other feature tests, this one runs Spark's default (code-generated) evaluation, the path
 * production takes; seed15 is small enough for that to stay cheap.
 */
class Ta4jOracleTest {
    static final String CSV = "appleinc_bars_from_20130101_usd.csv";
    static final int BARS = 252;
    /** First compared row (0-based): by then the Wilder seed difference has shrunk by (13/14)^99 ~ 6.5e-4. */
    static final int COMPARE_FROM = 100;
    static final int COMPARED_ROWS = BARS - COMPARE_FROM;

    // Absolute tolerances, in the feature's own unit (USD for price levels, RSI points, plain numbers otherwise),
    // each a modest margin over the largest difference measured on this data (in brackets).
    /**
     * SMA, EMA of close, MACD, Bollinger bands: the same definitions and seeds (both EMAs start at close[0]), so
     * only rounding differs (Spark's window aggregates vs ta4j's loops); ~10 ulps at 700 USD.
     * [SMA, EMA, MACD: 0; bands 1.1e-13]
     */
    static final double ROUNDING_TOLERANCE = 1e-12;
    /** %B divides by the band width (tens of USD), which magnifies the bands' rounding. [8.0e-15] */
    static final double PCTB_TOLERANCE = 1e-13;
    /** ret_1d / ret_5d and the volume z-score against the same arithmetic in Java: a few ulps. [0; 8.9e-16] */
    static final double ARITHMETIC_TOLERANCE = 5e-15;
    /**
     * MACD signal and histogram: ta4j seeds EMA(macd, 9) with macd at bar 0 (0), the engine with macd at bar 25,
     * the first bar EMA26 is defined; the gap there (about 1 USD here) times 0.8^75 ~ 5.4e-8 at row 100. [5.4e-8]
     */
    static final double SIGNAL_TOLERANCE = 1e-7;
    /**
     * Wilder RSI: ta4j starts the average gain and loss at bar 0 (gain = loss = 0), the engine at bar 1 (the
     * first price change): average losses 6.4 USD apart at bar 1, times (13/14)^99 ~ 6.5e-4 at row 100.
     * [3.96e-2 points]
     */
    static final double RSI_TOLERANCE = 0.06;
    /** Wilder ATR: ta4j starts at bar 0 with high - low, the engine at bar 1 with the true range. [2.84e-3 USD] */
    static final double ATR_TOLERANCE = 0.005;
    /**
     * The seed-driven differences must fade as (1 - alpha)^k: from row {@value #LATE_FROM} on they are at least this
     * many times smaller than from row 100 on ((13/14)^100 ~ 1/1640 for Wilder). [RSI 1290x, ATR 1650x, signal: 0]
     */
    static final double DECAY_FACTOR = 100;
    static final int LATE_FROM = 200;

    static final List<String> SEED15 = List.of("ret_1d", "ret_5d", "sma_20", "sma_50", "ema_12", "ema_26", "macd",
            "macd_signal", "macd_hist", "rsi_14", "bb_upper_20", "bb_lower_20", "bb_pctb_20", "atr_14", "volume_z_20");

    static LocalDate[] dates;
    static double[] open;
    static double[] high;
    static double[] low;
    static double[] close;
    static double[] volume;
    static Map<String, Double[]> engine;
    static BarSeries series;

    @BeforeAll
    static void computeBoth() throws IOException {
        readCsv();
        PipelineConfig.Features settings = SharedSpark.testConfig("features.sets=seed15").features();
        FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), settings);
        assertEquals(SEED15, plan.columns());

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < BARS; i++) {
            rows.add(RowFactory.create("AAPL", "1day", Timestamp.from(dates[i].atStartOfDay(ZoneOffset.UTC).toInstant()),
                    open[i], high[i], low[i], close[i], (long) volume[i]));
        }
        List<Row> out = FeatureEngine.compute(FeatureFrames.bars(rows), plan, settings)
                .orderBy("ts").select("bar_index", SEED15.toArray(String[]::new)).collectAsList();
        assertEquals(BARS, out.size());
        engine = new LinkedHashMap<>();
        for (String feature : SEED15) {
            Double[] values = new Double[BARS];
            for (int i = 0; i < BARS; i++) {
                Row r = out.get(i);
                assertEquals(i + 1, r.getInt(0));
                int at = r.fieldIndex(feature);
                values[i] = r.isNullAt(at) ? null : r.getDouble(at);
            }
            engine.put(feature, values);
        }

        series = new BaseBarSeriesBuilder().withName("AAPL").withNumTypeOf(DoubleNum.class).build();
        for (int i = 0; i < BARS; i++) {
            ZonedDateTime end = dates[i].atStartOfDay(ZoneOffset.UTC);
            series.addBar(end, open[i], high[i], low[i], close[i], volume[i]);
        }
    }

    static void readCsv() throws IOException {
        List<String[]> lines = new ArrayList<>();
        try (InputStream in = Ta4jOracleTest.class.getClassLoader().getResourceAsStream(CSV)) {
            assertNotNull(in, CSV + " must be on the test classpath (ta4j-examples)");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertEquals("date,open,high,low,close,volume", reader.readLine());
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.split(","));
                }
            }
        }
        assertEquals(BARS, lines.size());
        dates = new LocalDate[BARS];
        open = new double[BARS];
        high = new double[BARS];
        low = new double[BARS];
        close = new double[BARS];
        volume = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            String[] f = lines.get(i);
            dates[i] = LocalDate.parse(f[0]);
            open[i] = Double.parseDouble(f[1]);
            high[i] = Double.parseDouble(f[2]);
            low[i] = Double.parseDouble(f[3]);
            close[i] = Double.parseDouble(f[4]);
            volume[i] = Double.parseDouble(f[5]);
        }
        assertEquals(LocalDate.of(2013, 1, 2), dates[0]);
        assertEquals(549.03, close[0]);
    }

    /** The largest |engine - reference| over the compared rows; every compared engine value must be non-null. */
    static double maxDifference(String feature, IntFunction<Double> reference, int from) {
        Double[] values = engine.get(feature);
        double max = 0;
        int compared = 0;
        for (int i = from; i < BARS; i++) {
            assertNotNull(values[i], feature + " row " + i);
            double expected = reference.apply(i);
            assertTrue(Double.isFinite(expected), feature + " reference row " + i);
            max = Math.max(max, Math.abs(values[i] - expected));
            compared++;
        }
        assertEquals(BARS - from, compared);
        return max;
    }

    static IntFunction<Double> ta4j(Indicator<Num> indicator) {
        return i -> indicator.getValue(i).doubleValue();
    }

    static double assertMatches(String feature, IntFunction<Double> reference, double tolerance) {
        double max = maxDifference(feature, reference, COMPARE_FROM);
        assertTrue(max <= tolerance, feature + ": max |diff| " + max + " > " + tolerance);
        return max;
    }

    /** A seed effect, not a different formula: the difference shrinks by DECAY_FACTOR between row 100 and row 200. */
    static void assertSeedDifferenceFades(String feature, IntFunction<Double> reference, double tolerance) {
        double early = assertMatches(feature, reference, tolerance);
        double late = maxDifference(feature, reference, LATE_FROM);
        assertTrue(late <= early / DECAY_FACTOR, feature + ": " + late + " from row " + LATE_FROM + " vs " + early);
    }

    @Test
    void comparesTheStatedNumberOfRows() {
        assertEquals(152, COMPARED_ROWS);
        for (String feature : SEED15) {
            long nonNull = Arrays.stream(engine.get(feature)).skip(COMPARE_FROM).filter(v -> v != null).count();
            assertEquals(COMPARED_ROWS, nonNull, feature);
        }
    }

    @Test
    void returnsMatchPlainArithmetic() {
        // Returns are defined from their lag on; compare every defined row, and the nulls before.
        assertNull(engine.get("ret_1d")[0]);
        assertNotNull(engine.get("ret_1d")[1]);
        assertNull(engine.get("ret_5d")[4]);
        assertTrue(maxDifference("ret_1d", i -> close[i] / close[i - 1] - 1, 1) <= ARITHMETIC_TOLERANCE);
        assertTrue(maxDifference("ret_5d", i -> close[i] / close[i - 5] - 1, 5) <= ARITHMETIC_TOLERANCE);
    }

    @Test
    void movingAveragesMatchTa4j() {
        ClosePriceIndicator c = new ClosePriceIndicator(series);
        assertMatches("sma_20", ta4j(new SMAIndicator(c, 20)), ROUNDING_TOLERANCE);
        assertMatches("sma_50", ta4j(new SMAIndicator(c, 50)), ROUNDING_TOLERANCE);
        assertMatches("ema_12", ta4j(new EMAIndicator(c, 12)), ROUNDING_TOLERANCE);
        assertMatches("ema_26", ta4j(new EMAIndicator(c, 26)), ROUNDING_TOLERANCE);
    }

    @Test
    void macdMatchesTa4j() {
        ClosePriceIndicator c = new ClosePriceIndicator(series);
        MACDIndicator macd = new MACDIndicator(c, 12, 26);
        EMAIndicator signal = new EMAIndicator(macd, 9);
        assertMatches("macd", ta4j(macd), ROUNDING_TOLERANCE);
        assertSeedDifferenceFades("macd_signal", ta4j(signal), SIGNAL_TOLERANCE);
        assertSeedDifferenceFades("macd_hist", i -> macd.getValue(i).doubleValue() - signal.getValue(i).doubleValue(),
                SIGNAL_TOLERANCE);
    }

    @Test
    void wilderRsiAndAtrMatchTa4j() {
        assertSeedDifferenceFades("rsi_14", ta4j(new RSIIndicator(new ClosePriceIndicator(series), 14)), RSI_TOLERANCE);
        assertSeedDifferenceFades("atr_14", ta4j(new ATRIndicator(series, 14)), ATR_TOLERANCE);
    }

    @Test
    void bollingerBandsMatchTa4jWithThePopulationStandardDeviation() {
        ClosePriceIndicator c = new ClosePriceIndicator(series);
        StandardDeviationIndicator sd = new StandardDeviationIndicator(c, 20);
        // ta4j's StandardDeviationIndicator is the population one (divides by n): check it by hand at one row.
        int at = 150;
        double[] w = Arrays.copyOfRange(close, at - 19, at + 1);
        double mean = Arrays.stream(w).average().orElseThrow();
        double squares = Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum();
        assertEquals(Math.sqrt(squares / 20), sd.getValue(at).doubleValue(), 1e-9);
        assertTrue(Math.abs(Math.sqrt(squares / 19) - sd.getValue(at).doubleValue()) > 0.01, "not the sample std");

        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(c, 20));
        Num k = series.numOf(2);
        assertMatches("bb_upper_20", ta4j(new BollingerBandsUpperIndicator(middle, sd, k)), ROUNDING_TOLERANCE);
        assertMatches("bb_lower_20", ta4j(new BollingerBandsLowerIndicator(middle, sd, k)), ROUNDING_TOLERANCE);
        assertMatches("bb_pctb_20", ta4j(new PercentBIndicator(c, 20, 2.0)), PCTB_TOLERANCE);
    }

    @Test
    void volumeZScoreMatchesPlainArithmetic() {
        // No ta4j counterpart: the population z-score of volume over 20 bars, written out.
        assertNull(engine.get("volume_z_20")[18]);
        assertTrue(maxDifference("volume_z_20", i -> {
            double[] w = Arrays.copyOfRange(volume, i - 19, i + 1);
            double mean = Arrays.stream(w).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / 20);
            return (volume[i] - mean) / sd;
        }, 19) <= ARITHMETIC_TOLERANCE);
    }
}
