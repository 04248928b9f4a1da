package io.sensequant.ranking;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.features.FeatureInputs;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseFailedException;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import io.delta.tables.DeltaTable;
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
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Target ranking, feature selection and the leakage guard on a small, planted features table in a real Delta lake:
 * the 7-day return is driven by {@code close_to_sma_20} (the 3-day return is noise), and in the leaking lake
 * {@code volume_z_20} is the 7-day forward return itself.
 */
class RankingPhasesTest {
    static final List<String> SYMBOLS = List.of("INFY", "RELIANCE", "TCS");
    static final LocalDate START = LocalDate.of(2022, 1, 1);
    static final LocalDate END = LocalDate.of(2023, 6, 30);
    static final String SIGNAL = "close_to_sma_20";
    static final String LEAK = "volume_z_20";
    static final List<String> FEATURES = List.of("ret_1d", "ret_5d", "rsi_14", "bb_pctb_20", "volume_z_20",
            "close_to_sma_20", "close_to_sma_50", "macd_hist_pct", "atr_pct_14");
    static final String PLANTED_TARGET = "label_3c_7d_200bp";

    @TempDir
    Path dir;

    @Test
    void rankingPrefersThePlantedTargetAndSelectionReturnsTopK() throws Exception {
        Lake lake = lake("clean", false);
        RunContext context = context(lake, "run_test_clean");
        List<PhaseResult> results = run(context, new TargetRankingPhase(), new FeatureSelectionPhase());

        PhaseResult ranking = results.get(0);
        assertEquals(PLANTED_TARGET, ranking.summary().get(FeatureInputs.CHOSEN_TARGET), ranking.toString());
        assertEquals(7, ranking.summary().get(FeatureInputs.CHOSEN_HORIZON_DAYS));
        List<Row> table = lake.read(LakeTable.TARGET_RANKING).where(col("run_id").equalTo(context.runId())).collectAsList();
        assertEquals(2 * 6, table.size(), "6 candidates x 2 views");
        for (String view : List.of("CROSS_SECTIONAL", "SYMBOL_SPECIFIC")) {
            Map<String, Row> byTarget = table.stream().filter(r -> r.getAs("view").equals(view))
                    .collect(Collectors.toMap(r -> r.getAs("target"), r -> r));
            Row planted = byTarget.get(PLANTED_TARGET);
            assertEquals(1, planted.<Integer>getAs("attempt_id"));
            assertTrue(planted.<Double>getAs("score_mean") > byTarget.get("label_3c_3d_200bp").<Double>getAs("score_mean") + 0.1, view);
            assertTrue(byTarget.get("fwd_return_7d").<Double>getAs("score_mean") > byTarget.get("fwd_return_3d").<Double>getAs("score_mean") + 0.1, view);
            assertTrue(Math.abs(byTarget.get("label_3c_3d_200bp").<Double>getAs("score_mean")) < 0.15, "noise target " + view);
            assertNotNull(planted.getAs("score_std"));
            assertTrue(planted.<Integer>getAs("folds") >= 3);
        }
        Row symbolView = table.stream().filter(r -> r.getAs("view").equals("SYMBOL_SPECIFIC")).findFirst().orElseThrow();
        assertEquals(3, symbolView.<Integer>getAs("symbols"));
        assertEquals(2, table.stream().filter(r -> r.<Boolean>getAs("chosen")).count(), "the chosen target, in both views");
        StageSnapshot snapshot = StageSnapshot.fromJson(DeltaTable.forPath(lake.spark(), lake.path(LakeTable.TARGET_RANKING))
                .history(1).select("userMetadata").first().getString(0));
        assertEquals(Stage.TARGET_RANKING, snapshot.stage());
        assertTrue(Files.exists(Path.of(lake.modelsDir(context.runId()), "ranking", "attempt_1", "scores.json")));

        PhaseResult selection = results.get(1);
        @SuppressWarnings("unchecked")
        List<String> selected = (List<String>) selection.summary().get(FeatureInputs.SELECTED_FEATURES);
        assertEquals(4, selected.size(), selection.toString());
        assertEquals(SIGNAL, selected.get(0), "the planted signal ranks first: " + selected);
        assertEquals(selected, FeatureInputs.modelInputs(context));
        List<Row> rows = lake.read(LakeTable.FEATURE_SELECTION).where(col("run_id").equalTo(context.runId())).collectAsList();
        assertEquals(FEATURES.size(), rows.size());
        assertEquals(4, rows.stream().filter(r -> r.<Boolean>getAs("selected")).count());
        for (Row r : rows) {
            assertEquals(PLANTED_TARGET, r.getAs("target"));
            for (String method : List.of("gain", "permutation", "target_spearman", "aggregate_rank", "rank_gain", "rank_permutation")) {
                assertNotNull(r.getAs(method), method + " of " + r);
            }
            assertEquals(r.<Boolean>getAs("selected"), r.getAs("excluded_reason") == null, r.toString());
        }
        Row signal = rows.stream().filter(r -> r.getAs("feature").equals(SIGNAL)).findFirst().orElseThrow();
        assertEquals(1, signal.<Integer>getAs("rank"));
        assertTrue(Files.exists(Path.of(lake.modelsDir(context.runId()), "selection", "attempt_1", "importances.json")));
        assertEquals(0, lake.read(LakeTable.LEAKAGE_EXCLUSIONS).count(), "no exclusions (empty commits)");
    }

