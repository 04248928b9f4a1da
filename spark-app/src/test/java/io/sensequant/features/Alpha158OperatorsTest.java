package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.features.expr.Expr;
import io.sensequant.features.expr.ExpressionCompiler;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Alpha158 features by name, from the real conf/features/alpha158.yaml, on a seven-bar series whose expected
 * values are worked out by hand below (the arithmetic is written out, not a second implementation of the
 * operators). Window-5 features are checked where their window first fills and later.
 *
 * <pre>
 * row  open  high  low   close  volume
 *  0   10    11    9     10     100
 *  1   10    13    10    12     300
 *  2   12    12.5  10.5  11     200
 *  3   11    14    11    13     400
 *  4   13    13    11.5  12     100
 *  5   12    16    12    15     500
 *  6   15    15.5  13    14     300
 * </pre>
 */
class Alpha158OperatorsTest {
    /** Hand values are exact rationals (or one sqrt/log); 1e-9 covers double rounding and the 1e-12 guards. */
    static final double TOLERANCE = 1e-9;
    static final double[] OPEN = {10, 10, 12, 11, 13, 12, 15};
    static final double[] HIGH = {11, 13, 12.5, 14, 13, 16, 15.5};
    static final double[] LOW = {9, 10, 10.5, 11, 11.5, 12, 13};
    static final double[] CLOSE = {10, 12, 11, 13, 12, 15, 14};
    static final long[] VOLUME = {100, 300, 200, 400, 100, 500, 300};
    static final List<String> SELECTED = List.of("KMID", "KLEN", "KUP2", "KSFT", "VWAP0", "ROC5", "MA5", "STD5",
            "BETA5", "RSQR5", "RESI5", "MAX5", "MIN5", "QTLU5", "RANK5", "RSV5", "IMAX5", "IMIN5", "IMXD5", "CORR5",
            "CNTP5", "CNTD5", "SUMP5", "VMA5", "VSUMP5");

    static FeaturePlan plan;
    static Map<String, Double[]> values;

