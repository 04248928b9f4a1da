package io.sensequant.ranking;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.features.FeaturesPhase;
import io.sensequant.holdout.Holdout;
import io.sensequant.market.MarketData;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The holdout boundary is enforced by construction: two features tables that agree up to the holdout's
 * selection_end and differ after it (one with a planted perfect signal there, one scrambled) give target ranking
 * and feature selection identical outputs, so nothing after the boundary can have been read. And a holdout that
 * leaves a selection stage too few sessions stops it before any model is fitted, with a one-line user error.
 */
class HoldoutBoundaryTest {
    static final List<String> SYMBOLS = List.of("INFY", "TCS");
    static final LocalDate START = LocalDate.of(2022, 1, 1);
    static final LocalDate END = LocalDate.of(2022, 12, 31);
    static final String RUN = "run_holdout";
    /** Small enough to stay quick: 2 folds, the 3-class and regression kinds, one permutation repeat. */
    static final String[] FAST = {"features.candidate_targets.kinds=three_class,regression", "ranking.folds=2",
            "selection.permutation_repeats=1"};

    @TempDir
    Path dir;

    @Test
    void nothingAfterTheBoundaryChangesAnySelectionOutput() throws Exception {
        Holdout expected = holdout(FAST);
        LocalDate boundary = expected.selectionEnd();
        // planted: after selection_end the noise feature volume_z_20 drives the 3-day return perfectly (a target
        // and a feature that any look past the boundary would pick, and that the leakage guard would flag)
        int leak = RankingPhasesTest.FEATURES.indexOf(RankingPhasesTest.LEAK);
        Lake planted = RankingPhasesTest.lake(dir.resolve("planted"), SYMBOLS, START, END, false, (day, f, r, random) -> {
            if (day.isAfter(boundary)) {
                r[1] = 0.04 * f[leak];
            }
        });
        // scrambled: after selection_end every feature and return is fresh noise
        Lake scrambled = RankingPhasesTest.lake(dir.resolve("scrambled"), SYMBOLS, START, END, false, (day, f, r, random) -> {
            if (day.isAfter(boundary)) {
                for (int j = 0; j < f.length; j++) {
                    f[j] = random.nextGaussian();
                }
                r[0] = 0.05 * random.nextGaussian();
                r[1] = 0.05 * random.nextGaussian();
            }
        });
        RunContext a = RankingPhasesTest.context(planted, RUN, SYMBOLS, START, END, FAST);
        RunContext b = RankingPhasesTest.context(scrambled, RUN, SYMBOLS, START, END, FAST);

        // the fixture: the holdout of these features is the expected one, and the lakes differ exactly after it
        assertEquals(expected, FeatureInputs.planHoldout(a, 0));
        Map<String, Row> x = byKey(FeatureInputs.read(a, 0).collectAsList());
        Map<String, Row> y = byKey(FeatureInputs.read(b, 0).collectAsList());
        assertEquals(x.keySet(), y.keySet());
        long differing = x.keySet().stream().filter(k -> !x.get(k).equals(y.get(k))).count();
        long after = x.values().stream().filter(r -> r.<Date>getAs(FeatureColumns.DATE).toLocalDate().isAfter(boundary)).count();
        assertEquals((long) SYMBOLS.size() * (expected.purgeSessions() + expected.testSessions()), after);
        assertEquals(after, differing, "every row after selection_end differs, and no other");
        assertTrue(x.values().stream().filter(r -> r.<Date>getAs(FeatureColumns.DATE).toLocalDate().isAfter(boundary))
                .allMatch(r -> r.<Integer>getAs("label_3c_3d_200bp") == RankingPhasesTest.threeClass(0.04 * r.<Double>getAs(RankingPhasesTest.LEAK))),
                "the plant: volume_z_20 determines the 3-day label after the boundary");

        // as in a run: the FEATURES stage recorded the holdout and the features version
        for (RunContext context : List.of(a, b)) {
            context.record(new PhaseResult(FeaturesPhase.NAME, Stage.FEATURES, "features written by the test",
                    Map.of(FeatureInputs.HOLDOUT, expected.asMap()), Map.of(LakeTable.FEATURES.tableName(), 0L), List.of(), 0));
        }
        RankingPhasesTest.run(a, new TargetRankingPhase(), new FeatureSelectionPhase());
        RankingPhasesTest.run(b, new TargetRankingPhase(), new FeatureSelectionPhase());
        List<PhaseResult> withPlant = List.of(a.result(Stage.TARGET_RANKING).orElseThrow(), a.result(Stage.FEATURE_SELECTION).orElseThrow());
        List<PhaseResult> withNoise = List.of(b.result(Stage.TARGET_RANKING).orElseThrow(), b.result(Stage.FEATURE_SELECTION).orElseThrow());

        for (int i = 0; i < 2; i++) {
            assertEquals(comparable(withPlant.get(i).summary()), comparable(withNoise.get(i).summary()), withPlant.get(i).headline());
        }
        assertEquals(RankingPhasesTest.PLANTED_TARGET, withPlant.get(0).summary().get(FeatureInputs.CHOSEN_TARGET),
                "the 7-day target planted before the boundary, not the 3-day one planted after it");
        assertEquals(1, withPlant.get(0).summary().get("attempt_id"), "the leakage guard saw no leak");
        assertEquals(1, withPlant.get(1).summary().get("attempt_id"), "the leakage guard saw no leak");
        for (LakeTable table : List.of(LakeTable.TARGET_RANKING, LakeTable.FEATURE_SELECTION)) {
            List<String> rowsA = planted.read(table).collectAsList().stream().map(Row::toString).sorted().toList();
            List<String> rowsB = scrambled.read(table).collectAsList().stream().map(Row::toString).sorted().toList();
            assertFalse(rowsA.isEmpty(), table.tableName());
            assertEquals(rowsA, rowsB, table.tableName() + ": scores, ranks and importances identical");
        }
        for (String artifact : List.of("ranking/attempt_1/scores.json", "selection/attempt_1/importances.json")) {
            assertEquals(Files.readString(Path.of(planted.modelsDir(RUN), artifact)),
                    Files.readString(Path.of(scrambled.modelsDir(RUN), artifact)), artifact);
        }

        // each stage records the boundary it stopped at
        for (LakeTable table : List.of(LakeTable.TARGET_RANKING, LakeTable.FEATURE_SELECTION)) {
            StageSnapshot snapshot = StageSnapshot.fromJson(DeltaTable.forPath(planted.spark(), planted.path(table))
                    .history(1).select("userMetadata").first().getString(0));
            assertEquals(expected.asMap(), snapshot.details().get(FeatureInputs.HOLDOUT), table.tableName());
        }
    }