    @Test
    void leakageGuardExcludesThePlantedLeakAndKeepsEarlierAttempts() throws Exception {
        Lake lake = lake("leaky", true);
        RunContext selectionOnly = context(lake, "run_test_selection");
        PhaseResult selection = run(selectionOnly, new FeatureSelectionPhase()).get(0);
        @SuppressWarnings("unchecked")
        List<String> selected = (List<String>) selection.summary().get(FeatureInputs.SELECTED_FEATURES);
        assertEquals(2, selection.summary().get("attempt_id"), selection.toString());
        assertFalse(selected.contains(LEAK), selected.toString());
        List<Row> rows = lake.read(LakeTable.FEATURE_SELECTION).where(col("run_id").equalTo(selectionOnly.runId())).collectAsList();
        List<Row> first = rows.stream().filter(r -> r.<Integer>getAs("attempt_id") == 1).toList();
        List<Row> second = rows.stream().filter(r -> r.<Integer>getAs("attempt_id") == 2).toList();
        assertEquals(FEATURES.size(), first.size());
        assertEquals(FEATURES.size(), second.size());
        assertEquals(0, first.stream().filter(r -> r.<Boolean>getAs("selected")).count(), "attempt 1 leaked: nothing selected");
        Row leak2 = second.stream().filter(r -> r.getAs("feature").equals(LEAK)).findFirst().orElseThrow();
        assertFalse(leak2.<Boolean>getAs("selected"));
        assertTrue(leak2.<String>getAs("excluded_reason").startsWith("leakage"), leak2.toString());
        Path models = Path.of(lake.modelsDir(selectionOnly.runId()), "selection");
        assertTrue(Files.exists(models.resolve("attempt_1/importances.json")));
        assertTrue(Files.exists(models.resolve("attempt_2/importances.json")));
        assertTrue(Files.readString(models.resolve("attempt_1/importances.json")).contains("leakage_triggers"));
        List<Row> exclusions = lake.read(LakeTable.LEAKAGE_EXCLUSIONS).where(col("run_id").equalTo(selectionOnly.runId())).collectAsList();
        assertEquals(List.of(LEAK), exclusions.stream().map(r -> r.<String>getAs("feature")).toList());
        assertEquals("FEATURE_SELECTION", exclusions.get(0).getAs("stage"));
        assertEquals(1, exclusions.get(0).<Integer>getAs("attempt_id"));

        // target ranking catches it too, and feature selection then leaves it out from its first attempt
        RunContext both = context(lake, "run_test_ranking");
        List<PhaseResult> results = run(both, new TargetRankingPhase(), new FeatureSelectionPhase());
        assertEquals(2, results.get(0).summary().get("attempt_id"), results.get(0).toString());
        assertEquals(List.of(LEAK), results.get(0).summary().get(TargetRankingPhase.EXCLUDED_FEATURES));
        assertEquals(PLANTED_TARGET, results.get(0).summary().get(FeatureInputs.CHOSEN_TARGET));
        assertEquals(1, results.get(1).summary().get("attempt_id"));
        List<Row> ranking = lake.read(LakeTable.TARGET_RANKING).where(col("run_id").equalTo(both.runId())).collectAsList();
        assertEquals(12, ranking.stream().filter(r -> r.<Integer>getAs("attempt_id") == 1).count(), "attempt 1 rows remain");
        assertEquals(0, ranking.stream().filter(r -> r.<Integer>getAs("attempt_id") == 1 && r.<Boolean>getAs("chosen")).count());
        assertTrue(Files.exists(Path.of(lake.modelsDir(both.runId()), "ranking", "attempt_1", "scores.json")));
        assertTrue(Files.exists(Path.of(lake.modelsDir(both.runId()), "ranking", "attempt_2", "scores.json")));

        // with a single attempt allowed, the guard gives up and names the feature
        RunContext strict = context(lake, "run_test_strict", "safety.leakage_detection.max_attempts=1");
        PhaseFailedException failure = assertThrows(PhaseFailedException.class, () -> run(strict, new FeatureSelectionPhase()));
        assertTrue(failure.getMessage().contains(LEAK) && failure.getMessage().contains("cv_score"), failure.getMessage());
    }