    @BeforeAll
    static void compute() {
        plan = FeaturePlan.of(List.of(FeatureSetFiles.load(ConfDir.locate(), "alpha158")));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < CLOSE.length; i++) {
            rows.add(RowFactory.create("TINY", "1day", new Timestamp(1_700_000_000_000L + i * 86_400_000L),
                    OPEN[i], HIGH[i], LOW[i], CLOSE[i], VOLUME[i]));
        }
        Map<String, Expr> selected = new LinkedHashMap<>();
        SELECTED.forEach(name -> selected.put(name, plan.expressions().get(name)));
        List<Row> out = FeatureFrames.collectInterpreted(new ExpressionCompiler()
                .compileParsed(FeatureFrames.bars(rows), selected, plan::sourceOf).orderBy("ts"));
        assertEquals(CLOSE.length, out.size());
        values = new LinkedHashMap<>();
        for (String name : SELECTED) {
            Double[] v = new Double[out.size()];
            for (int i = 0; i < out.size(); i++) {
                Row r = out.get(i);
                assertEquals(CLOSE[i], r.getDouble(r.fieldIndex("close")));
                int at = r.fieldIndex(name);
                v[i] = r.isNullAt(at) ? null : r.getDouble(at);
            }
            values.put(name, v);
        }
    }

    static void check(String feature, int row, double expected) {
        Double got = values.get(feature)[row];
        assertNotNull(got, feature + " row " + row);
        assertEquals(expected, got, TOLERANCE, feature + " row " + row);
    }

    static void nullUntil(String feature, int firstRow) {
        for (int i = 0; i < firstRow; i++) {
            assertNull(values.get(feature)[i], feature + " row " + i + " (window incomplete)");
        }
        assertNotNull(values.get(feature)[firstRow], feature + " row " + firstRow);
    }

    @Test
    void alpha158HasQlibsFeaturesInQlibsOrder() {
        List<String> expected = new ArrayList<>(List.of("KMID", "KLEN", "KMID2", "KUP", "KUP2", "KLOW", "KLOW2", "KSFT",
                "KSFT2", "OPEN0", "HIGH0", "LOW0", "VWAP0"));
        for (String op : List.of("ROC", "MA", "STD", "BETA", "RSQR", "RESI", "MAX", "MIN", "QTLU", "QTLD", "RANK",
                "RSV", "IMAX", "IMIN", "IMXD", "CORR", "CORD", "CNTP", "CNTN", "CNTD", "SUMP", "SUMN", "SUMD", "VMA",
                "VSTD", "WVMA", "VSUMP", "VSUMN", "VSUMD")) {
            for (int d : new int[] {5, 10, 20, 30, 60}) {
                expected.add(op + d);
            }
        }
        assertEquals(158, expected.size());
        assertEquals(expected, plan.columns());
        assertEquals(List.of("ROC5", "ROC10", "ROC20", "ROC30", "ROC60", "MA5"), plan.columns().subList(13, 19));
    }

    @Test
    void kbarFeatures() {
        // Row 1: open 10, high 13, low 10, close 12.
        check("KMID", 1, (12 - 10) / 10.0);
        check("KLEN", 1, (13 - 10) / 10.0);
        check("KUP2", 1, (13 - 12) / (3 + 1e-12));           // high - max(open, close) over the range
        check("KSFT", 1, (2 * 12 - 13 - 10) / 10.0);
        // Row 6: open 15, high 15.5, low 13, close 14 (a down bar: the upper shadow starts at the open).
        check("KMID", 6, -1 / 15.0);
        check("KLEN", 6, 2.5 / 15);
        check("KUP2", 6, 0.5 / (2.5 + 1e-12));
        check("KSFT", 6, (28 - 15.5 - 13) / 15);
        nullUntil("KMID", 0);
    }

    @Test
    void vwapFallsBackToTheTypicalPrice() {
        check("VWAP0", 1, (13 + 10 + 12) / 3.0 / 12);
        check("VWAP0", 6, (15.5 + 13 + 14) / 3.0 / 14);
    }

    @Test
    void rocAndMovingAverageAndSampleStd() {
        nullUntil("ROC5", 5);
        check("ROC5", 5, 10 / 15.0);                          // close 5 bars ago over close
        check("ROC5", 6, 12 / 14.0);
        nullUntil("MA5", 4);
        check("MA5", 4, (10 + 12 + 11 + 13 + 12) / 5.0 / 12);
        check("MA5", 5, (12 + 11 + 13 + 12 + 15) / 5.0 / 15);
        check("MA5", 6, (11 + 13 + 12 + 15 + 14) / 5.0 / 14);
        nullUntil("STD5", 4);
        // Row 6: closes 11 13 12 15 14, mean 13, squared deviations 4 0 1 4 1 = 10; sample variance 10 / 4.
        check("STD5", 6, Math.sqrt(10 / 4.0) / 14);
        // Row 5: closes 12 11 13 12 15, mean 12.6, squared deviations .36 2.56 .16 .36 5.76 = 9.2.
        check("STD5", 5, Math.sqrt(9.2 / 4) / 15);
    }

    @Test
    void regressionOnTime() {
        // Row 6: y = 11 13 12 15 14 on t = 1..5; t - 3 = -2 -1 0 1 2, y - 13 = -2 0 -1 2 1.
        // Sxy = 4 + 0 + 0 + 2 + 2 = 8, Stt = 10, Syy = 10: slope 0.8, R^2 = 64 / 100,
        // fit at t = 5: 13 + 0.8 * 2 = 14.6, residual 14 - 14.6.
        check("BETA5", 6, 0.8 / 14);
        check("RSQR5", 6, 0.64);
        check("RESI5", 6, -0.6 / 14);
        // Row 5: y = 12 11 13 12 15, mean 12.6; Sxy = 1.2 + 1.6 + 0 - 0.6 + 4.8 = 7, Syy = 9.2.
        // slope 0.7, R^2 = 49 / 92, fit at t = 5: 12.6 + 1.4 = 14, residual 1.
        check("BETA5", 5, 0.7 / 15);
        check("RSQR5", 5, 49 / 92.0);
        check("RESI5", 5, 1 / 15.0);
        nullUntil("RSQR5", 4);
    }

    @Test
    void extremesQuantileRankAndRsv() {
        // Row 6 window: highs 12.5 14 13 16 15.5, lows 10.5 11 11.5 12 13, closes 11 13 12 15 14.
        check("MAX5", 6, 16 / 14.0);
        check("MIN5", 6, 10.5 / 14);
        check("QTLU5", 6, (14 + 0.2 * (15 - 14)) / 14);      // sorted 11 12 13 14 15, position 0.8 * 4 = 3.2
        check("RANK5", 6, 4 / 5.0);                           // 14 is 4th smallest of 5
        check("RSV5", 6, (14 - 10.5) / (16 - 10.5 + 1e-12));
        // Row 5 window: highs 13 12.5 14 13 16, lows 10 10.5 11 11.5 12, closes 12 11 13 12 15.
        check("MAX5", 5, 16 / 15.0);
        check("MIN5", 5, 10 / 15.0);
        check("RANK5", 5, 1.0);
        check("RSV5", 5, (15 - 10) / (16 - 10 + 1e-12));
        // Row 4 window: closes 10 12 11 13 12: the current 12 ties for ranks 3 and 4, average 3.5 (pandas pct rank).
        check("RANK5", 4, 3.5 / 5);
        check("QTLU5", 4, (12 + 0.2 * (13 - 12)) / 12);      // sorted 10 11 12 12 13
        nullUntil("MAX5", 4);
        nullUntil("RSV5", 4);
    }

    @Test
    void positionsOfExtremes() {
        // Row 6: highs 12.5 14 13 16 15.5 -> max at position 4 of 5; lows 10.5 11 11.5 12 13 -> min at 1.
        check("IMAX5", 6, 4 / 5.0);
        check("IMIN5", 6, 1 / 5.0);
        check("IMXD5", 6, (4 - 1) / 5.0);
        // Row 5: highs 13 12.5 14 13 16 -> 5; lows 10 10.5 11 11.5 12 -> 1.
        check("IMAX5", 5, 5 / 5.0);
        check("IMIN5", 5, 1 / 5.0);
        check("IMXD5", 5, (5 - 1) / 5.0);
    }

    @Test
    void correlationOfCloseWithLogVolume() {
        // Row 6: x = 11 13 12 15 14 (deviations -2 0 -1 2 1, sum of squares 10); y = log(volume + 1).
        double[] y = {Math.log(201), Math.log(401), Math.log(101), Math.log(501), Math.log(301)};
        double[] dx = {-2, 0, -1, 2, 1};
        double my = (y[0] + y[1] + y[2] + y[3] + y[4]) / 5;
        double sxy = 0;
        double syy = 0;
        for (int k = 0; k < 5; k++) {
            sxy += dx[k] * (y[k] - my);
            syy += (y[k] - my) * (y[k] - my);
        }
        check("CORR5", 6, sxy / Math.sqrt(10 * syy));
        nullUntil("CORR5", 4);
    }

    @Test
    void countsAndSumsOfMoves() {
        // Close moves by row: 1:+2 2:-1 3:+2 4:-1 5:+3 6:-1. Row 0 has no previous close, so the 5-bar
        // windows of moves first fill at row 5 (moves of rows 1..5).
        nullUntil("CNTP5", 5);
        check("CNTP5", 5, 3 / 5.0);                           // +2 -1 +2 -1 +3: three up
        check("CNTP5", 6, 2 / 5.0);                           // -1 +2 -1 +3 -1: two up
        check("CNTD5", 5, 3 / 5.0 - 2 / 5.0);
        check("CNTD5", 6, 2 / 5.0 - 3 / 5.0);
        nullUntil("SUMP5", 5);
        check("SUMP5", 5, 7 / (9 + 1e-12));                   // gains 2 + 2 + 3 over |moves| 9
        check("SUMP5", 6, 5 / (8 + 1e-12));                   // gains 2 + 3 over |moves| 8
    }

    @Test
    void volumeFeatures() {
        nullUntil("VMA5", 4);
        check("VMA5", 4, (100 + 300 + 200 + 400 + 100) / 5.0 / (100 + 1e-12));
        check("VMA5", 5, (300 + 200 + 400 + 100 + 500) / 5.0 / (500 + 1e-12));
        // Volume moves by row: 1:+200 2:-100 3:+200 4:-300 5:+400 6:-200.
        nullUntil("VSUMP5", 5);
        check("VSUMP5", 5, 800 / (1200 + 1e-12));             // +200 -100 +200 -300 +400
        check("VSUMP5", 6, 600 / (1200 + 1e-12));             // -100 +200 -300 +400 -200
    }
}
