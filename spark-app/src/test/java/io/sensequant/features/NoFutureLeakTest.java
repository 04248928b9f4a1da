package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.features.expr.Lookback;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No feature and no label at time t may depend on bars after t + H, H the longest horizon of any label or
 * candidate target. Property test: features (seed15, scale_free, alpha158) and every label/target column are
 * computed on two synthetic symbols of 150 daily bars; seeded random scenarios (each with its own t) then
 * perturb the prices and volumes of every bar with ts > t + H days (one bar per calendar day, so that is every
 * bar more than H bars after t) and every value at ts <= t must stay bit-identical (nulls equal); tighter, a
 * column reading h bars ahead must stay identical up to t + H - h, so a feature peeking one bar ahead fails. The
 * converse shows the test can fail: perturbing just the bar at t + h changes the h-horizon forward return and 3-class
 * label at t, and nothing else there.
 *
 * <p>All scenarios are computed in one Spark job: each scenario is its own value of the {@code interval}
 * column, and every window the engine uses partitions by interval (series: symbol and interval; cross-sections:
 * ts and interval; labels and bar_index: symbol and interval), so each scenario is computed exactly as it
 * would be alone — checked below by every (scenario, symbol) series having bar indexes 1..150. Computing
 * alpha158 once rather than once per scenario keeps this test to seconds.
 */
class NoFutureLeakTest {
    static final String[] SYMBOLS = {"AAA", "BBB"};
    static final int BARS = 150;
    static final long DAY_MS = 86_400_000L;
    static final long START_MS = Instant.parse("2024-01-01T04:00:00Z").toEpochMilli();
    static final String BASELINE = "1day";
    static final long[] RANDOM_SEEDS = {11, 22, 33};
    static final String PROBED = BASELINE + "~probes";
    /** The first bar (0-based) the probe scenario perturbs. */
    static final int FIRST_PROBE_BAR = 110;
    static final Pattern HORIZON = Pattern.compile("_(\\d+)d(_|$)");

    /** A scenario: its interval key, its t (0-based row), and per symbol the bars {open, high, low, close, volume}. */
    record Scenario(String interval, int t, Map<String, double[][]> bars) {
    }

    /** In the probe scenario, bar = row + horizon is perturbed so that the horizon's targets at row move. */
    record Probe(int row, int bar, int horizon) {
    }

    static PipelineConfig.Features settings;
    static FeaturePlan plan;
    static int horizon;
    static Map<String, double[][]> baseBars;
    static final List<Scenario> RANDOM = new ArrayList<>();
    static final List<Probe> PROBES = new ArrayList<>();
    /** interval -> symbol -> rows ordered by ts. */
    static Map<String, Map<String, List<Row>>> out;
    static String[] columns;

    static double[][] generate(String symbol) {
        Random rnd = new Random(symbol.hashCode());
        double[][] b = new double[BARS][];
        double close = 50 + rnd.nextInt(100);
        for (int i = 0; i < BARS; i++) {
            double open = close * (1 + 0.01 * rnd.nextGaussian());
            close = open * (1 + 0.02 * rnd.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.01 * rnd.nextDouble());
            double low = Math.min(open, close) * (1 - 0.01 * rnd.nextDouble());
            b[i] = new double[] {open, high, low, close, 1000 + rnd.nextInt(9000)};
        }
        return b;
    }

    static double[][] copy(double[][] bars) {
        return Arrays.stream(bars).map(double[]::clone).toArray(double[][]::new);
    }

    /** Scales a bar's prices by f (keeping high >= open, close >= low) and its volume by v. */
    static void scale(double[] bar, double f, double v) {
        for (int k = 0; k < 4; k++) {
            bar[k] *= f;
        }
        bar[4] = Math.max(1, Math.round(bar[4] * v));
    }

