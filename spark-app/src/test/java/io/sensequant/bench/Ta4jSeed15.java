package io.sensequant.bench;

import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The comparison: seed15's indicators with ta4j 0.15 on DoubleNum bar series, one symbol after another in this
 * JVM, every value of every indicator read with getValue. ta4j's own classes wherever it has one (SMA, EMA, MACD,
 * RSI, Bollinger bands with a population standard deviation, %B, ATR, ROC); MACD's signal is an EMA(9) of MACD,
 * its histogram and the volume z-score are NumericIndicator arithmetic. ROC is ta4j's percentage (100 × the
 * return): the same work as a plain return.
 */
final class Ta4jSeed15 {
    static final int FEATURES = 15;
    private static final int SMA_SHORT = 20;
    private static final int SMA_LONG = 50;
    private static final int EMA_SHORT = 12;
    private static final int EMA_LONG = 26;
    private static final int SIGNAL = 9;
    private static final int RSI = 14;
    private static final int ATR = 14;
    private static final int BOLLINGER = 20;
    private static final double BOLLINGER_K = 2.0;
    private static final int VOLUME_Z = 20;
    private static final int RET_SHORT = 1;
    private static final int RET_LONG = 5;

    /** One symbol's bars in time order, as primitive arrays (the input, read before any timing). */
    record Series(String symbol, long[] startMillis, double[] open, double[] high, double[] low, double[] close,
                  double[] volume) {
        int size() {
            return startMillis.length;
        }

        Series head(int n) {
            int k = Math.min(n, size());
            return new Series(symbol, java.util.Arrays.copyOf(startMillis, k), java.util.Arrays.copyOf(open, k),
                    java.util.Arrays.copyOf(high, k), java.util.Arrays.copyOf(low, k), java.util.Arrays.copyOf(close, k),
                    java.util.Arrays.copyOf(volume, k));
        }
    }

    /** What one pass computed: seconds building series and reading indicators, values read, their checksum. */
    record Pass(double buildSeconds, double indicatorSeconds, long values, double checksum) {
        double seconds() {
            return buildSeconds + indicatorSeconds;
        }
    }

    private Ta4jSeed15() {
    }

    /** Every bar of the parquet dataset, per symbol in time order. */
    static List<Series> load(SparkSession spark, String path) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Row r : spark.read().parquet(path).groupBy(OhlcvSchema.SYMBOL).count().orderBy(OhlcvSchema.SYMBOL).collectAsList()) {
            counts.put(r.getString(0), Math.toIntExact(r.getLong(1)));
        }
        List<Series> all = new ArrayList<>();
        Iterator<Row> rows = spark.read().parquet(path)
                .select(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS), col(OhlcvSchema.OPEN), col(OhlcvSchema.HIGH),
                        col(OhlcvSchema.LOW), col(OhlcvSchema.CLOSE), col(OhlcvSchema.VOLUME))
                .orderBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS).toLocalIterator();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int n = entry.getValue();
            Series s = new Series(entry.getKey(), new long[n], new double[n], new double[n], new double[n], new double[n],
                    new double[n]);
            for (int i = 0; i < n; i++) {
                Row r = rows.next();
                if (!r.getString(0).equals(s.symbol())) {
                    throw new IllegalStateException("bars out of order: expected " + s.symbol() + ", got " + r.getString(0));
                }
                s.startMillis()[i] = r.getTimestamp(1).getTime();
                s.open()[i] = r.getDouble(2);
                s.high()[i] = r.getDouble(3);
                s.low()[i] = r.getDouble(4);
                s.close()[i] = r.getDouble(5);
                s.volume()[i] = r.getLong(6);
            }
            all.add(s);
        }
        return all;
    }

    /** One sequential pass over every symbol: build its series, then read every indicator at every index. */
    static Pass run(List<Series> data, Duration barLength, ZoneId zone) {
        long build = 0;
        long compute = 0;
        long values = 0;
        double checksum = 0;
        for (Series s : data) {
            long t0 = System.nanoTime();
            BarSeries series = series(s, barLength, zone);
            long t1 = System.nanoTime();
            List<Indicator<Num>> indicators = indicators(series);
            for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) {
                for (Indicator<Num> indicator : indicators) {
                    double v = indicator.getValue(i).doubleValue();
                    if (Double.isFinite(v)) {
                        checksum += v;
                    }
                    values++;
                }
            }
            long t2 = System.nanoTime();
            build += t1 - t0;
            compute += t2 - t1;
        }
        return new Pass(build / 1e9, compute / 1e9, values, checksum);
    }

    static BarSeries series(Series s, Duration barLength, ZoneId zone) {
        BarSeries series = new BaseBarSeriesBuilder().withName(s.symbol()).withNumTypeOf(DoubleNum.class).build();
        for (int i = 0; i < s.size(); i++) {
            series.addBar(barLength, Instant.ofEpochMilli(s.startMillis()[i]).plus(barLength).atZone(zone),
                    s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
        }
        return series;
    }

    /** The 15 seed15 indicators, in seed15's order. */
    static List<Indicator<Num>> indicators(BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        VolumeIndicator volume = new VolumeIndicator(series);
        SMAIndicator sma20 = new SMAIndicator(close, SMA_SHORT);
        SMAIndicator sma50 = new SMAIndicator(close, SMA_LONG);
        MACDIndicator macd = new MACDIndicator(close, EMA_SHORT, EMA_LONG);
        EMAIndicator ema12 = macd.getShortTermEma();
        EMAIndicator ema26 = macd.getLongTermEma();
        EMAIndicator signal = new EMAIndicator(macd, SIGNAL);
        NumericIndicator histogram = NumericIndicator.of(macd).minus(signal);
        RSIIndicator rsi = new RSIIndicator(close, RSI);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(sma20);
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, BOLLINGER);
        BollingerBandsUpperIndicator upper = new BollingerBandsUpperIndicator(middle, deviation, series.numOf(BOLLINGER_K));
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle, deviation, series.numOf(BOLLINGER_K));
        PercentBIndicator percentB = new PercentBIndicator(close, BOLLINGER, BOLLINGER_K);
        ATRIndicator atr = new ATRIndicator(series, ATR);
        NumericIndicator volumeZ = NumericIndicator.of(volume).minus(new SMAIndicator(volume, VOLUME_Z))
                .dividedBy(new StandardDeviationIndicator(volume, VOLUME_Z));
        return List.of(new ROCIndicator(close, RET_SHORT), new ROCIndicator(close, RET_LONG), sma20, sma50, ema12, ema26,
                macd, signal, histogram, rsi, upper, lower, percentB, atr, volumeZ);
    }
}
