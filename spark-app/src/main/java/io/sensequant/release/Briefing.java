package io.sensequant.release;

import io.sensequant.identity.CanonicalJson;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of the promotion briefing, built only from this run's phase results: what was trained on what,
 * how it validated, what was not run, the warnings a reviewer must see, and a recommendation with reasons.
 */
final class Briefing {
    static final String NOT_RUN = "not_run";

    private Briefing() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> build(RunContext context, ReleaseAudit.Result audit, String status) {
        Map<String, Object> ingest = Summaries.required(context, io.sensequant.ingest.IngestPhase.NAME);
        Map<String, Object> features = Summaries.required(context, io.sensequant.features.FeaturesPhase.NAME);
        Map<String, Object> teachers = Summaries.required(context, io.sensequant.training.TeacherPhase.NAME);
        Map<String, Object> student = Summaries.required(context, io.sensequant.training.StudentPhase.NAME);
        Map<String, Object> validation = Summaries.required(context, io.sensequant.evaluation.ValidationPhase.NAME);

        Map<String, Object> briefing = new LinkedHashMap<>();
        briefing.put("run_id", context.runId());
        briefing.put("status", status);
        briefing.put("generated_at", Instant.now().toString());
        briefing.put("scoring_schema_version", io.sensequant.snapshot.ScoringSchema.VERSION);
        briefing.put("config_fingerprint", context.effectiveConfig().fingerprint());
        briefing.put("profile", context.config().run().profile());
        briefing.put("model_variant", context.config().models().xgboost().activeVariant());
        briefing.put("base_seed", context.config().run().baseSeed());
        briefing.put("identity", identityKeys(context));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", ingest.get("provider"));
        data.put("interval", ingest.get("interval"));
        data.put("start_date", ingest.get("start_date"));
        data.put("end_date", ingest.get("end_date"));
        data.put("symbols", context.symbols().size());
        data.put("bars", features.get("bars_read"));
        data.put("ingest_chunks", ingest.get("chunks"));
        data.put("quarantined_bars", ingest.get("quarantined"));
        data.put("missing_symbols", ingest.get("missing_symbols"));
        data.put("labelled_rows", features.get("rows"));
        data.put("dropped_warmup_rows", features.get("dropped_warmup_rows"));
        data.put("dropped_no_future_rows", features.get("dropped_no_future_rows"));
        Map<String, Object> sentiment = (Map<String, Object>) ingest.getOrDefault("sentiment", Map.of());
        if (Boolean.TRUE.equals(sentiment.get("enabled"))) {
            data.put("sentiment_coverage_pct", sentiment.get("coverage_pct"));
        }
        briefing.put("data", data);

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("teachers", teachersSection(teachers, (Map<String, Object>) validation.get("teacher/windows")));
        training.put("student", student);
        training.put("target", targetSection(context));
        training.put("features", featuresSection(context, features));
        briefing.put("training", training);
        Map<String, Object> validationScopes = new LinkedHashMap<>(validation);
        Map<String, Object> rewardResults = (Map<String, Object>) validationScopes.remove(
                io.sensequant.evaluation.ValidationPhase.REWARD_SUMMARY);
        briefing.put("validation", validationScopes);
        briefing.put("reward_loop", rewardLoop(student, rewardResults));
        Map<String, Object> statTests = context.result(Stage.STAT_TESTS).map(PhaseResult::summary).orElse(null);
        Map<String, Object> stressTests = context.result(Stage.STRESS_TESTS).map(PhaseResult::summary).orElse(null);
        Map<String, Object> evidence = evidence(context.config().release(), (Map<String, Object>) validation.get("student/test"),
                statTests, stressTests, audit.warnings());
        briefing.put("statistical_tests", evidence.get("statistical_tests"));
        briefing.put("stress_tests", evidence.get("stress_tests"));
        briefing.put("evidence_notes", evidence.get("evidence_notes"));
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("validation", ReportFiles.charts(validation, context.releaseDir()));
        charts.put("statistical_tests", statTests == null ? List.of() : ReportFiles.charts(statTests, context.releaseDir()));
        charts.put("stress_tests", stressTests == null ? List.of() : ReportFiles.charts(stressTests, context.releaseDir()));
        // charts of any other phase, so every PNG a phase lists reaches the reviewer
        List<String> other = new ArrayList<>();
        context.results().stream().filter(r -> !java.util.Set.of(Stage.VALIDATION, Stage.STAT_TESTS, Stage.STRESS_TESTS)
                .contains(r.stage())).forEach(r -> other.addAll(ReportFiles.charts(r.summary(), context.releaseDir())));
        charts.put("other", other);
        briefing.put("charts", charts);

        Map<String, Object> recommendation = (Map<String, Object>) evidence.get("recommendation");
        briefing.put("risk_assessment", risk(teachers, recommendation, audit));
        briefing.put("artifacts", artifactsSection(audit));
        briefing.put("tables", tableVersions(context));
        briefing.put("recommendation", recommendation);
        briefing.put("next_steps", nextSteps(context));
        return briefing;
    }

