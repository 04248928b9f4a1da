package io.sensequant.features.expr;

import io.sensequant.config.ConfigException;
import io.sensequant.features.FeatureFrames;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operator against a plain-Java reference (the pandas/Qlib definitions, written out independently of
 * the Spark formulas where possible), on three symbols sharing timestamps. Each reference only ever sees one
 * symbol's series, so agreement also shows that windows never mix symbols.
 */
class ExpressionCompilerTest {
    static final double TOLERANCE = 1e-9;
    static final int ROWS = 12;
    static final String[] SYMBOLS = {"AAA", "BBB", "CCC"};
    static final double[][] CLOSE = {
            {10, 11, 10.5, 12, 13, 12.5, 14, 13, 15, 16, 15.5, 17},
            {5, 3, 4, 8, 6, 7, 2, 9, 1, 10, 11, 0.5},
            {2, 2, 3, 1, 2, 5, 5, 4, 5, 3, 3, 6}, // ties, for the rank operators
    };

    interface Reference {
        /** The expected value at row i of one symbol's series, or null. */
        Double at(int symbol, int i);
    }

    record Case(String name, String expr, Reference ref) {
    }

    static Dataset<Row> bars;
    static Map<String, Map<String, List<Double>>> results; // feature -> symbol -> values by row
    static final List<Case> CASES = new ArrayList<>();

    static double open(int s, int i) {
        return CLOSE[s][i] + ((i % 3) - 1) * 0.75;
    }

    static double high(int s, int i) {
        return Math.max(open(s, i), CLOSE[s][i]) + 0.5;
    }

    static double low(int s, int i) {
        return Math.min(open(s, i), CLOSE[s][i]) - 0.25;
    }

    static long volume(int s, int i) {
        return 1000 + (long) ((i * 37 + s * 11) % 17) * 100;
    }

    /** The last n closes up to row i, or null when fewer than n exist (the pandas min_periods=n rule). */
    static double[] last(int s, int i, int n) {
        return i + 1 < n ? null : Arrays.copyOfRange(CLOSE[s], i - n + 1, i + 1);
    }

    static double[] lastVolumes(int s, int i, int n) {
        if (i + 1 < n) {
            return null;
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = volume(s, i - n + 1 + k);
        }
        return v;
    }

    interface Stat {
        double of(double[] w);
    }

    static Reference rolling(int n, Stat stat) {
        return (s, i) -> {
            double[] w = last(s, i, n);
            return w == null ? null : stat.of(w);
        };
    }

    static double mean(double[] w) {
        return Arrays.stream(w).average().orElseThrow();
    }

    static double variance(double[] w) {
        double m = mean(w);
        return Arrays.stream(w).map(x -> (x - m) * (x - m)).sum() / (w.length - 1);
    }

