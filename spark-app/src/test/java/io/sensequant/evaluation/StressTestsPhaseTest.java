package io.sensequant.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.Yaml;
import io.sensequant.features.FeatureInputs;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STRESS_TESTS on a small hand-made lake (3 symbols, mid-2019 to mid-2020, a planted crash in March 2020) with real
 * Delta tables and real XGBoost4J-Spark: the COVID period is replayed and scored, periods outside the data are
 * skipped with the reason, too little history skips a period, and the files and tables are written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StressTestsPhaseTest {
    static final List<String> SYMBOLS = List.of("INFY", "RELIANCE", "TCS");
    static final List<String> FEATURES = List.of("f1", "f2", "f3");
    static final LocalDate START = LocalDate.of(2019, 6, 3);
    static final LocalDate END = LocalDate.of(2020, 6, 30);
    static final LocalDate TEACHERS_FROM = LocalDate.of(2019, 9, 2);
    static final int HORIZON = 7;

    @TempDir
    static Path dir;
    Lake lake;

    @BeforeAll
    void lake() {
        SparkSession spark = SharedSpark.get();
        lake = new Lake(spark, dir.resolve("lake").toString());
        TradingCalendar nse = new MarketData(ConfDir.locate()).calendar("nse");
        List<LocalDate> days = nse.tradingDays(START, END);
        Random random = new Random(11);
        List<Row> bars = new ArrayList<>();
        List<Row> features = new ArrayList<>();
        List<Row> teacher = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            double[] close = new double[days.size()];
            close[0] = 100;
            for (int i = 1; i < days.size(); i++) {
                boolean crash = !days.get(i).isBefore(LocalDate.of(2020, 2, 24)) && !days.get(i).isAfter(LocalDate.of(2020, 3, 23));
                close[i] = close[i - 1] * (1 + (crash ? -0.015 : 0.0004) + (crash ? 0.03 : 0.01) * random.nextGaussian());
            }
            for (int i = 0; i < days.size(); i++) {
                Timestamp ts = Timestamp.from(days.get(i).atTime(15, 30).atZone(nse.zone()).toInstant());
                bars.add(RowFactory.create(symbol, "1day", ts, close[i], close[i] * 1.01, close[i] * 0.99, close[i], 1000L));
                if (i + HORIZON >= days.size()) {
                    continue;
                }
                double fwd = close[i + HORIZON] / close[i] - 1;
                int label = fwd > 0.02 ? 2 : fwd < -0.02 ? 0 : 1;
                double f1 = fwd * 20 + random.nextGaussian();   // a noisy view of the future: some skill to learn
                features.add(RowFactory.create(symbol, "1day", ts, Date.valueOf(days.get(i)), f1, random.nextGaussian(),
                        random.nextGaussian(), fwd, label));
                if (!days.get(i).isBefore(TEACHERS_FROM)) {
                    int prediction = f1 > 0.4 ? 2 : f1 < -0.4 ? 0 : 1;
                    teacher.add(RowFactory.create("run_stress", "teacher", symbol, ts, "validation", label, prediction, 0.7));
                }
            }
        }
        spark.createDataFrame(bars, OhlcvSchema.BARS).write().format("delta").save(lake.path(LakeTable.OHLCV));
        StructType featureSchema = new StructType().add("symbol", DataTypes.StringType).add("interval", DataTypes.StringType)
                .add("ts", DataTypes.TimestampType).add("date", DataTypes.DateType).add("f1", DataTypes.DoubleType)
                .add("f2", DataTypes.DoubleType).add("f3", DataTypes.DoubleType).add("fwd_return", DataTypes.DoubleType)
                .add("label", DataTypes.IntegerType);
        spark.createDataFrame(features, featureSchema).write().format("delta").save(lake.path(LakeTable.FEATURES));
        StructType predictionSchema = new StructType().add("run_id", DataTypes.StringType).add("model", DataTypes.StringType)
                .add("symbol", DataTypes.StringType).add("ts", DataTypes.TimestampType).add("split", DataTypes.StringType)
                .add("label", DataTypes.IntegerType).add("prediction", DataTypes.IntegerType).add("confidence", DataTypes.DoubleType);
        // the teacher rows are keyed by run: every context below reads them as its own
        List<Row> allRuns = new ArrayList<>();
        for (String run : List.of("run_stress", "run_off")) {
            teacher.forEach(r -> allRuns.add(RowFactory.create(run, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7))));
        }
        spark.createDataFrame(allRuns, predictionSchema).write().format("delta").save(lake.path(LakeTable.PREDICTIONS));
    }

    RunContext context(String runId, String... extra) {
        List<String> assignments = new ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=4",
                "run.start_date=" + START, "run.end_date=" + END, "run.symbols=" + String.join(",", SYMBOLS),
                "paths.lake_root=" + lake.root(), "paths.release_dir=" + dir.resolve("release"),
                "features.forecast_horizon_days=" + HORIZON, "models.xgboost.hyperparameters.student.num_round=10",
                "training.student.num_workers=1"));
        assignments.addAll(List.of(extra));
        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments));
        MarketData market = new MarketData(ConfDir.locate());
        RunContext context = new RunContext(runId, config, "test", market.universe("nifty100"), market.calendar("nse"), SYMBOLS, lake);
        context.record(new PhaseResult("features", Stage.FEATURES, "", Map.of(), Map.of("ohlcv", 0L, "features", 0L), List.of(), 0));
        context.record(new PhaseResult("feature selection", Stage.FEATURE_SELECTION, "",
                Map.of(FeatureInputs.SELECTED_FEATURES, FEATURES), Map.of(), List.of(), 0));
        context.record(new PhaseResult("teachers", Stage.TRAINING, "", Map.of(), Map.of("predictions", 0L), List.of(), 0));
        return context;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> period(PhaseResult result, String id) {
        return ((List<Map<String, Object>>) result.summary().get("periods")).stream()
                .filter(p -> p.get("name").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void covidIsReplayedAndPeriodsOutsideTheDataAreSkippedWithTheReason() throws Exception {
        RunContext context = context("run_stress");
        PhaseResult result = new StressTestsPhase().run(context);

        Map<String, Object> gfc = period(result, "gfc_2008");
        assertEquals("skipped", gfc.get("status"));
        assertEquals("no overlap: the period runs 2008-01-08 to 2009-03-09, the run's labelled data 2019-06-03 to 2020-06-19",
                gfc.get("reason"));
        assertNull(gfc.get("resilience_score"));
        assertEquals("skipped", period(result, "svb_2023").get("status"));

        Map<String, Object> covid = period(result, "covid_crash_2020");
        assertEquals("tested", covid.get("status"), covid.toString());
        assertNull(covid.get("reason"));
        double drawdown = (Double) covid.get("max_drawdown");
        assertTrue(drawdown <= 0 && drawdown > -1, covid.toString());
        double score = (Double) covid.get("resilience_score");
        assertTrue(score >= 0 && score <= 100, covid.toString());
        // the Sharpe ratio with its interval: Lo (2002), lags max(min_lags 5, horizon 7), 95 %
        @SuppressWarnings("unchecked")
        Map<String, Object> ci = (Map<String, Object>) covid.get("sharpe_ci");
        double sharpe = (Double) covid.get("sharpe");
        assertTrue((Double) ci.get("lower") < sharpe && sharpe < (Double) ci.get("upper"), ci.toString());
        assertEquals(0.95, ci.get("confidence"));
        assertEquals(7, ci.get("lags"));
        assertTrue(((String) ci.get("method")).startsWith("Lo (2002)"), ci.toString());
        assertEquals(covid.get("sessions"), ci.get("n"), "one observation per session");
        @SuppressWarnings("unchecked")
        Map<String, Object> active = (Map<String, Object>) covid.get("active_sharpe_ci");
        assertTrue((Double) active.get("lower") < (Double) covid.get("active_sharpe"), active.toString());
        // the verdict is the configured rule applied to these figures, and says why
        boolean expected = (Double) ci.get("lower") > 0 && (Double) active.get("lower") > 0
                && covid.get("resilience_gate") == null && score >= 50;
        assertEquals(expected, covid.get("passed"), covid.toString());
        System.out.println("covid_crash_2020 replay: " + covid.get("verdict"));
        assertTrue(((String) covid.get("verdict")).startsWith(expected ? "passed: " : "failed: "), covid.toString());
        assertEquals(covid.get("resilience_gate") == null, score > 0, "the gate zeroes the score: " + covid);
        double noSkill = (Double) covid.get("no_skill_precision");
        assertTrue(noSkill > 0 && noSkill < 1, covid.toString());
        assertTrue(covid.get("sessions") instanceof Integer n && n >= 20, covid.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> baselines = (Map<String, Object>) covid.get("baselines");
        assertTrue((Double) baselines.get("buy_and_hold") < -0.1, "the planted crash: " + baselines);
        assertTrue((Double) baselines.get("sixty_forty") > (Double) baselines.get("buy_and_hold"));
        assertTrue((Double) baselines.get("cash") > 0);
        assertTrue(List.of("black_swan", "regime_change", "overfit", "none").contains(covid.get("failure_mode")));
        assertEquals("2020-02-20", covid.get("tested_start"));
        // the replay student trained only before the period, less the purge
        // first period session 2020-02-20; 7 purged sessions (02-11 to 02-19) before it
        assertEquals("2020-02-10", covid.get("train_end"), covid.toString());
        assertTrue((Double) covid.get("in_sample_accuracy") > 0, covid.toString());
        assertNotNull(covid.get("teachers"), "teacher windows cover the period");

        assertEquals(1L, result.summary().get("tested"));
        assertEquals(8L, result.summary().get("skipped"));
        assertEquals(Boolean.TRUE.equals(covid.get("passed")) ? "passed" : "failed", result.summary().get("status"));
        assertTrue(((String) result.summary().get("strategy_definition")).contains("LongShortStrategy"), result.summary().toString());
        assertTrue(((String) result.summary().get("pass_rule")).contains("lower bounds"), result.summary().toString());
        @SuppressWarnings("unchecked")
        List<String> charts = (List<String>) result.summary().get("charts");
        assertEquals(2, charts.size());
        for (String chart : charts) {
            assertTrue(chart.contains("/reports/stress_covid_crash_2020_"), chart);
            assertNotNull(ImageIO.read(Path.of(chart).toFile()), chart);
            assertTrue(Files.size(Path.of(chart)) > 5_000, chart);
        }
        JsonNode json = Yaml.JSON.readTree(Path.of((String) result.summary().get("report")).toFile());
        assertEquals(9, json.get("periods").size());
        assertEquals(result.summary().get("status"), json.get("status").asText());
        String md = Files.readString(Path.of(context.releaseDir(), "stress_report.md"));
        assertTrue(md.contains("| covid_crash_2020 | tested |") && md.contains("Skipped: no overlap"), md);
        assertTrue(md.contains("**Pass rule:**") && md.contains("**Verdict:** " + covid.get("verdict")), md);

        List<Row> rows = lake.read(LakeTable.STRESS_RESULTS).where(col("run_id").equalTo("run_stress")).collectAsList();
        assertEquals(9, rows.size());
        Row covidRow = rows.stream().filter(r -> r.getAs("period").equals("covid_crash_2020")).findFirst().orElseThrow();
        assertEquals(score, covidRow.<Double>getAs("resilience_score"), 1e-12);
        assertEquals(covid.get("rows"), covidRow.<Long>getAs("rows"));
        assertTrue(lake.read(LakeTable.METRICS).where(col("run_id").equalTo("run_stress").and(col("stage").equalTo("STRESS_TESTS"))
                .and(col("scope").equalTo("stress/covid_crash_2020")).and(col("metric").equalTo("sharpe"))).count() == 1);
        List<Row> lower = lake.read(LakeTable.METRICS).where(col("run_id").equalTo("run_stress")
                .and(col("scope").equalTo("stress/covid_crash_2020")).and(col("metric").equalTo("sharpe_ci_lower"))).collectAsList();
        assertEquals(1, lower.size());
        assertEquals((Double) ci.get("lower"), lower.get(0).<Double>getAs("value"), 1e-12);
    }

    @Test
    void noTestablePeriodIsSkippedNotFailed() {
        PhaseResult result = new StressTestsPhase().run(context("run_off", "stress_tests.min_period_sessions=500"));
        assertEquals("skipped", result.summary().get("status"));
        assertTrue(((String) result.summary().get("reason")).startsWith("no stress period could be tested"), result.summary().toString());
        assertEquals(0L, result.summary().get("tested"));
        Map<String, Object> covid = period(result, "covid_crash_2020");
        assertEquals("skipped", covid.get("status"));
        assertNull(covid.get("passed"), "a skipped period has no verdict");
        assertTrue(((String) covid.get("reason")).contains("fewer than stress_tests.min_period_sessions 500"), covid.toString());
    }

    @Test
    void disabledIsNotRunAndSaysHowToTurnItOn() {
        PhaseResult off = new StressTestsPhase().run(context("run_off", "stress_tests.enabled=false"));
        assertEquals("not_run", off.summary().get("status"));
        assertTrue(((String) off.summary().get("reason")).contains("--run-stress-tests"));
        assertTrue(off.tableVersions().isEmpty());
        assertTrue(Files.exists(Path.of((String) off.summary().get("report"))));
    }

    @Test
    void studentScoreIsProbUpMinusProbDownOnTheSessionDate() {
        SparkSession spark = SharedSpark.get();
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("prob_down", DataTypes.DoubleType)
                .add("prob_up", DataTypes.DoubleType).add("fwd_return", DataTypes.DoubleType);
        Timestamp ts = Timestamp.from(LocalDate.of(2024, 3, 1).atTime(15, 30).atZone(java.time.ZoneId.of("Asia/Kolkata")).toInstant());
        List<InformationCoefficient.Observation> observations = StudentScores.observations(spark.createDataFrame(List.of(
                RowFactory.create(ts, 0.2, 0.5, 0.01), RowFactory.create(ts, 0.3, 0.3, null)), schema));
        assertEquals(List.of(new InformationCoefficient.Observation(LocalDate.of(2024, 3, 1), 0.5 - 0.2, 0.01)), observations);
    }
}