    @BeforeAll
    static void computeAllScenarios() {
        settings = SharedSpark.testConfig("features.sets=seed15,scale_free,alpha158").features();
        plan = FeaturePlan.load(ConfDir.locate(), settings);
        horizon = new TreeSet<>(settings.candidateTargets().horizons()).last();
        horizon = Math.max(horizon, settings.forecastHorizonDays());
        baseBars = new LinkedHashMap<>();
        for (String s : SYMBOLS) {
            baseBars.put(s, generate(s));
        }
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario(BASELINE, -1, baseBars));
        int lowest = plan.lookbackBars() + 10;           // rows <= t include fully defined features
        int highest = BARS - horizon - 3;                  // at least two bars after t + H are perturbed
        for (long seed : RANDOM_SEEDS) {
            Random rnd = new Random(seed);
            int t = lowest + rnd.nextInt(highest - lowest + 1);
            Map<String, double[][]> bars = new LinkedHashMap<>();
            for (String s : SYMBOLS) {
                double[][] b = copy(baseBars.get(s));
                for (int i = t + horizon + 1; i < BARS; i++) {
                    scale(b[i], 0.5 + 1.5 * rnd.nextDouble(), 0.1 + 5 * rnd.nextDouble());
                }
                bars.put(s, b);
            }
            Scenario scenario = new Scenario(BASELINE + "~random" + seed, t, bars);
            RANDOM.add(scenario);
            all.add(scenario);
        }
        // One more scenario probes every horizon h (ascending) at once: in each series it perturbs only the bars
        // FIRST_PROBE_BAR + i, bar i probing row bar - h_i. Every perturbed bar lies after every probe row (so no
        // feature at a probe row can see one), and no perturbed bar is any other horizon away from another probe
        // row (checked here), so at probe row p exactly the h-horizon targets can move.
        List<Integer> horizons = new ArrayList<>(new TreeSet<>(settings.candidateTargets().horizons()));
        if (!horizons.contains(settings.forecastHorizonDays())) {
            horizons.add(settings.forecastHorizonDays());
            horizons.sort(null);
        }
        for (int i = 0; i < horizons.size(); i++) {
            PROBES.add(new Probe(FIRST_PROBE_BAR + i - horizons.get(i), FIRST_PROBE_BAR + i, horizons.get(i)));
        }
        for (Probe p : PROBES) {
            assertTrue(p.row() >= lowest && p.row() < FIRST_PROBE_BAR, p.toString());
            for (Probe q : PROBES) {
                for (int h : horizons) {
                    assertTrue(p == q || p.bar() - h != q.row(), p + " would also move " + q);
                }
            }
        }
        Map<String, double[][]> probed = new LinkedHashMap<>();
        for (String s : SYMBOLS) {
            double[][] b = copy(baseBars.get(s));
            for (Probe p : PROBES) {
                // Turn the h-bar return at the probe row into a 10% move against its baseline direction.
                double base = b[p.row()][3];
                double target = b[p.bar()][3] >= base ? base * 0.9 : base * 1.1;
                scale(b[p.bar()], target / b[p.bar()][3], 3);
            }
            probed.put(s, b);
        }
        all.add(new Scenario(PROBED, -1, probed));