    static List<PhaseResult> run(RunContext context, Phase... phases) {
        return new PipelineRunner(List.of(phases), System.out).run(context);
    }

    RunContext context(Lake lake, String runId, String... extra) {
        return context(lake, runId, SYMBOLS, START, END, extra);
    }

    /** A run over {@code symbols} from {@code start} to {@code end} reading the features table of {@code lake}. */
    static RunContext context(Lake lake, String runId, List<String> symbols, LocalDate start, LocalDate end, String... extra) {
        List<String> assignments = new ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=4",
                "run.start_date=" + start, "run.end_date=" + end, "run.symbols=" + String.join(",", symbols),
                "features.candidate_targets.horizons=3,7", "features.candidate_targets.thresholds=0.02",
                "selection.top_k=4", "paths.lake_root=" + lake.root()));
        assignments.addAll(List.of(extra));
        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments));
        MarketData market = new MarketData(ConfDir.locate());
        return new RunContext(runId, config, "test", market.universe("nifty100"), market.calendar("nse"), symbols, lake);
    }

    /** A features table: independent standard-normal features, planted targets, and optionally a leaking feature. */
    Lake lake(String name, boolean leak) {
        return lake(dir.resolve(name), SYMBOLS, START, END, leak, (day, f, r, random) -> { });
    }

    /** Rewrites one row's features {@code f} and returns {@code r} = {r7, r3} (labels follow the returns). */
    interface RowEdit {
        void apply(LocalDate day, double[] f, double[] r, Random random);
    }

    /**
     * The planted features table of {@code symbols} over the calendar's sessions from {@code start} to {@code end};
     * {@code edit} then rewrites rows (its own seeded stream, so the rows it leaves alone are the same in every lake).
     */
    static Lake lake(Path root, List<String> symbols, LocalDate start, LocalDate end, boolean leak, RowEdit edit) {
        SparkSession spark = SharedSpark.get();
        Lake lake = new Lake(spark, root.toString());
        TradingCalendar calendar = new MarketData(ConfDir.locate()).calendar("nse");
        StructType schema = new StructType().add("symbol", DataTypes.StringType).add("interval", DataTypes.StringType)
                .add("ts", DataTypes.TimestampType).add("date", DataTypes.DateType);
        for (String f : FEATURES) {
            schema = schema.add(f, DataTypes.DoubleType);
        }
        schema = schema.add("fwd_return", DataTypes.DoubleType).add("label", DataTypes.IntegerType)
                .add("fwd_return_3d", DataTypes.DoubleType).add("label_3c_3d_200bp", DataTypes.IntegerType)
                .add("label_bin_3d_200bp", DataTypes.IntegerType).add("fwd_return_7d", DataTypes.DoubleType)
                .add("label_3c_7d_200bp", DataTypes.IntegerType).add("label_bin_7d_200bp", DataTypes.IntegerType);
        Random random = new Random(7);
        Random edits = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (String symbol : symbols) {
            for (LocalDate day : calendar.tradingDays(start, end)) {
                List<Object> values = new ArrayList<>(List.of(symbol, "1day", Timestamp.valueOf(day.atTime(15, 30)), Date.valueOf(day)));
                double[] f = new double[FEATURES.size()];
                for (int j = 0; j < f.length; j++) {
                    f[j] = random.nextGaussian();
                }
                double[] r = {0.04 * f[FEATURES.indexOf(SIGNAL)] + 0.03 * random.nextGaussian(), 0.03 * random.nextGaussian()};
                if (leak) {
                    f[FEATURES.indexOf(LEAK)] = r[0];
                }
                edit.apply(day, f, r, edits);
                for (double v : f) {
                    values.add(v);
                }
                double r7 = r[0];
                double r3 = r[1];
                values.addAll(List.of(r7, threeClass(r7), r3, threeClass(r3), r3 > 0.02 ? 1 : 0, r7, threeClass(r7), r7 > 0.02 ? 1 : 0));
                rows.add(RowFactory.create(values.toArray()));
            }
        }
        spark.createDataFrame(rows, schema).write().format("delta").save(lake.path(LakeTable.FEATURES));
        return lake;
    }

    static int threeClass(double r) {
        return r > 0.02 ? 2 : r < -0.02 ? 0 : 1;
    }
}