    static double cov(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - ma) * (b[k] - mb);
        }
        return s / (a.length - 1);
    }

    static double quantile(double[] w, double q) {
        double[] s = w.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    static double centralMoment(double[] w, int k) {
        double m = mean(w);
        return Arrays.stream(w).map(x -> Math.pow(x - m, k)).sum() / w.length;
    }

    /** scipy.stats.skew(bias=False). */
    static double skew(double[] w) {
        int n = w.length;
        double g1 = centralMoment(w, 3) / Math.pow(centralMoment(w, 2), 1.5);
        return g1 * Math.sqrt(n * (n - 1.0)) / (n - 2);
    }

    /** scipy.stats.kurtosis(bias=False, fisher=True). */
    static double kurt(double[] w) {
        int n = w.length;
        double g2 = centralMoment(w, 4) / Math.pow(centralMoment(w, 2), 2) - 3;
        return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2.0) * (n - 3));
    }

    /** Ordinary least squares of w on t = 1..n: {slope, intercept, r2}. */
    static double[] ols(double[] w) {
        int n = w.length;
        double st = 0, sx = 0, stt = 0, stx = 0;
        for (int k = 0; k < n; k++) {
            double t = k + 1;
            st += t;
            sx += w[k];
            stt += t * t;
            stx += t * w[k];
        }
        double slope = (n * stx - st * sx) / (n * stt - st * st);
        double intercept = (sx - slope * st) / n;
        double ssRes = 0;
        double ssTot = 0;
        double m = sx / n;
        for (int k = 0; k < n; k++) {
            double fit = intercept + slope * (k + 1);
            ssRes += (w[k] - fit) * (w[k] - fit);
            ssTot += (w[k] - m) * (w[k] - m);
        }
        return new double[] {slope, intercept, 1 - ssRes / ssTot};
    }

    static int firstIndexOf(double[] w, double target) {
        for (int k = 0; k < w.length; k++) {
            if (w[k] == target) {
                return k + 1;
            }
        }
        throw new AssertionError();
    }

    static {
        CASES.add(new Case("ref", "Ref($close, 2)", (s, i) -> i < 2 ? null : CLOSE[s][i - 2]));
        CASES.add(new Case("delta", "Delta($close, 3)", (s, i) -> i < 3 ? null : CLOSE[s][i] - CLOSE[s][i - 3]));
        CASES.add(new Case("mean", "Mean($close, 4)", rolling(4, ExpressionCompilerTest::mean)));
        CASES.add(new Case("sum", "Sum($close, 3)", rolling(3, w -> Arrays.stream(w).sum())));
        CASES.add(new Case("std", "Std($close, 4)", rolling(4, w -> Math.sqrt(variance(w)))));
        CASES.add(new Case("var", "Var($close, 5)", rolling(5, ExpressionCompilerTest::variance)));
        CASES.add(new Case("max", "Max($close, 4)", rolling(4, w -> Arrays.stream(w).max().orElseThrow())));
        CASES.add(new Case("min", "Min($close, 4)", rolling(4, w -> Arrays.stream(w).min().orElseThrow())));
        CASES.add(new Case("med4", "Med($close, 4)", rolling(4, w -> quantile(w, 0.5))));
        CASES.add(new Case("med5", "Med($close, 5)", rolling(5, w -> quantile(w, 0.5))));
        CASES.add(new Case("mad", "Mad($close, 4)", rolling(4, w -> {
            double m = mean(w);
            return Arrays.stream(w).map(x -> Math.abs(x - m)).average().orElseThrow();
        })));
        CASES.add(new Case("skew", "Skew($close, 5)", rolling(5, ExpressionCompilerTest::skew)));
        CASES.add(new Case("kurt", "Kurt($close, 6)", rolling(6, ExpressionCompilerTest::kurt)));
        CASES.add(new Case("q80", "Quantile($close, 5, 0.8)", rolling(5, w -> quantile(w, 0.8))));
        CASES.add(new Case("q25", "Quantile($close, 4, 0.25)", rolling(4, w -> quantile(w, 0.25))));
        CASES.add(new Case("idxmax", "IdxMax($close, 4)", rolling(4, w -> firstIndexOf(w, Arrays.stream(w).max().orElseThrow()))));
        CASES.add(new Case("idxmin", "IdxMin($close, 4)", rolling(4, w -> firstIndexOf(w, Arrays.stream(w).min().orElseThrow()))));
        // pandas rank(pct=True), method='average': the mean of the tied ranks over n.
        CASES.add(new Case("rank", "Rank($close, 5)", rolling(5, w -> {
            double cur = w[w.length - 1];
            double less = Arrays.stream(w).filter(x -> x < cur).count();
            double equal = Arrays.stream(w).filter(x -> x == cur).count();
            return (less + (equal + 1) / 2.0) / w.length;
        })));
        CASES.add(new Case("corr", "Corr($close, $volume, 5)", (s, i) -> {
            double[] a = last(s, i, 5);
            double[] b = lastVolumes(s, i, 5);
            return a == null ? null : cov(a, b) / Math.sqrt(variance(a) * variance(b));
        }));
        CASES.add(new Case("cov", "Cov($close, $volume, 4)", (s, i) -> {
            double[] a = last(s, i, 4);
            return a == null ? null : cov(a, lastVolumes(s, i, 4));
        }));
        CASES.add(new Case("slope", "Slope($close, 5)", rolling(5, w -> ols(w)[0])));
        CASES.add(new Case("rsquare", "Rsquare($close, 5)", rolling(5, w -> ols(w)[2])));
        CASES.add(new Case("resi", "Resi($close, 5)", rolling(5, w -> {
            double[] fit = ols(w);
            return w[w.length - 1] - (fit[1] + fit[0] * w.length);
        })));
        // pandas ewm(span=3, adjust=False) over the full history, seeded with the first close.
        CASES.add(new Case("ema", "EMA($close, 3)", (s, i) -> {
            if (i < 2) {
                return null;
            }
            double alpha = 2.0 / 4;
            double y = CLOSE[s][0];
            for (int k = 1; k <= i; k++) {
                y = alpha * CLOSE[s][k] + (1 - alpha) * y;
            }
            return y;
        }));
        // Wilder's smoothing: a factor in (0, 1) is the alpha itself; null until the period 1/alpha = 4 rows.
        CASES.add(new Case("ema_wilder", "EMA($close, 1/4)", (s, i) -> {
            if (i < 3) {
                return null;
            }
            double y = CLOSE[s][0];
            for (int k = 1; k <= i; k++) {
                y = 0.25 * CLOSE[s][k] + 0.75 * y;
            }
            return y;
        }));
        CASES.add(new Case("power", "Power($close, 0.5)", (s, i) -> Math.sqrt(CLOSE[s][i])));
        CASES.add(new Case("wma", "WMA($close, 4)", rolling(4, w -> {
            double num = 0;
            for (int k = 0; k < w.length; k++) {
                num += (k + 1) * w[k];
            }
            return num / 10.0;
        })));
        CASES.add(new Case("abs", "Abs($close - 5)", (s, i) -> Math.abs(CLOSE[s][i] - 5)));
        CASES.add(new Case("log", "Log($close)", (s, i) -> Math.log(CLOSE[s][i])));
        CASES.add(new Case("sign", "Sign($close - 5)", (s, i) -> Math.signum(CLOSE[s][i] - 5)));
        CASES.add(new Case("greater", "Greater($close, $open)", (s, i) -> Math.max(CLOSE[s][i], open(s, i))));
        CASES.add(new Case("less", "Less($close, $open)", (s, i) -> Math.min(CLOSE[s][i], open(s, i))));
        CASES.add(new Case("if", "If($close > $open & $volume >= 1500, $high, -$low)",
                (s, i) -> CLOSE[s][i] > open(s, i) && volume(s, i) >= 1500 ? high(s, i) : -low(s, i)));
        CASES.add(new Case("vwap", "$vwap", (s, i) -> (high(s, i) + low(s, i) + CLOSE[s][i]) / 3));
        CASES.add(new Case("arith", "-($close - $open) * 2 / ($high - $low) + 1",
                (s, i) -> -(CLOSE[s][i] - open(s, i)) * 2 / (high(s, i) - low(s, i)) + 1));
        // Nested: the return series has its first value on row 1, so a 3-row mean of it first exists on row 3.
        CASES.add(new Case("nested", "Mean($close/Ref($close,1)-1, 3)", (s, i) -> {
            if (i < 3) {
                return null;
            }
            double sum = 0;
            for (int k = i - 2; k <= i; k++) {
                sum += CLOSE[s][k] / CLOSE[s][k - 1] - 1;
            }
            return sum / 3;
        }));
        CASES.add(new Case("nested2", "Std(Mean($close, 2) - Ref(Mean($close, 2), 1), 3) + Mean($close, 2)", (s, i) -> {
            if (i < 4) {
                return null;
            }
            double[] d = new double[3];
            for (int k = 0; k < 3; k++) {
                int j = i - 2 + k;
                d[k] = (CLOSE[s][j] + CLOSE[s][j - 1]) / 2 - (CLOSE[s][j - 1] + CLOSE[s][j - 2]) / 2;
            }
            return Math.sqrt(variance(d)) + (CLOSE[s][i] + CLOSE[s][i - 1]) / 2;
        }));
        CASES.add(new Case("csrank", "CSRank($close)", (s, i) -> {
            double cur = CLOSE[s][i];
            double less = 0;
            double equal = 0;
            for (double[] series : CLOSE) {
                less += series[i] < cur ? 1 : 0;
                equal += series[i] == cur ? 1 : 0;
            }
            return (less + (equal + 1) / 2.0) / CLOSE.length;
        }));
        CASES.add(new Case("cszscore", "CSZScore($close)", (s, i) -> {
            double[] x = {CLOSE[0][i], CLOSE[1][i], CLOSE[2][i]};
            return (CLOSE[s][i] - mean(x)) / Math.sqrt(variance(x));
        }));
        CASES.add(new Case("csrank_of_ts", "CSRank(Mean($close, 3))", (s, i) -> {
            if (i < 2) {
                return null;
            }
            double cur = mean(last(s, i, 3));
            double less = 0;
            double equal = 0;
            for (int k = 0; k < CLOSE.length; k++) {
                double v = mean(last(k, i, 3));
                less += v < cur ? 1 : 0;
                equal += Math.abs(v - cur) < 1e-12 ? 1 : 0;
            }
            return (less + (equal + 1) / 2.0) / CLOSE.length;
        }));
    }

    static Dataset<Row> bars() {
        List<Row> rows = new ArrayList<>();
        long day = 86_400_000L;
        for (int s = 0; s < SYMBOLS.length; s++) {
            // Rows deliberately out of order: the windows, not the input order, must define the series.
            for (int i = ROWS - 1; i >= 0; i--) {
                rows.add(RowFactory.create(SYMBOLS[s], "1d", new Timestamp(1_600_000_000_000L + i * day),
                        open(s, i), high(s, i), low(s, i), CLOSE[s][i], volume(s, i)));
            }
        }
        return FeatureFrames.bars(rows);
    }

    @BeforeAll
    static void computeAll() {
        bars = bars();
        Map<String, String> features = new LinkedHashMap<>();
        CASES.forEach(c -> features.put(c.name(), c.expr()));
        Dataset<Row> out = new ExpressionCompiler().compileAll(bars, features, "test.yaml");
        assertFalse(Arrays.stream(out.columns()).anyMatch(c -> c.startsWith(ExpressionCompiler.HELPER_PREFIX)),
                "helper columns must be dropped: " + Arrays.toString(out.columns()));
        results = new LinkedHashMap<>();
        // ~40 features on 36 rows: generating code would cost more than evaluating them
        List<Row> collected = FeatureFrames.collectInterpreted(out.orderBy("symbol", "ts"));
        for (Case c : CASES) {
            Map<String, List<Double>> bySymbol = new LinkedHashMap<>();
            for (Row r : collected) {
                Object v = r.get(r.fieldIndex(c.name()));
                bySymbol.computeIfAbsent(r.getString(r.fieldIndex("symbol")), k -> new ArrayList<>())
                        .add(v == null ? null : ((Number) v).doubleValue());
            }
            results.put(c.name(), bySymbol);
        }
    }

    @Test
    void everyOperatorMatchesItsReferenceOnEverySymbolAndRow() {
        List<String> mismatches = new ArrayList<>();
        for (Case c : CASES) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                List<Double> actual = results.get(c.name()).get(SYMBOLS[s]);
                assertEquals(ROWS, actual.size());
                for (int i = 0; i < ROWS; i++) {
                    Double expected = c.ref().at(s, i);
                    Double got = actual.get(i);
                    boolean ok = expected == null ? got == null
                            : got != null && Math.abs(expected - got) <= TOLERANCE * Math.max(1, Math.abs(expected));
                    if (!ok) {
                        mismatches.add(c.name() + " " + SYMBOLS[s] + " row " + i + ": expected " + expected + " got " + got);
                    }
                }
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    @Test
    void timeSeriesOperatorsAreNullUntilTheirWindowFillsInEachSymbol() {
        for (String symbol : SYMBOLS) {
            List<Double> mean4 = results.get("mean").get(symbol);
            assertNull(mean4.get(2), symbol);
            assertNotNull(mean4.get(3), symbol);
            List<Double> kurt6 = results.get("kurt").get(symbol);
            assertNull(kurt6.get(4), symbol);
            assertNotNull(kurt6.get(5), symbol);
        }
        // The second symbol's first window must not borrow the first symbol's last rows.
        assertEquals((5 + 3 + 4 + 8) / 4.0, results.get("mean").get("BBB").get(3), TOLERANCE);
    }

    @Test
    void compileContractOnAPreparedFrame() {
        ExpressionCompiler compiler = new ExpressionCompiler();
        Dataset<Row> prepared = compiler.prepare(bars);
        assertTrue(Arrays.asList(prepared.columns()).contains(ExpressionCompiler.ROW_NUMBER));
        Column mean = compiler.compile(ExpressionParser.parse("m", "t", "Mean($close, 4) / $open"));
        Dataset<Row> out = compiler.finish(prepared.withColumn("m", mean));
        assertFalse(Arrays.asList(out.columns()).contains(ExpressionCompiler.ROW_NUMBER));
        double[] got = out.filter(col("symbol").equalTo("AAA")).orderBy("ts").select("m").collectAsList().stream()
                .map(r -> r.isNullAt(0) ? Double.NaN : r.getDouble(0)).mapToDouble(Double::doubleValue).toArray();
        double[] expected = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double[] w = last(0, i, 4);
            expected[i] = w == null ? Double.NaN : mean(w) / open(0, i);
        }
        assertArrayEquals(expected, got, TOLERANCE);
        assertThrows(IllegalArgumentException.class,
                () -> compiler.compile(ExpressionParser.parse("n", "t", "Mean(Ref($close, 1), 3)")));
    }

    @Test
    void unknownFieldIsAConfigErrorWithPosition() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ExpressionCompiler()
                .compileAll(bars, Map.of("bad", "Mean($closing, 3)"), "conf/features/x.yaml"));
        assertTrue(e.getMessage().startsWith("feature 'bad' in conf/features/x.yaml at position 6: unknown field $closing"),
                e.getMessage());
    }

    @Test
    void sharedWindowSubExpressionsAreComputedOnce() {
        Map<String, String> features = new LinkedHashMap<>();
        features.put("a", "Mean($close, 3)");
        features.put("b", "Mean($close, 3) * 2");
        features.put("c", "Std(Mean($close,3), 3) / mean($close, 3)");
        String plan = new ExpressionCompiler().compileAll(bars, features).queryExecution().analyzed().toString();
        assertEquals(1, plan.split("avg\\(", -1).length - 1, plan);
        assertEquals(1, plan.split("stddev_samp\\(", -1).length - 1, plan);
    }

    @Test
    void constantWindowsGiveNullForScaleFreeStatistics() {
        Map<String, String> features = new LinkedHashMap<>();
        features.put("skew", "Skew($c, 3)");
        features.put("kurt", "Kurt($c, 4)");
        features.put("rsq", "Rsquare($c, 3)");
        features.put("std", "Std($c, 3)");
        features.put("ema_of_nulls", "EMA($c / 0, 2)"); // division by zero is null: an all-null history
        Dataset<Row> constant = bars.withColumn("c", org.apache.spark.sql.functions.lit(7.0));
        Row last = new ExpressionCompiler().compileAll(constant, features)
                .filter(col("symbol").equalTo("AAA")).orderBy(col("ts").desc()).first();
        assertTrue(last.isNullAt(last.fieldIndex("skew")));
        assertTrue(last.isNullAt(last.fieldIndex("kurt")));
        assertTrue(last.isNullAt(last.fieldIndex("rsq")));
        assertEquals(0.0, last.getDouble(last.fieldIndex("std")), TOLERANCE);
        assertTrue(last.isNullAt(last.fieldIndex("ema_of_nulls")));
    }
}