        List<Row> rows = new ArrayList<>();
        for (Scenario sc : all) {
            sc.bars().forEach((symbol, b) -> {
                // Newest first: the windows, not the input order, must order each series.
                for (int i = BARS - 1; i >= 0; i--) {
                    rows.add(RowFactory.create(symbol, sc.interval(), new Timestamp(START_MS + i * DAY_MS),
                            b[i][0], b[i][1], b[i][2], b[i][3], (long) b[i][4]));
                }
            });
        }
        Dataset<Row> computed = FeatureEngine.compute(FeatureFrames.bars(rows), plan, settings)
                .orderBy("interval", "symbol", "ts");
        columns = computed.columns();
        out = new LinkedHashMap<>();
        for (Row r : FeatureFrames.collectInterpreted(computed)) {
            out.computeIfAbsent(r.getString(r.fieldIndex("interval")), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getString(r.fieldIndex("symbol")), k -> new ArrayList<>()).add(r);
        }
    }

    static List<Row> series(String interval, String symbol) {
        return out.get(interval).get(symbol);
    }

    static Object value(Row r, String column) {
        return r.get(r.fieldIndex(column));
    }

    static boolean isTarget(String column) {
        return column.startsWith(FeatureColumns.FORWARD_RETURN) || column.startsWith(FeatureColumns.LABEL);
    }

    /** How many bars ahead a column reads: a target's horizon, 0 for everything else. */
    static int horizonOf(String column) {
        if (!isTarget(column)) {
            return 0;
        }
        Matcher m = HORIZON.matcher(column);
        return m.find() ? Integer.parseInt(m.group(1)) : settings.forecastHorizonDays();
    }

    @Test
    void everyScenarioIsItsOwnCompleteSeries() {
        assertEquals(1 + RANDOM_SEEDS.length + 1, out.size());
        assertEquals(List.of(new Probe(107, 110, 3), new Probe(104, 111, 7), new Probe(97, 112, 15)), PROBES);
        for (Map<String, List<Row>> bySymbol : out.values()) {
            assertEquals(List.of(SYMBOLS), List.copyOf(bySymbol.keySet()));
            for (List<Row> rows : bySymbol.values()) {
                assertEquals(BARS, rows.size());
                for (int i = 0; i < BARS; i++) {
                    assertEquals(i + 1, rows.get(i).getInt(rows.get(i).fieldIndex(FeatureColumns.BAR_INDEX)));
                }
            }
        }
        // What the test covers: 158 + 15 + 4 features, the primary target and the candidate targets.
        assertEquals(177, plan.columns().size());
        long targets = Arrays.stream(columns).filter(NoFutureLeakTest::isTarget).count();
        assertEquals(2 + 3 * (1 + 2 * 2), targets, Arrays.toString(columns));
        assertEquals(15, horizon);
    }

    /**
     * The property as stated, every column at ts <= t, checked in its tight form: a column that reads h bars ahead
     * (a target of horizon h; 0 for features, bars and bookkeeping) reads only unperturbed bars up to row
     * t + H - h, so it must be identical there; the row after that reads a perturbed bar and changes.
     */
    @Test
    void perturbingBarsAfterTPlusHChangesNothingAtOrBeforeT() {
        for (Scenario sc : RANDOM) {
            for (String symbol : SYMBOLS) {
                List<Row> base = series(BASELINE, symbol);
                List<Row> perturbed = series(sc.interval(), symbol);
                int cells = 0;
                for (String c : columns) {
                    if (c.equals("interval")) {
                        continue;
                    }
                    int last = sc.t() + horizon - horizonOf(c);
                    for (int i = 0; i <= last; i++) {
                        // Double.equals compares bits: identical values, not merely close ones.
                        assertTrue(Objects.equals(value(base.get(i), c), value(perturbed.get(i), c)),
                                sc.interval() + " " + symbol + " row " + i + " (t = " + sc.t() + ") column " + c
                                        + ": " + value(base.get(i), c) + " vs " + value(perturbed.get(i), c));
                        cells++;
                    }
                    if (c.startsWith(FeatureColumns.FORWARD_RETURN)) {
                        // Tight: one row later the forward return reads the first perturbed close.
                        assertNotNull(value(base.get(last + 1), c));
                        assertNotEquals(value(base.get(last + 1), c), value(perturbed.get(last + 1), c),
                                sc.interval() + " " + symbol + " " + c + " row " + (last + 1));
                    }
                }
                assertTrue(cells >= (sc.t() + 1) * (columns.length - 1));
                // The first perturbed bar's own features move (its return reads it).
                int first = sc.t() + horizon + 1;
                assertNotEquals(value(base.get(first), "ret_1d"), value(perturbed.get(first), "ret_1d"));
            }
        }
        assertTrue(RANDOM.stream().allMatch(s -> s.t() >= plan.lookbackBars() + 10 && s.t() <= BARS - horizon - 3));
        assertEquals(3, RANDOM.stream().map(Scenario::t).distinct().count(), "each scenario has its own t");
    }

    @Test
    void perturbingTheBarAtTPlusHChangesTheHHorizonTargetsAtT() {
        List<Double> thresholds = settings.candidateTargets().thresholds();
        for (String symbol : SYMBOLS) {
            for (Probe p : PROBES) {
                int h = p.horizon();
                Row base = series(BASELINE, symbol).get(p.row());
                Row perturbed = series(PROBED, symbol).get(p.row());
                double expected = (Double) value(series(PROBED, symbol).get(p.bar()), "close") / (Double) value(base, "close") - 1;
                assertEquals(0.1, Math.abs(expected), 1e-12);
                List<String> changed = new ArrayList<>();
                for (String c : columns) {
                    if (!c.equals("interval") && !Objects.equals(value(base, c), value(perturbed, c))) {
                        changed.add(c);
                    }
                }
                // Exactly the h-horizon targets move; features and other horizons read nothing at row + h.
                assertFalse(changed.isEmpty(), p.toString());
                for (String c : changed) {
                    assertTrue(isTarget(c) && horizonOf(c) == h, p + " changed " + c);
                }
                List<String> forwardColumns = new ArrayList<>();
                if (h == settings.forecastHorizonDays()) {
                    forwardColumns.add(FeatureColumns.FORWARD_RETURN);
                    assertEquals(expected > 0 ? Labels.UP : Labels.DOWN, value(perturbed, FeatureColumns.LABEL));
                    assertTrue(changed.contains(FeatureColumns.LABEL), changed.toString());
                }
                if (settings.candidateTargets().horizons().contains(h)) {
                    forwardColumns.add(FeatureColumns.forwardReturn(h));
                    for (double threshold : thresholds) {
                        String threeClass = FeatureColumns.threeClass(h, threshold);
                        assertEquals(expected > threshold ? Labels.UP : expected < -threshold ? Labels.DOWN : Labels.NEUTRAL,
                                value(perturbed, threeClass), threeClass);
                        assertTrue(changed.contains(threeClass), threeClass + " " + changed);
                        String binary = FeatureColumns.binary(h, threshold);
                        assertEquals(expected > threshold ? 1 : 0, value(perturbed, binary), binary);
                    }
                }
                assertFalse(forwardColumns.isEmpty());
                for (String c : forwardColumns) {
                    assertTrue(changed.contains(c), c + " " + changed);
                    assertEquals(expected, (Double) value(perturbed, c), 1e-15, c);
                }
            }
        }
    }

    @Test
    void everyFeatureIsDefinedOnceItsLookbackIsComplete() {
        // The lookback (and so the warm-up policy) is an upper bound on how long a feature stays null.
        for (String symbol : SYMBOLS) {
            List<Row> rows = series(BASELINE, symbol);
            plan.expressions().forEach((name, expr) -> {
                int lookback = Lookback.of(expr);
                for (int i = lookback; i < BARS; i++) {
                    assertNotNull(value(rows.get(i), name), symbol + " " + name + " row " + i + " lookback " + lookback);
                }
            });
            Row firstKept = rows.get(FeatureEngine.warmupBars(plan, settings));
            assertEquals(false, value(firstKept, FeatureColumns.WARMUP));
            assertEquals(true, value(rows.get(FeatureEngine.warmupBars(plan, settings) - 1), FeatureColumns.WARMUP));
        }
    }
}
