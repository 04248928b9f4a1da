package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.MarketData;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.StageSnapshot;
import io.delta.tables.DeltaTable;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FEATURES phase's point-in-time check. The expression language cannot peek: window arguments must be positive
 * integer literals, so {@code Ref($close, -1)} is rejected when the set file is read (shown below). What is left to
 * catch is a computation that reads later bars although the expression does not, the way an engine bug (a window
 * frame off by one, a lead for a lag) would; {@link #PEEKS_ONE_BAR} is such a computation, the real engine plus the
 * user feature {@value #PEEK} computed as the next bar's return. The check must name it (action fail), drop it from
 * the model inputs (action exclude), and pass the standard sets (no false positive).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointInTimeCheckTest {
    static final String PEEK = "next_ret";
    static final String PEEK_SET = "peeky";
    static final List<String> SYMBOLS = List.of("INFY", "TCS");
    static final String FIRST_DAY = "2024-01-01";
    /** FIRST_DAY + BARS - 1 days: one bar per calendar day. */
    static final String LAST_DAY = "2024-06-08";
    static final int BARS = 160;
    static final long DAY_MS = 86_400_000L;
    static final long START_MS = Instant.parse(FIRST_DAY + "T04:00:00Z").toEpochMilli();

    /** The real engine, except that {@value #PEEK} is the return from this bar's close to the next one's. */
    static final FeatureComputation PEEKS_ONE_BAR = (bars, plan, settings) -> FeatureEngine.compute(bars, plan, settings)
            .withColumn(PEEK, lead(col("close"), 1).over(Window.partitionBy("symbol", "interval").orderBy("ts"))
                    .divide(col("close")).minus(1));

    @TempDir
    static Path dir;
    String previousConfDir;
    Path conf;
    Lake lake;

    /** A copy of conf/ with the user's set file conf/features/peeky.yaml, and a small ingested lake. */
    @BeforeAll
    void userConfAndLake() throws IOException {
        previousConfDir = System.getProperty(ConfDir.SYSTEM_PROPERTY);
        Path original = Path.of(previousConfDir);
        conf = dir.resolve("conf");
        try (Stream<Path> files = Files.walk(original)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = conf.resolve(original.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        // As the user writes it: one bar's return. PEEKS_ONE_BAR computes it one bar ahead.
        Files.writeString(conf.resolve("features/" + PEEK_SET + ".yaml"), """
                description: a user's own feature set
                features:
                  %s: $close / Ref($close, 1) - 1
                """.formatted(PEEK));
        System.setProperty(ConfDir.SYSTEM_PROPERTY, conf.toString());
        // The ohlcv table as ingestion lays it out (partitioned by symbol and ts_part), written directly: the
        // ingest phase is not under test and costs more than the check itself.
        lake = new Lake(SharedSpark.get(), dir.resolve("lake").toString());
        FeatureFrames.bars(syntheticBars()).withColumn(OhlcvSchema.TS_PART, date_format(col(OhlcvSchema.TS), "yyyy"))
                .write().format("delta").partitionBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS_PART).save(lake.path(LakeTable.OHLCV));
    }

    @AfterAll
    void restoreConfDir() {
        System.setProperty(ConfDir.SYSTEM_PROPERTY, previousConfDir);
    }

    static List<Row> syntheticBars() {
        List<Row> rows = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            Random rnd = new Random(symbol.hashCode());
            double close = 50 + rnd.nextInt(100);
            for (int i = 0; i < BARS; i++) {
                double open = close * (1 + 0.01 * rnd.nextGaussian());
                close = open * (1 + 0.02 * rnd.nextGaussian());
                double high = Math.max(open, close) * (1 + 0.01 * rnd.nextDouble());
                double low = Math.min(open, close) * (1 - 0.01 * rnd.nextDouble());
                rows.add(RowFactory.create(symbol, "1day", new Timestamp(START_MS + i * DAY_MS), open, high, low, close,
                        (long) (1000 + rnd.nextInt(9000))));
            }
        }
        return rows;
    }

    /** Runs interpreted: on a few hundred rows, generating code for a hundred-odd window columns costs more. */
    static <T> T interpreted(Supplier<T> work) {
        RuntimeConfig spark = SharedSpark.get().conf();
        String previous = spark.get(FeatureFrames.CODEGEN_MODE, "FALLBACK");
        try {
            spark.set(FeatureFrames.CODEGEN_MODE, "NO_CODEGEN");
            return work.get();
        } finally {
            spark.set(FeatureFrames.CODEGEN_MODE, previous);
        }
    }

    static PointInTimeOutcome check(PipelineConfig config, FeaturePlan plan, FeatureComputation computation) {
        Dataset<Row> bars = FeatureFrames.bars(syntheticBars());
        return interpreted(() -> PointInTimeCheck.run(bars, SYMBOLS, plan, config.features(),
                config.safety().leakageDetection().pointInTime(), config.run().baseSeed(), computation));
    }

    @Test
    void theStandardSetsPass() {
        // fewer cut-offs than the default keep alpha158 (computed interpreted) to seconds
        PipelineConfig config = SharedSpark.testConfig("features.sets=seed15,scale_free,alpha158",
                "safety.leakage_detection.point_in_time.cutoffs=4");
        FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), config.features());
        long started = System.nanoTime();
        PointInTimeOutcome outcome = check(config, plan, FeatureEngine::compute);
        System.out.printf("point-in-time check, %d features, %d symbols x %d cut-offs, %d rows: %.1f s%n",
                outcome.featuresChecked(), outcome.symbols().size(), outcome.cutoffs().size(), outcome.rowsCompared(),
                (System.nanoTime() - started) / 1e9);
        assertEquals(List.of(), outcome.leaks(), () -> outcome.leaks().get(0).describe());
        assertEquals(PointInTimeOutcome.PASSED, outcome.status());
        assertEquals(15 + 4 + 158, outcome.featuresChecked());
        assertEquals(SYMBOLS, outcome.symbols());
        int cutoffs = config.safety().leakageDetection().pointInTime().cutoffs();
        assertEquals(4, cutoffs);
        assertEquals(cutoffs, outcome.cutoffs().size());
        // every cut-off lies after the warm-up and before the last bar, so each truncated copy has
        // between warmup + 1 and BARS - 1 bars per symbol
        int warmup = FeatureEngine.warmupBars(plan, config.features());
        assertTrue(outcome.rowsCompared() >= (long) SYMBOLS.size() * cutoffs * (warmup + 1), outcome.toString());
        assertTrue(outcome.rowsCompared() <= (long) SYMBOLS.size() * cutoffs * (BARS - 1), outcome.toString());
    }

    @Test
    void aOneBarPeekIsFoundAtEveryCutoffOfEverySymbol() {
        PipelineConfig config = SharedSpark.testConfig("features.sets=seed15," + PEEK_SET);
        FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), config.features());
        PointInTimeOutcome outcome = check(config, plan, PEEKS_ONE_BAR);
        assertEquals(PointInTimeOutcome.LEAKING, outcome.status());
        assertEquals(List.of(PEEK), outcome.leakingFeatures(), "only the peeking feature; seed15 is clean");
        PointInTimeLeak leak = outcome.leaks().get(0);
        // At each cut-off the last kept bar has no next bar in the truncated copy: null there, a value in the full one;
        // every bar before the cut-off agrees. So exactly one difference per (symbol, cut-off), the earliest at the
        // first cut-off.
        assertEquals((long) SYMBOLS.size() * outcome.cutoffs().size(), leak.differences());
        assertEquals(outcome.cutoffs().get(0), leak.ts());
        assertEquals(leak.cutoff(), leak.ts());
        assertNull(leak.truncatedValue());
        assertTrue(leak.fullValue() != null && Double.isFinite(leak.fullValue()), leak.toString());
        assertEquals(PEEK_SET, leak.set());
        assertTrue(leak.source().endsWith("features/" + PEEK_SET + ".yaml"), leak.source());
    }

    @Test
    void nullsAndNaNsOnBothSidesAreEqualAndOneSidedOnesDiffer() {
        double tol = 1e-9;
        Object[][] cases = {
                {null, null, false}, {Double.NaN, Double.NaN, false}, {1.0, 1.0, false},
                {1e6, 1e6 * (1 + 1e-12), false}, {1e-3, 1e-3 + 1e-12, false},
                {null, 1.0, true}, {1.0, null, true}, {Double.NaN, 1.0, true},
                {Double.POSITIVE_INFINITY, 1e300, true}, {1.0, 1.0 + 1e-6, true}, {1e6, 1e6 + 1, true}};
        List<Row> rows = new ArrayList<>();
        for (Object[] c : cases) {
            rows.add(RowFactory.create(c[0], c[1]));
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType);
        List<Row> out = SharedSpark.get().createDataFrame(rows, schema)
                .select(PointInTimeCheck.differs(col("a"), col("b"), tol)).collectAsList();
        for (int i = 0; i < cases.length; i++) {
            assertEquals(cases[i][2], out.get(i).getBoolean(0), cases[i][0] + " vs " + cases[i][1]);
        }
    }

    @Test
    void theLanguageRejectsANegativeShift() {
        ConfigException e = assertThrows(ConfigException.class, () -> FeaturePlan.of(List.of(new FeatureSet(PEEK_SET,
                "conf/features/peeky.yaml", "", Map.of(PEEK, "Ref($close, -1) / $close - 1")))));
        assertTrue(e.getMessage().contains("conf/features/peeky.yaml") && e.getMessage().contains("Ref"), e.getMessage());
    }

    RunContext context(String runId, String action) {
        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(List.of(), null, null, Map.of(),
                List.of(), List.of("spark.master=local[2]", "spark.shuffle_partitions=4", "run.start_date=" + FIRST_DAY,
                        "run.end_date=" + LAST_DAY, "run.symbols=" + String.join(",", SYMBOLS),
                        "features.sets=seed15," + PEEK_SET, "training.feature_columns=@seed15,@" + PEEK_SET,
                        "safety.leakage_detection.point_in_time.action=" + action, "paths.lake_root=" + lake.root())));
        MarketData market = new MarketData(ConfDir.locate());
        return new RunContext(runId, config, "test", market.universe("nifty100"), market.calendar("nse"), SYMBOLS, lake);
    }

    @Test
    void actionFailStopsTheRunNamingTheFeatureItsFileAndTheKey() {
        RunContext context = context("run_test_pit_fail", PipelineConfig.PointInTime.FAIL);
        java.util.Optional<Long> before = lake.latestVersion(LakeTable.FEATURES);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new PipelineRunner(List.of(new FeaturesPhase(PEEKS_ONE_BAR)), System.out).run(context));
        String message = e.getMessage();
        assertTrue(message.contains("'" + PEEK + "'") && message.contains(conf.resolve("features/peeky.yaml").toString())
                && message.contains("safety.leakage_detection.point_in_time.action"), message);
        assertFalse(message.contains("'ret_1d'"), message);
        assertEquals(before, lake.latestVersion(LakeTable.FEATURES), "nothing written: the check runs first");
    }

    @Test
    @SuppressWarnings("unchecked")
    void actionExcludeRecordsTheFeatureAndDropsItFromTheModelInputs() {
        RunContext context = context("run_test_pit_exclude", PipelineConfig.PointInTime.EXCLUDE);
        PhaseResult result = new PipelineRunner(List.of(new FeaturesPhase(PEEKS_ONE_BAR)), System.out).run(context).get(0);
        List<Map<String, Object>> excluded = (List<Map<String, Object>>) result.summary().get(PointInTimeOutcome.EXCLUDED_KEY);
        assertEquals(1, excluded.size(), excluded.toString());
        Map<String, Object> entry = excluded.get(0);
        assertEquals(PEEK, entry.get("feature"));
        assertEquals(PEEK_SET, entry.get("set"));
        assertTrue(SYMBOLS.contains((String) entry.get("symbol")), entry.toString());
        assertTrue(entry.get("date") instanceof String && entry.get("full_value") instanceof Double, entry.toString());
        assertNull(entry.get("truncated_value"));
        assertTrue(result.headline().contains("EXCLUDED " + PEEK), result.headline());

        List<String> configured = FeatureInputs.modelInputs(context.config());
        List<String> used = FeatureInputs.modelInputs(context);
        assertTrue(configured.contains(PEEK), configured.toString());
        assertFalse(used.contains(PEEK), used.toString());
        assertEquals(configured.stream().filter(f -> !f.equals(PEEK)).toList(), used);
        // the table is still written (the feature stays visible for audit), and its snapshot records the exclusion
        assertTrue(List.of(lake.read(LakeTable.FEATURES).columns()).contains(PEEK));
        StageSnapshot snapshot = StageSnapshot.fromJson(DeltaTable.forPath(SharedSpark.get(), lake.path(LakeTable.FEATURES))
                .history(1).select("userMetadata").first().getString(0));
        List<Map<String, Object>> recorded = (List<Map<String, Object>>) snapshot.details().get(PointInTimeOutcome.EXCLUDED_KEY);
        assertEquals(List.of(PEEK), recorded.stream().map(m -> m.get("feature")).toList());
        Map<String, Object> check = (Map<String, Object>) snapshot.details().get(PointInTimeOutcome.SUMMARY_KEY);
        assertEquals(PointInTimeOutcome.LEAKING, check.get("status"));
        assertEquals(SYMBOLS, check.get("symbols"));
    }
}
