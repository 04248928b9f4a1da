package io.sensequant.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.tables.DeltaTable;
import io.sensequant.cli.CommandOutput;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.Yaml;
import io.sensequant.evaluation.ValidationPhase;
import io.sensequant.features.FeaturesPhase;
import io.sensequant.identity.Hashing;
import io.sensequant.ingest.IngestPhase;
import io.sensequant.market.MarketData;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseFailedException;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.ranking.FeatureSelectionPhase;
import io.sensequant.ranking.TargetRankingPhase;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import io.sensequant.training.StudentPhase;
import io.sensequant.training.TeacherPhase;
import org.apache.spark.sql.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release audit and the candidate registry on one small real run (2 symbols, 15 months, real Spark, Delta
 * and XGBoost): a model file and a report altered after training make the audit fail (deployment_readiness.json
 * names both files, the run is recorded as failed, nothing is ready-for-review); restored, the run is released
 * and its HTML briefing is well-formed and self-contained; then approve / reject / candidates through the CLI.
 * The statistical and stress tests' summaries come from fixture phases (their real phases are built elsewhere).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseRegistryTest {
    static final List<String> SYMBOLS = List.of("RELIANCE", "TCS");
    static final String RUN = "run_release_registry_test";
    static final List<String> RELEASE_PHASES = List.of(ReleasePhase.NAME, RegistryPhase.NAME);

    @TempDir
    static Path dir;
    Lake lake;
    RunContext context;
    Path release;

    @BeforeAll
    void trainAndEvaluate() {
        lake = new Lake(SharedSpark.get(), dir.resolve("lake").toString());
        List<String> assignments = List.of("spark.master=local[2]", "spark.shuffle_partitions=4",
                "run.start_date=2022-01-01", "run.end_date=2023-03-31", "run.symbols=" + String.join(",", SYMBOLS),
                "ranking.enabled=false", "selection.enabled=false", "reward.enabled=false",
                "models.xgboost.hyperparameters.teacher.num_round=5", "models.xgboost.hyperparameters.student.num_round=6",
                "paths.lake_root=" + lake.root(), "paths.release_dir=" + dir.resolve("release"));
        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments));
        MarketData market = new MarketData(ConfDir.locate());
        context = new RunContext(RUN, config, "test", market.universe("nifty100"), market.calendar("nse"), SYMBOLS, lake);
        release = dir.resolve("release").resolve(RUN);
        run(new IngestPhase(), new FeaturesPhase(), new TargetRankingPhase(), new FeatureSelectionPhase(), new TeacherPhase(),
                new StudentPhase(), new ValidationPhase(), EvidencePhases.validationExtras(), EvidencePhases.statTests(),
                EvidencePhases.stressTests());
    }

    void run(Phase... phases) {
        new PipelineRunner(List.of(phases), System.out).run(context);
    }

    /** What RunCommand does around the runner: a failure is recorded in the registry, then rethrown. */
    void release() {
        try {
            run(new ReleasePhase(), new RegistryPhase());
        } catch (RuntimeException failure) {
            RunFailures.record(context, RELEASE_PHASES, failure);
            throw failure;
        }
    }

    List<Row> registry() {
        return lake.read(LakeTable.CANDIDATE_RUNS).where(col("run_id").equalTo(RUN)).orderBy("seq").collectAsList();
    }

    String[] cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--lake", lake.root()));
        return all.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void anArtifactAlteredAfterTrainingFailsTheAudit() throws Exception {
        Path model = Path.of(lake.read(LakeTable.STUDENT_RUNS).where(col("run_id").equalTo(RUN)).select("model_path").first().getString(0));
        Path report = release.resolve(EvidencePhases.STAT_REPORT);
        byte[] modelBytes = Files.readAllBytes(model);
        byte[] reportBytes = Files.readAllBytes(report);
        Files.writeString(model, " ", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(report, "{\"status\": \"completed\", \"folds\": ");
        try {
            PhaseFailedException failure = assertThrows(PhaseFailedException.class, this::release);
            assertEquals(ReleasePhase.NAME, failure.phase());
            assertTrue(failure.getCause() instanceof ReleaseAuditException, failure.toString());
            assertTrue(failure.getCause().getMessage().contains(ReleaseAudit.READINESS_FILE), failure.getCause().getMessage());

            JsonNode readiness = Yaml.JSON.readTree(release.resolve(ReleaseAudit.READINESS_FILE).toFile());
            assertFalse(readiness.get("ready").asBoolean());
            List<String> failedPaths = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            readiness.get("failures").forEach(f -> {
                failedPaths.add(f.path("path").asText());
                codes.add(f.get("code").asText());
                assertFalse(f.get("action").asText().isBlank(), f.toString());
            });
            assertTrue(failedPaths.contains(model.toString()), readiness.toPrettyString());
            assertTrue(failedPaths.contains(report.toString()), readiness.toPrettyString());
            assertTrue(codes.containsAll(List.of("model_integrity", "report_invalid_json")), codes.toString());
            assertTrue(readiness.get("warnings").size() >= 2, "synthetic data and short date range: " + readiness);
            assertFalse(Files.exists(release.resolve("manifest.yaml")), "nothing is released");
            assertFalse(Files.exists(release.resolve("promotion_briefing.html")));

            List<Row> rows = registry();
            assertEquals(List.of(CandidateRegistry.FAILED), rows.stream().map(r -> r.<String>getAs("status")).toList());
            assertTrue(rows.get(0).<String>getAs("note").startsWith("failed at phase 'release'"), rows.get(0).toString());

            CommandOutput approve = CommandOutput.run(cli("approve", RUN, "--by", "alice"));
            assertEquals(2, approve.exitCode(), approve.err());
            assertTrue(approve.err().contains("run " + RUN + " is failed"), approve.err());
        } finally {
            Files.write(model, modelBytes);
            Files.write(report, reportBytes);
        }
    }

    @Test
    @Order(2)
    void restoredTheRunIsReleasedWithManifestAndReadiness() throws Exception {
        release();
        JsonNode readiness = Yaml.JSON.readTree(release.resolve(ReleaseAudit.READINESS_FILE).toFile());
        assertTrue(readiness.get("ready").asBoolean(), readiness.toPrettyString());
        assertEquals(0, readiness.get("failures").size());
        List<String> warningCodes = new ArrayList<>();
        readiness.get("warnings").forEach(w -> warningCodes.add(w.get("code").asText()));
        assertTrue(warningCodes.containsAll(List.of("synthetic_data", "short_date_range")), warningCodes.toString());

        JsonNode manifest = Yaml.YAML.readTree(release.resolve("manifest.yaml").toFile());
        assertEquals("ready-for-review", manifest.get("status").asText());
        assertEquals(SYMBOLS.size(), manifest.at("/training/symbols").size());
        assertEquals("2022-01-01", manifest.at("/training/date_range/start").asText());
        StageSnapshot student = context.stageCommits().stream().filter(c -> c.table().equals("student_runs"))
                .reduce((a, b) -> b).orElseThrow().snapshot();
        assertEquals(student.identity().strictKey(), manifest.at("/identity/strict_key").asText());
        assertEquals(student.identity().replicateKey(), manifest.at("/identity/replicate_key").asText());
        assertEquals(0.031, manifest.at("/validation/ic/mean").asDouble(), 1e-12);
        assertEquals(0.0017, manifest.at("/statistical_tests/hypothesis/vs_majority/p_value").asDouble(), 1e-12);
        // every report and chart is listed with the SHA-256 of the file as released
        JsonNode reports = manifest.at("/artifacts/reports");
        // the fixture's stat-test and stress reports and charts, plus the validation phase's own reports and charts
        assertTrue(reports.size() >= 5, reports.toString());
        for (JsonNode r : reports) {
            assertEquals(Hashing.sha256Hex(Files.readAllBytes(Path.of(r.get("path").asText()))), r.get("sha256").asText());
        }
        assertTrue(manifest.at("/artifacts/models").size() >= 3, "teachers, student JSON and Spark ML models");

        JsonNode briefing = Yaml.JSON.readTree(release.resolve("promotion_briefing.json").toFile());
        JsonNode checks = briefing.at("/recommendation/checks");
        assertEquals("pass", checks.get("statistical_tests").asText());
        assertEquals("pass", checks.get("stress_tests").asText());
        String expected = checks.get("skill_margin").asText().equals("pass") ? "approve_staging" : "reject";
        assertEquals(expected, briefing.at("/recommendation/decision").asText(), briefing.at("/recommendation").toString());
        assertTrue(briefing.at("/training/teachers/completed").asLong() > 0);
        assertTrue(briefing.at("/training/teachers/mean_window_validation_accuracy").isNumber());

        List<Row> rows = registry();
        assertEquals(List.of("failed", "ready-for-review"), rows.stream().map(r -> r.<String>getAs("status")).toList());
        assertEquals("failed", rows.get(1).getAs("from_status"));
    }

    @Test
    @Order(3)
    void theHtmlBriefingIsWellFormedAndSelfContained() throws Exception {
        Path html = release.resolve("promotion_briefing.html");
        String text = Files.readString(html);
        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document page = Jsoup.parse(text, "", parser);
        assertTrue(parser.getErrors().isEmpty(), "HTML parse errors: " + parser.getErrors());
        assertEquals("Promotion briefing: " + RUN, page.title());
        assertTrue(page.select("script, link, iframe, object, embed").isEmpty(), "no scripts, no external resources");
        assertEquals(1, page.select("head > style").size(), "inline CSS");
        for (Element element : page.select("[src], [href]")) {
            String ref = element.hasAttr("src") ? element.attr("src") : element.attr("href");
            assertTrue(ref.startsWith("data:"), "external reference " + ref);
        }
        List<String> headings = page.select("h2").eachText();
        for (String section : List.of("Data", "Training", "Validation", "Statistical tests", "Stress tests", "Risk assessment",
                "Artifacts", "Next steps")) {
            assertTrue(headings.contains(section), section + " in " + headings);
        }
        assertTrue(page.text().contains("0.0017"), "the hypothesis test's p-value");
        assertTrue(page.text().contains("covid_crash") && page.text().contains("no overlap with the run's data"));
        assertTrue(page.text().contains("Rank IC (Spearman)"));
        assertTrue(page.text().contains("sensequant approve " + RUN));
        // the three charts listed by the phases are embedded, byte for byte
        List<Element> images = page.select("figure img");
        assertEquals(3, images.size());
        List<String> charts = List.of("reports/ic_over_time.png", "reports/strategy_equity.png", "reports/stress_covid_equity.png");
        for (int i = 0; i < charts.size(); i++) {
            String src = images.get(i).attr("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 40));
            assertEquals(Hashing.sha256Hex(Files.readAllBytes(release.resolve(charts.get(i)))),
                    Hashing.sha256Hex(Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()))));
        }
        String md = Files.readString(release.resolve("promotion_briefing.md"));
        assertTrue(md.contains("## Statistical tests") && md.contains("![Stress tests: stress covid equity](reports/stress_covid_equity.png)"), md);
        // kept for a look in a browser (the README's headless Chromium check)
        Path sample = Path.of("target", "briefing-sample");
        Files.createDirectories(sample);
        Files.copy(html, sample.resolve("promotion_briefing.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(4)
    void approveRecordsTheApproverAndRefusesAnythingButReadyForReview() throws Exception {
        CommandOutput noNote = CommandOutput.run(cli("reject", RUN, "--by", "bob"));
        assertEquals(2, noNote.exitCode(), "reject requires --note");
        assertTrue(noNote.err().contains("--note"), noNote.err());
        CommandOutput blankNote = CommandOutput.run(cli("reject", RUN, "--by", "bob", "--note", " "));
        assertEquals(2, blankNote.exitCode());

        CommandOutput approve = CommandOutput.run(cli("approve", RUN, "--by", "alice", "--note", "walk-forward and stress ok"));
        assertEquals(0, approve.exitCode(), approve.err());
        Row approved = registry().get(2);
        assertEquals("approved", approved.getAs("status"));
        assertEquals("ready-for-review", approved.getAs("from_status"));
        assertEquals("alice", approved.getAs("by"));
        assertEquals("walk-forward and stress ok", approved.getAs("note"));
        assertEquals(3, approved.<Integer>getAs("seq"));
        assertTrue(approved.<java.sql.Timestamp>getAs("ts").after(registry().get(1).getAs("ts")));
        // the commit carries the run's identity and the transition
        StageSnapshot snapshot = StageSnapshot.fromJson(DeltaTable.forPath(lake.spark(), lake.path(LakeTable.CANDIDATE_RUNS))
                .history(1).select("userMetadata").first().getString(0));
        assertEquals(RUN, snapshot.runId());
        assertEquals("alice", snapshot.details().get("by"));
        assertEquals("ready-for-review", snapshot.details().get("from_status"));
        JsonNode manifest = Yaml.YAML.readTree(release.resolve("manifest.yaml").toFile());
        assertEquals(manifest.at("/identity/strict_key").asText(), snapshot.identity().strictKey());

        CommandOutput again = CommandOutput.run(cli("approve", RUN, "--by", "carol"));
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("is approved"), again.err());
        CommandOutput unknown = CommandOutput.run(cli("approve", "run_nope", "--by", "carol"));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("run_nope is not in candidate_runs"), unknown.err());
        assertEquals(3, registry().size(), "refusals append nothing");
    }

    @Test
    @Order(5)
    void rejectNeedsANoteAndCandidatesListTheLatestStatus() throws Exception {
        CommandOutput reject = CommandOutput.run(cli("reject", RUN, "--by", "bob", "--note", "drawdown too deep for staging"));
        assertEquals(0, reject.exitCode(), reject.err());
        Row rejected = registry().get(3);
        assertEquals("rejected", rejected.getAs("status"));
        assertEquals("approved", rejected.getAs("from_status"));
        assertEquals("bob", rejected.getAs("by"));

        CommandOutput latest = CommandOutput.run(cli("candidates", "--json"));
        assertEquals(0, latest.exitCode(), latest.err());
        List<String> lines = latest.out().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(1, lines.size(), latest.out());
        JsonNode current = Yaml.JSON.readTree(lines.get(0));
        assertEquals(RUN, current.get("run_id").asText());
        assertEquals("rejected", current.get("status").asText());
        assertEquals(4, current.get("seq").asInt());

        CommandOutput history = CommandOutput.run(cli("candidates", "--history", "--json", "--run", RUN));
        List<String> statuses = new ArrayList<>();
        for (String line : history.out().lines().filter(l -> l.startsWith("{")).toList()) {
            statuses.add(Yaml.JSON.readTree(line).get("status").asText());
        }
        assertEquals(List.of("failed", "ready-for-review", "approved", "rejected"), statuses);

        CommandOutput filtered = CommandOutput.run(cli("candidates", "--status", "ready-for-review", "--json"));
        assertEquals(0, filtered.out().lines().filter(l -> l.startsWith("{")).count(), "the current status is rejected");
        CommandOutput text = CommandOutput.run(cli("candidates", "--latest"));
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains(RUN) && text.out().contains("rejected") && text.out().contains("bob"), text.out());
    }

    @Test
    void autoApprovalNeedsTheThresholdAndNeverOverridesAReject() {
        var on = new io.sensequant.config.PipelineConfig.Candidate(true, 0.6);
        assertTrue(AutoApproval.decide(on, 0.61, Recommendation.REVIEW).approve());
        assertFalse(AutoApproval.decide(on, 0.59, Recommendation.APPROVE).approve());
        assertFalse(AutoApproval.decide(on, 0.9, Recommendation.REJECT).approve());
        assertFalse(AutoApproval.decide(new io.sensequant.config.PipelineConfig.Candidate(false, 0.6), 0.9,
                Recommendation.APPROVE).approve());
        assertTrue(AutoApproval.decide(on, 0.61, Recommendation.REVIEW).reason().contains("0.6100"));
    }

    @Test
    void recommendationFollowsTheThresholds() {
        var release = new io.sensequant.config.PipelineConfig.Release(0.02, "x", 1.0, 730, 0.25, 80.0);
        Map<String, Object> skilled = Map.of("accuracy", 0.45, "baseline_majority_accuracy", 0.40);
        Map<String, Object> unskilled = Map.of("accuracy", 0.41, "baseline_majority_accuracy", 0.40);
        // the verdict is the phase's status; the row-level keys beside it do not decide
        Map<String, Object> significant = Map.of("status", "passed", "hypothesis",
                Map.of("alpha", 0.05, "vs_majority", Map.of("p_value", 0.4, "significant", false)));
        Map<String, Object> insignificant = Map.of("status", "failed", "reason", "date-level edge not significant", "hypothesis",
                Map.of("alpha", 0.05, "vs_majority", Map.of("p_value", 0.01, "significant", true)));
        Map<String, Object> stressPass = Map.of("status", "passed", "periods", List.of(Map.of("passed", true)));
        Map<String, Object> stressFail = Map.of("status", "failed", "periods", List.of(Map.of("passed", true), Map.of("passed", false)));
        assertEquals("approve_staging", Recommendation.decide(release, skilled, significant, stressPass, List.of()).get("decision"));
        assertEquals("reject", Recommendation.decide(release, unskilled, significant, stressPass, List.of()).get("decision"));
        assertEquals("reject", Recommendation.decide(release, skilled, insignificant, stressPass, List.of()).get("decision"));
        assertEquals("needs_review", Recommendation.decide(release, skilled, significant, stressFail, List.of()).get("decision"));
        assertEquals("needs_review", Recommendation.decide(release, skilled, null, stressPass, List.of()).get("decision"));
        assertEquals("needs_review", Recommendation.decide(release, skilled, significant, null, List.of()).get("decision"));
        var halfOk = new io.sensequant.config.PipelineConfig.Release(0.02, "x", 0.5, 730, 0.25, 80.0);
        assertEquals("approve_staging", Recommendation.decide(halfOk, skilled, significant, stressFail, List.of()).get("decision"));
        assertNull(Recommendation.decide(release, skilled, null, null, List.of()).get("missing"));
    }
}
