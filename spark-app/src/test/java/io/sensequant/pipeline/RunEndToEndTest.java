package io.sensequant.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.tables.DeltaTable;
import io.sensequant.cli.CommandOutput;
import io.sensequant.config.ConfDir;
import io.sensequant.config.Yaml;
import io.sensequant.identity.Hashing;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sensequant run} on 3 symbols × 2 years into a temp lake, through the real CLI, real Spark, Delta and
 * XGBoost; then checks every table, the snapshots in the Delta log, the release files and the registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunEndToEndTest {
    static final List<String> SYMBOLS = List.of("GOLDBEES", "RELIANCE", "TCS");
    static final LocalDate START = LocalDate.of(2022, 1, 1);
    static final LocalDate END = LocalDate.of(2023, 12, 31);
    static final int WARMUP = 100;
    static final int HORIZON = 7;

    @TempDir
    static Path dir;
    SparkSession spark;
    Lake lake;
    String runId;
    Path release;
    CommandOutput first;

    String[] runArgs() {
        return new String[]{"run", "--symbols", String.join(",", SYMBOLS), "--start-date", START.toString(),
                "--end-date", END.toString(), "--lake", dir.resolve("lake").toString(),
                "--release-dir", dir.resolve("release").toString(), "--set", "spark.master=local[2]",
                "--set", "models.xgboost.hyperparameters.teacher.num_round=10",
                "--set", "models.xgboost.hyperparameters.student.num_round=15"};
    }

    @BeforeAll
    void runPipeline() throws Exception {
        spark = SharedSpark.get();
        first = CommandOutput.run(runArgs());
        assertEquals(0, first.exitCode(), first.err());
        lake = new Lake(spark, dir.resolve("lake").toString());
        try (Stream<Path> runs = Files.list(dir.resolve("release"))) {
            release = runs.findFirst().orElseThrow();
        }
        runId = release.getFileName().toString();
    }

    long sessions() {
        TradingCalendar nse = new MarketData(ConfDir.locate()).calendar("nse");
        return nse.tradingDays(START, END).size();
    }

    @Test
    void consolePrintsEveryPhaseAndWhereOutputsAre() {
        for (int phase = 1; phase <= 11; phase++) {
            assertTrue(first.out().contains("Phase " + phase + "/11"), first.out());
        }
        assertTrue(first.out().contains(runId) && first.out().contains("promotion_briefing.md"), first.out());
    }

    @Test
    void ohlcvHoldsEveryTradingSessionOfEverySymbol() {
        List<Row> counts = lake.read(LakeTable.OHLCV).groupBy("symbol").count().orderBy("symbol").collectAsList();
        assertEquals(SYMBOLS, counts.stream().map(r -> r.getString(0)).toList());
        counts.forEach(r -> assertEquals(sessions(), r.getLong(1), r.getString(0)));
        assertEquals(List.of("symbol", "ts_part"), DeltaTable.forPath(spark, lake.path(LakeTable.OHLCV)).detail()
                .select("partitionColumns").first().getList(0));
    }

    @Test
    void featuresDropWarmupAndRowsWithoutFuture() {
        long expected = (sessions() - WARMUP - HORIZON) * SYMBOLS.size();
        assertEquals(expected, lake.read(LakeTable.FEATURES).count());
        assertEquals(0, lake.read(LakeTable.FEATURES).where(col("label").isNull().or(col("rsi_14").isNull())).count());
    }

    @Test
    void teachersCoverEveryPlannedWindowWithReasons() {
        List<Row> windows = lake.read(LakeTable.TEACHER_RUNS).where(col("run_id").equalTo(runId)).collectAsList();
        assertEquals(5 * SYMBOLS.size(), windows.size(), "180-day windows from 2022-01-01 to 2023-12-31");
        for (Row w : windows) {
            // per-window sample diagnostics: each count can only shrink along the way
            int raw = w.getAs("raw_bars");
            int afterFeatures = w.getAs("feature_rows");
            int labelled = w.getAs("labelled_rows");
            assertTrue(raw >= afterFeatures && afterFeatures >= labelled && raw > 0, w.toString());
            String status = w.getAs("status");
            assertTrue(Set.of("success", "skipped").contains(status), w.toString());
            if (status.equals("skipped")) {
                assertNotNull(w.getAs("reason"));
            }
        }
        Row last = windows.stream().filter(w -> w.<String>getAs("symbol").equals("TCS")
                && w.<java.sql.Date>getAs("window_end").toLocalDate().equals(END)).findFirst().orElseThrow();
        assertEquals("TCS_2023-12-22_to_2023-12-31", last.getAs("window_label"));
        assertTrue(last.<String>getAs("reason").startsWith("insufficient future data: need through 2024-"), last.toString());
        assertTrue(windows.stream().filter(w -> w.<String>getAs("status").equals("success")).count() >= 6);
    }

    @Test
    void modelFilesMatchTheirRecordedHashes() throws Exception {
        List<Row> models = lake.read(LakeTable.TEACHER_RUNS).where(col("status").equalTo("success"))
                .select("model_path", "model_sha256").collectAsList();
        List<Row> students = lake.read(LakeTable.STUDENT_RUNS).where(col("run_id").equalTo(runId))
                .select("model_path", "model_sha256").collectAsList();
        assertEquals(3, students.size(), "the A/B pair (student, student_reward) and the direct baseline student_direct");
        for (Row model : Stream.concat(models.stream(), students.stream()).toList()) {
            byte[] bytes = Files.readAllBytes(Path.of(model.getString(0)));
            assertEquals(model.getString(1), Hashing.sha256Hex(bytes), model.getString(0));
            assertTrue(Yaml.JSON.readTree(bytes).has("learner"), "XGBoost JSON model format: " + model.getString(0));
        }
    }

    @Test
    void predictionsCoverTeachersOutOfSampleAndEveryStudentRow() {
        Row sums = lake.read(LakeTable.TEACHER_RUNS).where(col("status").equalTo("success"))
                .agg(org.apache.spark.sql.functions.sum("validation_rows")).first();
        var predictions = lake.read(LakeTable.PREDICTIONS).where(col("run_id").equalTo(runId));
        assertEquals(sums.getLong(0), predictions.where(col("model").equalTo("teacher")).count());
        // the student predicts every row that has the run's chosen target (a longer horizon leaves the last rows unlabelled)
        String target = lake.read(LakeTable.TARGET_RANKING).where(col("run_id").equalTo(runId).and(col("chosen")))
                .select("target").distinct().first().getString(0);
        assertEquals(lake.read(LakeTable.FEATURES).where(col(target).isNotNull()).count(),
                predictions.where(col("model").equalTo("student")).count(), target);
        assertEquals(lake.read(LakeTable.FEATURES).where(col(target).isNotNull()).count(),
                predictions.where(col("model").equalTo("student_reward")).count(), target);
        assertTrue(predictions.where(col("model").equalTo("student").and(col("split").equalTo("test"))).count() > 0);
        assertEquals(0, predictions.where(col("prob_down").plus(col("prob_neutral")).plus(col("prob_up")).minus(1).gt(1e-5)).count());
    }

    @Test
    void metricsHoldTheStudentsTestScores() {
        List<Row> accuracy = lake.read(LakeTable.METRICS).where(col("run_id").equalTo(runId)
                .and(col("scope").equalTo("student/test")).and(col("metric").equalTo("accuracy"))).collectAsList();
        assertEquals(1, accuracy.size());
        var test = lake.read(LakeTable.PREDICTIONS).where(col("run_id").equalTo(runId)
                .and(col("model").equalTo("student")).and(col("split").equalTo("test")));
        double recomputed = (double) test.where(col("prediction").equalTo(col("label"))).count() / test.count();
        assertEquals(recomputed, accuracy.get(0).getDouble(4), 1e-12, "student/test accuracy recomputed from predictions");
    }

    @Test
    void abStudentsShareSplitAndSeedAndRewardsAreRecorded() throws Exception {
        List<Row> runs = lake.read(LakeTable.STUDENT_RUNS).where(col("run_id").equalTo(runId)).orderBy("model").collectAsList();
        assertEquals(List.of("student", "student_direct", "student_reward"), runs.stream().map(r -> r.<String>getAs("model")).toList());
        Row baseline = runs.get(0);
        Row direct = runs.get(1);
        Row reward = runs.get(2);
        for (String column : List.of("seed", "train_rows", "train_start", "train_end", "test_start", "test_end", "hyperparameters")) {
            assertEquals(baseline.<Object>getAs(column), reward.<Object>getAs(column), column);
            assertEquals(baseline.<Object>getAs(column), direct.<Object>getAs(column), "direct baseline: " + column);
        }
        assertEquals("teacher_confidence", baseline.getAs("weighting"));
        assertEquals("uniform", direct.getAs("weighting"));
        assertNotNull(reward.getAs("reward_config"));

        var predictions = lake.read(LakeTable.PREDICTIONS).where(col("run_id").equalTo(runId));
        var rewards = lake.read(LakeTable.REWARDS).where(col("run_id").equalTo(runId));
        for (String model : List.of("teacher", "student", "student_reward")) {
            assertEquals(predictions.where(col("model").equalTo(model)).count(), rewards.where(col("model").equalTo(model)).count(), model);
        }
        assertEquals(baseline.<Long>getAs("train_rows"), rewards.where(col("reward_weight").isNotNull()).count(),
                "every training row of the reward student has its weight");
        assertEquals(0, rewards.where(col("reward").gt(0.10).or(col("reward").lt(-0.10))).count(), "clipped to [clip_min, clip_max]");
        assertEquals(0, rewards.where(col("prediction").equalTo(1).and(col("reward").notEqual(0))).count(), "neutral calls earn 0");

        var metrics = lake.read(LakeTable.METRICS).where(col("run_id").equalTo(runId));
        for (String scope : List.of("student_reward/test", "reward/student/overall", "reward/student_reward/overall",
                "reward/teacher/overall", "reward/student_reward/TCS", "ab/student_reward_vs_student/test")) {
            assertTrue(metrics.where(col("scope").equalTo(scope)).count() > 0, scope);
        }
        Row overall = metrics.where(col("scope").equalTo("reward/student_reward/overall").and(col("metric").equalTo("n"))).first();
        assertEquals(rewards.where(col("model").equalTo("student_reward").and(col("split").equalTo("test"))
                .and(col("reward").isNotNull())).count(), (long) overall.getDouble(4));

        JsonNode briefing = Yaml.JSON.readTree(release.resolve("promotion_briefing.json").toFile());
        assertTrue(briefing.at("/reward_loop/enabled").asBoolean(), briefing.at("/reward_loop").toString());
        JsonNode accuracy = briefing.at("/reward_loop/ab_comparison/accuracy");
        assertEquals(accuracy.get("reward").asDouble() - accuracy.get("baseline").asDouble(), accuracy.get("difference").asDouble(), 1e-12);
        String md = Files.readString(release.resolve("promotion_briefing.md"));
        assertTrue(md.contains("## Reward loop and A/B students") && md.contains("| student_reward/test |"), md);
    }

    @Test
    void validationReportsAndStressTests() throws Exception {
        JsonNode validation = Yaml.JSON.readTree(release.resolve("validation_summary.json").toFile());
        assertTrue(validation.at("/ic/dates").asInt() > 0, validation.at("/ic").toString());
        assertTrue(validation.get("teacher_windows").size() >= 6, "every trained window scored");
        String html = Files.readString(release.resolve("reports/accuracy_report.html"));
        assertTrue(html.contains("data:image/png;base64,") && !html.contains("src=\"http"), "self-contained");
        for (JsonNode chart : validation.get("charts")) {
            assertTrue(javax.imageio.ImageIO.read(Path.of(chart.asText()).toFile()).getWidth() > 100, chart.asText());
        }
        var metrics = lake.read(LakeTable.METRICS).where(col("run_id").equalTo(runId));
        assertEquals(1, metrics.where(col("scope").equalTo("student/test").and(col("metric").equalTo("rank_ic_mean"))).count());
        assertTrue(metrics.where(col("scope").startsWith("teacher/TCS_")).count() > 0);

        // 2022-01-01 to 2023-12-31: rate_hike_2022 starts within the purge of the data's start, svb_2023 is replayed
        JsonNode stress = Yaml.JSON.readTree(release.resolve("stress_summary.json").toFile());
        assertEquals(9, stress.get("periods").size());
        JsonNode gfc = stress.get("periods").get(0);
        assertEquals("gfc_2008", gfc.get("name").asText());
        assertEquals("skipped", gfc.get("status").asText());
        assertTrue(gfc.get("reason").asText().startsWith("no overlap"), gfc.toString());
        assertEquals(9, lake.read(LakeTable.STRESS_RESULTS).where(col("run_id").equalTo(runId)).count());
        assertTrue(Files.exists(release.resolve("stress_report.md")));
    }

    @Test
    void everyCommitCarriesTheRunsSnapshot() throws Exception {
        String fingerprint = Yaml.YAML.readTree(release.resolve("manifest.yaml").toFile()).get("config_fingerprint").asText();
        for (String table : List.of("ohlcv", "features", "target_ranking", "feature_selection", "teacher_runs", "student_runs",
                "predictions", "rewards", "metrics", "stat_test_folds", "strategy_returns", "stress_results", "candidate_runs")) {
            List<Row> commits = DeltaTable.forPath(spark, lake.path(table)).history().select("userMetadata").collectAsList();
            assertTrue(commits.size() >= 1, table);
            for (Row commit : commits) {
                StageSnapshot snapshot = StageSnapshot.fromJson(commit.getString(0));
                assertEquals(runId, snapshot.runId(), table);
                assertEquals(table, snapshot.table());
                assertEquals(fingerprint, snapshot.configFingerprint(), table);
                assertTrue(!snapshot.rowCounts().isEmpty(), table);
            }
        }
        StageSnapshot features = StageSnapshot.fromJson(DeltaTable.forPath(spark, lake.path("features")).history(1)
                .select("userMetadata").first().getString(0));
        assertEquals(0L, features.inputVersions().get("ohlcv"));
    }

    @Test
    void everyStageCommitHasACompleteIdentityAndTheRunIsIndexed() {
        assertTrue(!first.err().contains("WARNING stage"), first.err());
        List<Row> index = lake.read(LakeTable.SNAPSHOT_INDEX).where(col("run_id").equalTo(runId)).collectAsList();
        assertTrue(index.size() >= 10, "every stage commit of the run is indexed: " + index.size());
        java.util.Set<String> batches = new java.util.TreeSet<>();
        for (Row commit : index) {
            assertEquals(0, commit.<scala.collection.Seq<String>>getAs("missing_signatures").size(), commit.toString());
            assertEquals(64, commit.<String>getAs("strict_key").length());
            batches.add(commit.getAs("batch_id"));
        }
        assertEquals(1, batches.size(), "one universe, one batch id: " + batches);
        List<String> events = lake.read(LakeTable.RUN_CONTEXT).where(col("run_id").equalTo(runId)).orderBy("seq")
                .select("event").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals("RUN_STARTED", events.get(0));
        assertEquals("RUN_COMPLETED", events.get(events.size() - 1));
        assertEquals(events.stream().filter("STAGE_STARTED"::equals).count(), events.stream().filter("STAGE_COMPLETED"::equals).count());
    }

    @Test
    void statisticalTestsAreInTheLakeAndTheRelease() throws Exception {
        JsonNode report = Yaml.JSON.readTree(release.resolve("stat_tests.json").toFile());
        assertTrue(Set.of("passed", "failed").contains(report.get("status").asText()), report.toString());
        List<Row> folds = lake.read(LakeTable.STAT_TEST_FOLDS).where(col("run_id").equalTo(runId)).orderBy("fold").collectAsList();
        assertEquals(report.at("/walk_forward/folds").asInt(), folds.size());
        for (Row fold : folds) {
            assertTrue(fold.getAs("status").equals("completed") || fold.getAs("reason") != null, fold.toString());
        }
        long days = lake.read(LakeTable.STRATEGY_RETURNS).where(col("run_id").equalTo(runId)).count();
        assertEquals(report.at("/strategy/days").asLong(), days);
        assertTrue(days > 0);
        assertTrue(lake.read(LakeTable.METRICS).where(col("run_id").equalTo(runId).and(col("stage").equalTo("STAT_TESTS"))
                .and(col("scope").equalTo("stat_tests/bootstrap"))).count() > 0);
    }

    @Test
    void releaseBundleAndRegistry() throws Exception {
        JsonNode manifest = Yaml.YAML.readTree(release.resolve("manifest.yaml").toFile());
        assertEquals("ready-for-review", manifest.get("status").asText());
        assertEquals(runId, manifest.get("release_id").asText());
        JsonNode briefing = Yaml.JSON.readTree(release.resolve("promotion_briefing.json").toFile());
        // the decision follows release.* thresholds: a student without the skill margin is rejected
        String decision = briefing.at("/recommendation/decision").asText();
        if (!"pass".equals(briefing.at("/recommendation/checks/skill_margin").asText())) {
            assertEquals("reject", decision, briefing.at("/recommendation").toString());
        }
        assertTrue(Set.of("approve_staging", "needs_review", "reject").contains(decision), decision);
        assertTrue(briefing.at("/statistical_tests/status").isTextual(), "stat tests: a summary or not_run");
        JsonNode readiness = Yaml.JSON.readTree(release.resolve("deployment_readiness.json").toFile());
        assertTrue(readiness.get("ready").asBoolean() && readiness.get("failures").isEmpty(), readiness.toString());
        assertTrue(Files.readString(release.resolve("promotion_briefing.html")).contains("<h2>Recommendation: " + decision + "</h2>"));
        String markdown = Files.readString(release.resolve("promotion_briefing.md"));
        assertTrue(markdown.contains("# Promotion briefing: " + runId));
        // a reviewer sees what the models predict and from which features
        String target = briefing.at("/training/target/label_column").asText();
        assertTrue(target.startsWith("label"), briefing.toString());
        assertTrue(markdown.contains("- **Target:** `" + target + "`"), markdown);
        assertTrue(markdown.contains(briefing.at("/training/features/feature_signature").asText()), markdown);
        assertTrue(briefing.at("/training/features/model_inputs").size() >= 1);
        assertTrue(Files.exists(release.resolve("effective_config.yaml")));
        List<Row> registry = lake.read(LakeTable.CANDIDATE_RUNS).where(col("run_id").equalTo(runId)).collectAsList();
        assertEquals(1, registry.size());
        assertEquals("ready-for-review", registry.get(0).getAs("status"));
        assertEquals(1, registry.get(0).<Integer>getAs("seq"));
    }

    @Test
    void sqlAndHistoryCommandsReadTheLake() throws Exception {
        CommandOutput sql = CommandOutput.run("sql", "select count(distinct symbol) as symbols from ohlcv",
                "--lake", dir.resolve("lake").toString());
        assertEquals(0, sql.exitCode(), sql.err());
        assertEquals(List.of("symbols", "3"), sql.out().lines().toList());
        CommandOutput history = CommandOutput.run("history", "--table", "features", "--json",
                "--lake", dir.resolve("lake").toString());
        assertEquals(0, history.exitCode(), history.err());
        JsonNode commit = Yaml.JSON.readTree(history.out().lines().findFirst().orElseThrow());
        assertEquals("FEATURES", commit.at("/snapshot/stage").asText());
        assertEquals(runId, commit.at("/snapshot/run_id").asText());
    }

    @Test
    void everySqlCellOfEveryNotebookRuns() throws Exception {
        Path notebooks = Path.of(System.getProperty("sensequant.conf.dir")).getParent().resolve("notebooks");
        List<Path> files;
        try (Stream<Path> listing = Files.list(notebooks)) {
            files = listing.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no SQL notebooks in " + notebooks);
        for (Path notebook : files) {
            List<String> cells = NotebookCells.sql(Files.readString(notebook));
            assertTrue(cells.size() >= 5, notebook + " has too few SQL cells");
            for (String cell : cells) {
                String statement = cell.replace("${lake_root}", dir.resolve("lake").toString());
                try {
                    spark.sql(statement).collectAsList();
                } catch (Exception e) {
                    throw new AssertionError(notebook.getFileName() + ": cell failed: " + statement + "\n" + e.getMessage(), e);
                }
            }
        }
    }
}