    @Test
    void tooShortASelectionPeriodStopsTheStageBeforeTraining() {
        Lake lake = RankingPhasesTest.lake(dir.resolve("short"), SYMBOLS, START, END, false, (day, f, r, random) -> { });
        int available = holdout().selectionSessions();
        String tooMany = "ranking.min_selection_sessions=" + (available + 1);
        // no FEATURES result here: the stage plans the holdout from the features table, and checks it before scoring
        RunContext ranking = RankingPhasesTest.context(lake, "run_short", SYMBOLS, START, END, tooMany);
        ConfigException error = assertThrows(ConfigException.class,
                () -> RankingPhasesTest.run(ranking, new TargetRankingPhase(), new FeatureSelectionPhase()));
        String message = error.getMessage();
        assertEquals(1, message.lines().count(), message);
        for (String part : List.of("target ranking:", available + " sessions", "first session 2022-01-03", "selection_end ",
                "test_start ", tooMany.replace('=', ' '), "run.start_date / run.end_date", "training.student.train_fraction")) {
            assertTrue(message.contains(part), part + " in: " + message);
        }
        assertFalse(lake.exists(LakeTable.TARGET_RANKING), "nothing scored");
        assertFalse(Files.exists(Path.of(lake.modelsDir("run_short"))), "nothing trained");

        RunContext selection = RankingPhasesTest.context(lake, "run_short_selection", SYMBOLS, START, END, tooMany,
                "ranking.enabled=false");
        ConfigException selectionError = assertThrows(ConfigException.class,
                () -> RankingPhasesTest.run(selection, new TargetRankingPhase(), new FeatureSelectionPhase()));
        assertTrue(selectionError.getMessage().startsWith("feature selection:"), selectionError.getMessage());
        assertFalse(lake.exists(LakeTable.FEATURE_SELECTION), "nothing selected");
    }

    /** The run's holdout over the calendar's sessions (the test tables hold a row on every session). */
    static Holdout holdout(String... extra) {
        List<LocalDate> sessions = new MarketData(ConfDir.locate()).calendar("nse").tradingDays(START, END);
        return FeatureInputs.holdout(RankingPhasesTest.context(new Lake(SharedSpark.get(), "unused"), RUN, SYMBOLS, START, END,
                extra).config(), sessions);
    }

    static Map<String, Row> byKey(List<Row> rows) {
        Map<String, Row> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.getAs("symbol") + "/" + r.getAs(FeatureColumns.DATE), r));
        return out;
    }

    /** A summary without the artifact paths, which name the lake. */
    static Map<String, Object> comparable(Map<String, Object> summary) {
        Map<String, Object> copy = new LinkedHashMap<>(summary);
        copy.remove("artifacts");
        return copy;
    }
}
