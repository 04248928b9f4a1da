package io.sensequant.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.tables.DeltaTable;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.Yaml;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import io.sensequant.training.StudentPhase;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The STAT_TESTS phase on a tiny hand-made lake, not the whole pipeline: 3 symbols × 13 months of ohlcv,
 * features, teacher and student predictions (the student right 80% of the time); 4 walk-forward folds of 4
 * months, the oldest without a train period, the next with too few train rows; the student's score ranks the
 * forward returns with noise. Real Spark, Delta and XGBoost.
 */
class StatTestsPhaseTest {
    static final List<String> SYMBOLS = List.of("GOLDBEES", "RELIANCE", "TCS");
    static final LocalDate START = LocalDate.of(2022, 3, 1);
    static final LocalDate END = LocalDate.of(2023, 3, 31);
    static final List<String> FEATURES = List.of("ret_1d", "ret_5d", "rsi_14", "bb_pctb_20", "volume_z_20",
            "close_to_sma_20", "close_to_sma_50", "macd_hist_pct", "atr_pct_14");
    static final int HORIZON = 7;

    @TempDir
    Path dir;

    @Test
    void skilledStudentPassesAndEveryFigureIsInTheLake() throws Exception {
        Lake lake = lake();
        RunContext context = context(lake, "run_stat_tests");
        long started = System.nanoTime();
        PhaseResult result = new StatTestsPhase().run(context);
        System.out.printf("STAT_TESTS on the hand-made lake (%.1f s): %s%n", (System.nanoTime() - started) / 1e9, result.headline());
        Map<String, Object> summary = result.summary();

        assertEquals(Set.of("status", "decided_by", "date_level", "walk_forward", "bootstrap", "hypothesis", "strategy",
                "strategy_definition", "benchmark", "direct_baseline", "report"), summary.keySet(), summary.toString());
        assertEquals(StatTestsPhase.PASSED, summary.get("status"), result.headline());
        assertEquals(List.of("hac_one_sided_mean_daily_rank_ic", "stationary_bootstrap_mean_daily_rank_ic_lower_bound",
                "mean_daily_edge_vs_majority_above_zero", "walk_forward_mean_fold_rank_ic"), summary.get("decided_by"),
                "walk-forward has enough folds to decide");
        assertTrue(result.headline().contains("date level") && result.headline().contains("HAC lag " + HORIZON),
                result.headline());
        Map<String, Object> date = map(summary, "date_level");
        assertEquals("date", date.get("unit"));
        assertEquals(HORIZON, date.get("hac_lag"), "hac_lag 0 means the horizon");
        var test = lake.read(LakeTable.PREDICTIONS).where(col("model").equalTo("student").and(col("split").equalTo("test")));
        long testDates = test.select("ts").distinct().count();
        assertEquals((int) testDates, date.get("n_dates"), "one observation per test date");
        Map<String, Object> rankIc = map(date, "rank_ic_test");
        assertTrue((Double) rankIc.get("estimate") > 0.3 && (Double) rankIc.get("p_one_sided") < 1e-6, rankIc.toString());
        assertTrue(((String) date.get("claim")).contains("rank the next-h-session returns"), date.toString());
        Map<String, Object> requirement = map(date, "edge_requirement");
        assertEquals(true, requirement.get("holds"), requirement.toString());
        assertTrue(((String) requirement.get("baseline")).contains("training labels"), requirement.toString());
        Map<String, Object> edge = map(requirement, "edge_test_not_deciding");
        assertTrue((Double) edge.get("estimate") > 0.3, edge.toString());
        assertTrue(((String) map(date, "walk_forward").get("note") == null), date.toString());
        assertTrue(map(date, "ic_test_not_deciding").containsKey("p_one_sided"));
        Map<String, Object> walk = map(summary, "walk_forward");
        assertEquals(Set.of("folds", "completed", "mean_accuracy", "std_accuracy", "mean_macro_f1", "mean_baseline_accuracy",
                "mean_rank_ic", "mean_edge", "min_completed_folds", "entered_verdict", "agrees"), walk.keySet());
        assertTrue((Double) walk.get("mean_rank_ic") > 0, walk.toString());
        assertEquals(true, walk.get("agrees"));
        assertEquals(4, walk.get("folds"));
        assertEquals(true, walk.get("entered_verdict"));
        Map<String, Object> boot = map(summary, "bootstrap");
        assertEquals(Set.of("method", "iterations", "confidence", "mean_block_length", "rank_ic", "edge", "accuracy",
                "sharpe", "significant", "significant_means"), boot.keySet());
        assertEquals(Set.of("estimate", "lower", "upper"), map(boot, "rank_ic").keySet());
        assertEquals(true, boot.get("significant"));
        assertTrue((Double) map(boot, "rank_ic").get("lower") > 0, boot.toString());
        // the estimate is the mean over test dates of each date's accuracy (3 symbols a date: the row share equals it)
        assertEquals((double) test.where(col("label").equalTo(col("prediction"))).count() / test.count(),
                (Double) map(boot, "accuracy").get("estimate"), 1e-9, "the estimate is the student's test accuracy");
        Map<String, Object> hypothesis = map(summary, "hypothesis");
        Map<String, Object> vsMajority = map(hypothesis, "vs_majority");
        assertEquals(Set.of("test", "deciding", "unit", "statistic", "p_value", "delta", "significant"), vsMajority.keySet());
        assertEquals(false, vsMajority.get("deciding"));
        assertEquals(true, map(hypothesis, "rank_ic").get("deciding"));
        assertEquals(rankIc.get("p_one_sided"), map(hypothesis, "rank_ic").get("p_value"));
        assertEquals("date", vsMajority.get("unit"));
        assertEquals(edge.get("p_one_sided"), vsMajority.get("p_value"), "the hypothesis section shows the date-level p");
        Map<String, Object> rowLevel = map(hypothesis, "row_level_descriptive");
        assertEquals(StatTestsSummary.ROW_LEVEL_NOTE, rowLevel.get("note"));
        assertEquals(test.count(), ((Number) date.get("n_rows")).longValue(), "the date series aggregate every test row");
        assertTrue(map(rowLevel, "vs_majority").containsKey("p_value"));
        assertTrue(map(hypothesis, "vs_teacher_free").containsKey("p_value"));
        Map<String, Object> strategy = map(summary, "strategy");
        assertEquals(Set.of("sharpe", "sortino", "max_drawdown", "hit_rate", "turnover", "annual_return", "days",
                "sharpe_interval", "deflated_sharpe"), strategy.keySet());
        Map<String, Object> deflated = map(strategy, "deflated_sharpe");
        assertEquals(2, deflated.get("trials"), "no target ranking in this context: 1 target x 2 students");
        assertTrue(((String) deflated.get("trials_source")).contains("student"), deflated.toString());
        Map<String, Object> index = map(map(summary, "benchmark"), "index_proxy");
        assertEquals("NIFTY 50", index.get("name"));
        assertEquals(StatTestsPhase.EQUAL_WEIGHTED, index.get("source"));
        assertTrue(index.containsKey("alpha_hac_standard_error") && index.containsKey("alpha_p_value_two_sided"), index.toString());
        assertEquals(Set.of("sharpe", "annual_return", "max_drawdown"), map(map(summary, "benchmark"), "buy_and_hold").keySet());

        // folds: time order, purged, the oldest one skipped with its reason
        List<Row> folds = lake.read(LakeTable.STAT_TEST_FOLDS).where(col("run_id").equalTo(context.runId()))
                .orderBy("fold").collectAsList();
        assertEquals(4, folds.size());
        assertEquals("skipped", folds.get(0).getAs("status"));
        assertNotNull(folds.get(0).getAs("reason"));
        int completed = 0;
        for (int k = 1; k < folds.size(); k++) {
            Row fold = folds.get(k);
            if (!fold.getAs("status").equals("completed")) {
                continue;
            }
            completed++;
            assertNotNull(fold.getAs("accuracy"));
            assertTrue(fold.<Double>getAs("mean_rank_ic") > 0, "the retrained student ranks its fold's returns: " + fold);
            assertTrue(fold.<Date>getAs("train_end").before(fold.getAs("test_start")), fold.toString());
            assertTrue(fold.<Long>getAs("train_rows") >= 30 && fold.<Long>getAs("test_rows") >= 20, fold.toString());
            Date previousEnd = folds.get(k - 1).getAs("test_end");
            if (previousEnd != null) {
                assertTrue(previousEnd.before(fold.getAs("test_start")), "test periods in order: " + fold);
            }
        }
        assertTrue(completed >= 2, folds.toString());
        assertEquals(completed, walk.get("completed"));

        // strategy returns: net = gross - cost, and the summary's Sharpe recomputes from the table
        List<Row> days = lake.read(LakeTable.STRATEGY_RETURNS).where(col("run_id").equalTo(context.runId()))
                .orderBy("date").collectAsList();
        assertEquals(strategy.get("days"), days.size());
        double[] net = new double[days.size()];
        for (int d = 0; d < net.length; d++) {
            Row day = days.get(d);
            net[d] = day.getAs("strategy_return");
            assertEquals(day.<Double>getAs("gross_return") - day.<Double>getAs("cost"), net[d], 1e-12);
            assertEquals(day.<Double>getAs("benchmark_return"), day.<Double>getAs("index_return"), 1e-15);
        }
        assertEquals((Double) strategy.get("sharpe"), ReturnStats.sharpe(net, 252), 1e-12);
        assertTrue((Double) strategy.get("sharpe") > 0, "a student right 80% of the time trades profitably: " + strategy);

        List<Row> metrics = lake.read(LakeTable.METRICS).where(col("run_id").equalTo(context.runId())
                .and(col("stage").equalTo("STAT_TESTS"))).collectAsList();
        Row sharpe = metrics.stream().filter(r -> r.getAs("scope").equals("stat_tests/strategy")
                && r.getAs("metric").equals("sharpe")).findFirst().orElseThrow();
        assertEquals((Double) strategy.get("sharpe"), sharpe.<Double>getAs("value"), 1e-12);
        assertTrue(metrics.stream().anyMatch(r -> r.getAs("scope").equals("stat_tests/walk_forward/fold_1")));

        StageSnapshot snapshot = StageSnapshot.fromJson(DeltaTable.forPath(lake.spark(), lake.path(LakeTable.STRATEGY_RETURNS))
                .history(1).select("userMetadata").first().getString(0));
        assertEquals(Stage.STAT_TESTS, snapshot.stage());

        Path report = Path.of((String) summary.get("report"));
        JsonNode json = Yaml.JSON.readTree(Files.readString(report));
        assertEquals("passed", json.get("status").asText());
        assertEquals(4, json.get("walk_forward").get("fold_results").size());
        assertEquals(result.tableVersions().get("strategy_returns").longValue(),
                json.get("tables").get("strategy_returns").get("version").asLong());
        assertTrue(json.get("methods").has("vs_teacher_free") && json.get("methods").has("date_level"));
        assertTrue(json.at("/hypothesis/row_level_descriptive/vs_majority/n").asLong() > 0,
                "the report carries the counts behind each descriptive test");
        assertTrue(json.at("/methods/vs_majority").asText().contains(StatTestsSummary.ROW_LEVEL_NOTE));
        assertTrue(json.at("/methods/claim").asText().contains("better than chance on the same date"));
        assertTrue(json.at("/walk_forward/fold_results/1").has("mean_daily_rank_ic"));

        // a set HAC lag below the horizon is a user error naming the key
        io.sensequant.config.ConfigException lag = org.junit.jupiter.api.Assertions.assertThrows(
                io.sensequant.config.ConfigException.class,
                () -> StatTestsPhase.hacLag(new io.sensequant.config.PipelineConfig.Inference(3, 0), HORIZON));
        assertTrue(lag.getMessage().contains("stat_tests.inference.hac_lag"), lag.getMessage());

        // disabled: skipped with the reason, nothing written
        long before = lake.latestVersion(LakeTable.STRATEGY_RETURNS).orElseThrow();
        PhaseResult skipped = new StatTestsPhase().run(context(lake, "run_disabled", "stat_tests.enabled=false"));
        assertEquals("skipped", skipped.summary().get("status"));
        assertTrue(((String) skipped.summary().get("reason")).contains("stat_tests.enabled"));
        assertEquals(before, lake.latestVersion(LakeTable.STRATEGY_RETURNS).orElseThrow());
        assertFalse(Files.exists(dir.resolve("release/run_disabled")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    RunContext context(Lake lake, String runId, String... extra) {
        List<String> assignments = new ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=4",
                "run.start_date=" + START, "run.end_date=" + END, "run.symbols=" + String.join(",", SYMBOLS),
                "paths.lake_root=" + lake.root(), "paths.release_dir=" + dir.resolve("release"),
                "models.xgboost.hyperparameters.student.num_round=5", "training.student.num_workers=1",
                "stat_tests.walk_forward.train_months=4", "stat_tests.walk_forward.test_months=4",
                "stat_tests.walk_forward.folds=4", "stat_tests.walk_forward.min_train_rows=30",
                "stat_tests.bootstrap.iterations=200"));
        assignments.addAll(List.of(extra));
        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments));
        MarketData market = new MarketData(ConfDir.locate());
        RunContext context = new RunContext(runId, config, "test", market.universe("nifty100"), market.calendar("nse"),
                SYMBOLS, lake);
        // what the student phase would have handed on: the versions of features and predictions it read and wrote
        context.record(new PhaseResult(StudentPhase.NAME, Stage.TRAINING, "hand-made", Map.of(),
                Map.of(LakeTable.FEATURES.tableName(), 0L, LakeTable.PREDICTIONS.tableName(), 0L), List.of(), 0));
        return context;
    }

    /** ohlcv (random walks), features (noise, labels from close_to_sma_20), teacher and student predictions. */
    Lake lake() {
        SparkSession spark = SharedSpark.get();
        Lake lake = new Lake(spark, dir.resolve("lake").toString());
        TradingCalendar calendar = new MarketData(ConfDir.locate()).calendar("nse");
        List<LocalDate> sessions = calendar.tradingDays(START, END);
        Random random = new Random(11);
        StructType featureSchema = new StructType().add("symbol", DataTypes.StringType).add("interval", DataTypes.StringType)
                .add("ts", DataTypes.TimestampType).add("date", DataTypes.DateType);
        for (String f : FEATURES) {
            featureSchema = featureSchema.add(f, DataTypes.DoubleType);
        }
        featureSchema = featureSchema.add("fwd_return", DataTypes.DoubleType).add("label", DataTypes.IntegerType);
        List<Row> bars = new ArrayList<>();
        List<Row> features = new ArrayList<>();
        List<Row> predictions = new ArrayList<>();
        int testFrom = (int) (sessions.size() * 0.7);
        for (String symbol : SYMBOLS) {
            double close = 100;
            double[] closes = new double[sessions.size()];
            for (int t = 0; t < sessions.size(); t++) {
                close *= 1 + 0.015 * random.nextGaussian();
                closes[t] = close;
                Timestamp ts = Timestamp.valueOf(sessions.get(t).atTime(10, 0));
                bars.add(RowFactory.create(symbol, "1day", ts, close, close * 1.01, close * 0.99, close, 1000L,
                        String.valueOf(sessions.get(t).getYear())));
            }
            for (int t = 0; t + HORIZON < sessions.size(); t++) {
                Timestamp ts = Timestamp.valueOf(sessions.get(t).atTime(10, 0));
                double fwd = closes[t + HORIZON] / closes[t] - 1;
                int label = fwd > 0.02 ? 2 : fwd < -0.02 ? 0 : 1;
                List<Object> values = new ArrayList<>(List.of(symbol, "1day", ts, Date.valueOf(sessions.get(t))));
                for (String f : FEATURES) {
                    // one informative feature (the realised label, blurred), the rest noise
                    values.add(f.equals("close_to_sma_20") ? label + 0.5 * random.nextGaussian() : random.nextGaussian());
                }
                values.add(fwd);
                values.add(label);
                features.add(RowFactory.create(values.toArray()));
                predictions.add(RowFactory.create("run_stat_tests", "teacher", symbol, ts, "w", "validation", label,
                        label, 0.1, 0.1, 0.8, 0.8, fwd));
                String split = t < testFrom - HORIZON ? "train" : t < testFrom ? "purged" : "test";
                int student = random.nextDouble() < 0.8 ? label : random.nextInt(3);
                // a score prob_up - prob_down that ranks the forward returns (with noise); probabilities in [0.2, 0.6]
                double lean = 0.2 * Math.tanh(fwd / 0.03 + 0.5 * random.nextGaussian());
                predictions.add(RowFactory.create("run_stat_tests", "student", symbol, ts, null, split, label, student,
                        0.4 - lean, 0.2, 0.4 + lean, 0.4 + Math.abs(lean), fwd));
            }
        }
        StructType ohlcv = io.sensequant.ingest.OhlcvSchema.BARS.add("ts_part", DataTypes.StringType);
        spark.createDataFrame(bars, ohlcv).write().format("delta").save(lake.path(LakeTable.OHLCV));
        spark.createDataFrame(features, featureSchema).write().format("delta").save(lake.path(LakeTable.FEATURES));
        spark.createDataFrame(predictions, io.sensequant.training.TrainingTables.PREDICTIONS).write().format("delta")
                .save(lake.path(LakeTable.PREDICTIONS));
        return lake;
    }
}