    /**
     * The briefing's evidence keys from the test phases' summaries alone (a pure function, so the failing path can
     * be rendered without a run): {@code statistical_tests} and {@code stress_tests} (the summaries as recorded, or
     * {@code not_run} with why), {@code evidence_notes} ({@link EvidenceNotes}) and {@code recommendation}.
     */
    static Map<String, Object> evidence(io.sensequant.config.PipelineConfig.Release release, Map<String, Object> studentTest,
                                        Map<String, Object> statTests, Map<String, Object> stressTests, List<Finding> warnings) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("statistical_tests", statTests != null ? statTests
                : notRun("the " + EvidenceNotes.STAT_PHASE + " phase did not run"));
        evidence.put("stress_tests", stressTests != null ? stressTests
                : notRun("the " + EvidenceNotes.STRESS_PHASE + " phase did not run"));
        evidence.put("evidence_notes", EvidenceNotes.build(statTests, stressTests));
        evidence.put("recommendation", Recommendation.decide(release, studentTest, statTests, stressTests, warnings));
        return evidence;
    }

    private static Map<String, Object> notRun(String reason) {
        return Map.of("status", NOT_RUN, "reason", reason);
    }

    /** The run's identity keys: those of its student's commit (the release's identity is its student's). */
    static Map<String, Object> identityKeys(RunContext context) {
        Map<String, Object> keys = new LinkedHashMap<>();
        context.stageCommits().stream().filter(c -> c.table().equals(io.sensequant.spark.LakeTable.STUDENT_RUNS.tableName()))
                .reduce((a, b) -> b).map(c -> c.snapshot().identity()).ifPresent(identity -> {
                    keys.put("strict_key", identity.strictKey());
                    keys.put("replicate_key", identity.replicateKey());
                    keys.put("train_seed", identity.trainSeed());
                    keys.put("missing_signatures", identity.missing());
                });
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> teachersSection(Map<String, Object> teachers, Map<String, Object> windowAverages) {
        Map<String, Object> windows = (Map<String, Object>) teachers.get("windows");
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("windows", windows);
        section.put("completed", windows.getOrDefault("success", 0L));
        section.put("skipped", windows.getOrDefault("skipped", 0L));
        section.put("failed", windows.getOrDefault("failed", 0L));
        section.put("failed_windows", teachers.get("failed_windows"));
        section.put("out_of_sample_labels", teachers.get("oos_predictions"));
        if (windowAverages != null) {
            section.putAll(windowAverages);
        }
        return section;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> risk(Map<String, Object> teachers, Map<String, Object> recommendation,
                                            ReleaseAudit.Result audit) {
        List<String> outstanding = outstandingIssues(recommendation);
        List<String> manual = new ArrayList<>();
        manual.add("read the validation confusion matrix and per-class precision / recall: a model that never calls one class is not usable");
        ((List<Object>) teachers.get("failed_windows")).forEach(w -> manual.add("failed teacher window: " + w));
        audit.warnings().forEach(w -> manual.add(w.code() + ": " + w.action()));
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("outstanding_issues", outstanding);
        risk.put("warnings", audit.warnings().stream().map(Finding::message).toList());
        risk.put("audit_warnings", audit.warnings().stream().map(Finding::asMap).toList());
        risk.put("manual_review", manual);
        return risk;
    }

    /** Each check that did not pass, with its result (fail, skipped or not_run) and the phase verdict behind it. */
    @SuppressWarnings("unchecked")
    static List<String> outstandingIssues(Map<String, Object> recommendation) {
        List<String> outstanding = new ArrayList<>();
        Map<String, Object> checks = (Map<String, Object>) recommendation.get("checks");
        Map<String, Object> phases = (Map<String, Object>) recommendation.getOrDefault("phase_status", Map.of());
        checks.forEach((check, verdict) -> {
            if (!Recommendation.PASS.equals(verdict)) {
                outstanding.add(check + ": " + verdict + (phases.get(check) == null ? "" : " (phase verdict " + phases.get(check) + ")"));
            }
        });
        return outstanding;
    }

    private static Map<String, Object> artifactsSection(ReleaseAudit.Result audit) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelAudit.Artifact artifact : audit.models().verified()) {
            models.add(Map.of("kind", artifact.kind(), "path", artifact.path(), "sha256", artifact.sha256()));
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("models", models.size());
        section.put("models_sha256", CanonicalJson.sha256(models));
        section.put("student_model", models.get(models.size() - 1));
        section.put("reports", audit.reports().verified().stream()
                .map(a -> Map.of("kind", a.kind(), "path", a.path(), "sha256", a.sha256())).toList());
        section.put("readiness", ReleaseAudit.READINESS_FILE);
        return section;
    }

    private static List<String> nextSteps(RunContext context) {
        String lake = " --lake " + context.lake().root();
        String run = context.runId();
        return List.of(
                "review this briefing, deployment_readiness.json and the metrics: `deploy/bin/sensequant sql \"select scope, metric, value from metrics where run_id = '"
                        + run + "'\"" + lake + "`",
                "approve for staging: `deploy/bin/sensequant approve " + run + " --by <your name> --note \"<why>\"" + lake + "`",
                "or reject: `deploy/bin/sensequant reject " + run + " --by <your name> --note \"<why>\"" + lake + "`",
                "see the registry: `deploy/bin/sensequant candidates" + lake + "`");
    }

    /** The reward loop's section: its definition and knobs, the reward student, the A/B comparison and reward metrics. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> rewardLoop(Map<String, Object> student, Map<String, Object> rewardResults) {
        Map<String, Object> studentReward = (Map<String, Object>) student.getOrDefault("reward", Map.of("enabled", false));
        Map<String, Object> section = new LinkedHashMap<>();
        boolean enabled = Boolean.TRUE.equals(studentReward.get("enabled")) && rewardResults != null;
        section.put("enabled", enabled);
        section.put("definition", "reward = clip(sign(class) * sign(r) * |r|, clip_min, clip_max), class down -1 / neutral 0 / up +1, "
                + "r the realised forward return of the training target; reward student weight = teacher confidence * "
                + "reward weight of the teacher's class (decayed by gamma per earlier batch)");
        section.put("config", studentReward.get("config"));
        if (!enabled) {
            section.put("reason", "reward.enabled is false: only the baseline student was trained");
            return section;
        }
        section.put("baseline_model", rewardResults.get("baseline_model"));
        section.put("reward_model", rewardResults.get("reward_model"));
        section.put("reward_model_sha256", studentReward.get("model_sha256"));
        section.put("reward_model_training_seconds", studentReward.get("training_seconds"));
        section.put("training_weights", studentReward.get("training_weights"));
        section.put("ab_comparison", rewardResults.get("ab_comparison"));
        section.put("reward_metrics", rewardResults.get("metrics"));
        return section;
    }

    static Map<String, Long> tableVersions(RunContext context) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (PhaseResult result : context.results()) {
            versions.putAll(result.tableVersions());
        }
        return versions;
    }

    /** What the models learned to predict, and whether target ranking chose it. */
    private static Map<String, Object> targetSection(RunContext context) {
        io.sensequant.features.TrainingTarget target = io.sensequant.features.FeatureInputs.target(context);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("label_column", target.labelColumn());
        section.put("horizon_days", target.horizonDays());
        Map<String, Object> ranking = Summaries.optional(context, io.sensequant.ranking.TargetRankingPhase.NAME);
        section.put("chosen_by", target.isPrimary() ? "config (features.forecast_horizon_days, label_threshold)"
                : "target ranking, " + context.config().ranking().chooseBy() + " view");
        section.put("ranking_status", ranking.getOrDefault("status", "not run"));
        section.put("ranking_score", ranking.get("chosen_score"));
        return section;
    }

    /** The feature sets, their signature, the model inputs and what the leakage guard excluded. */
    private static Map<String, Object> featuresSection(RunContext context, Map<String, Object> features) {
        Map<String, Object> selection = Summaries.optional(context, io.sensequant.ranking.FeatureSelectionPhase.NAME);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("feature_sets", features.get("feature_sets"));
        section.put("feature_signature", features.get("feature_signature"));
        section.put("computed", features.get("features"));
        section.put("model_inputs", io.sensequant.features.FeatureInputs.modelInputs(context));
        section.put("selection_status", selection.getOrDefault("status", "not run"));
        section.put("excluded_by_leakage_guard", selection.getOrDefault(
                io.sensequant.ranking.TargetRankingPhase.EXCLUDED_FEATURES, List.of()));
        return section;
    }

}
