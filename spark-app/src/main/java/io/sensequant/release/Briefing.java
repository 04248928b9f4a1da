package io.sensequant.release;

import io.sensequant.identity.CanonicalJson;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;

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
    static Map<String, Object> build(RunContext context, ModelAudit.Result audit, String status) {
        Map<String, Object> ingest = summaryOf(context, io.sensequant.ingest.IngestPhase.NAME);
        Map<String, Object> features = summaryOf(context, io.sensequant.features.FeaturesPhase.NAME);
        Map<String, Object> teachers = summaryOf(context, io.sensequant.training.TeacherPhase.NAME);
        Map<String, Object> student = summaryOf(context, io.sensequant.training.StudentPhase.NAME);
        Map<String, Object> validation = summaryOf(context, io.sensequant.evaluation.ValidationPhase.NAME);

        Map<String, Object> briefing = new LinkedHashMap<>();
        briefing.put("run_id", context.runId());
        briefing.put("status", status);
        briefing.put("generated_at", Instant.now().toString());
        briefing.put("scoring_schema_version", io.sensequant.snapshot.ScoringSchema.VERSION);
        briefing.put("config_fingerprint", context.effectiveConfig().fingerprint());
        briefing.put("profile", context.config().run().profile());
        briefing.put("model_variant", context.config().models().xgboost().activeVariant());
        briefing.put("base_seed", context.config().run().baseSeed());

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
        briefing.put("data", data);

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("teachers", Map.of("windows", teachers.get("windows"), "failed_windows", teachers.get("failed_windows"),
                "out_of_sample_labels", teachers.get("oos_predictions")));
        training.put("student", student);
        training.put("target", targetSection(context));
        training.put("features", featuresSection(context, features));
        briefing.put("training", training);
        Map<String, Object> validationScopes = new LinkedHashMap<>(validation);
        Map<String, Object> rewardResults = (Map<String, Object>) validationScopes.remove(
                io.sensequant.evaluation.ValidationPhase.REWARD_SUMMARY);
        briefing.put("validation", validationScopes);
        briefing.put("reward_loop", rewardLoop(student, rewardResults));
        briefing.put("statistical_tests", Map.of("status", NOT_RUN, "reason",
                "walk-forward CV, bootstrap intervals and hypothesis tests are not implemented yet (issue 7)"));
        briefing.put("stress_tests", Map.of("status", NOT_RUN, "reason", "stress tests are not implemented yet (issue 7)"));

        Map<String, Object> test = (Map<String, Object>) validation.get("student/test");
        double accuracy = (Double) test.get("accuracy");
        double baseline = (Double) test.get("baseline_majority_accuracy");
        double margin = context.config().release().minSkillMargin();
        List<String> warnings = new ArrayList<>();
        if ("synthetic".equals(ingest.get("provider"))) {
            warnings.add("trained on synthetic bars (a seeded random walk), not market data: metrics say nothing about real markets");
        }
        List<?> missingSymbols = (List<?>) ingest.get("missing_symbols");
        if (!missingSymbols.isEmpty()) {
            warnings.add("partial run (--allow-partial): no complete data for " + missingSymbols);
        }
        long quarantinedBars = ((Number) ingest.get("quarantined")).longValue();
        if (quarantinedBars > 0) {
            warnings.add(quarantinedBars + " suspect bars were quarantined at ingest (see ohlcv_quarantine)");
        }
        Map<String, Object> sentiment = (Map<String, Object>) ingest.get("sentiment");
        if (Boolean.TRUE.equals(sentiment.get("enabled"))) {
            data.put("sentiment_coverage_pct", sentiment.get("coverage_pct"));
            warnings.add(String.format(java.util.Locale.ROOT, "sentiment coverage %.1f%% (source %s)",
                    ((Number) sentiment.get("coverage_pct")).doubleValue(), sentiment.get("source")));
        }
        if (accuracy - baseline < margin) {
            warnings.add(String.format("student test accuracy %.4f is within %.2f of the majority-class baseline %.4f: no evidence of skill",
                    accuracy, margin, baseline));
        }
        List<?> failedWindows = (List<?>) teachers.get("failed_windows");
        if (!failedWindows.isEmpty()) {
            warnings.add(failedWindows.size() + " teacher window(s) failed; see teacher_runs (status = 'failed') for stack traces");
        }
        List<String> manualReview = new ArrayList<>(audit.problems());
        manualReview.add("statistical tests and stress tests were not run (not implemented yet)");
        briefing.put("risk_assessment", Map.of("warnings", warnings, "manual_review", manualReview));

        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (ModelAudit.Artifact artifact : audit.verified()) {
            artifacts.add(Map.of("kind", artifact.kind(), "path", artifact.path(), "sha256", artifact.sha256()));
        }
        briefing.put("artifacts", Map.of("models", audit.verified().size(),
                "models_sha256", CanonicalJson.sha256(artifacts), "student_model", artifacts.get(artifacts.size() - 1)));
        briefing.put("tables", tableVersions(context));

        List<String> reasons = new ArrayList<>();
        reasons.add("statistical and stress tests are not implemented yet, so approval cannot be recommended automatically");
        reasons.addAll(warnings);
        briefing.put("recommendation", Map.of("decision", "needs_review", "reasons", reasons));
        briefing.put("next_steps", List.of(
                "review this briefing and the validation metrics (sensequant sql \"select * from metrics where run_id = '"
                        + context.runId() + "'\")",
                "inspect failed or skipped teacher windows in teacher_runs",
                "record the decision in the candidate registry (approve/reject commands arrive with issue 7)"));
        return briefing;
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
        Map<String, Object> ranking = optionalSummaryOf(context, io.sensequant.ranking.TargetRankingPhase.NAME);
        section.put("chosen_by", target.isPrimary() ? "config (features.forecast_horizon_days, label_threshold)"
                : "target ranking, " + context.config().ranking().chooseBy() + " view");
        section.put("ranking_status", ranking.getOrDefault("status", "not run"));
        section.put("ranking_score", ranking.get("chosen_score"));
        return section;
    }

    /** The feature sets, their signature, the model inputs and what the leakage guard excluded. */
    private static Map<String, Object> featuresSection(RunContext context, Map<String, Object> features) {
        Map<String, Object> selection = optionalSummaryOf(context, io.sensequant.ranking.FeatureSelectionPhase.NAME);
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

    /** A phase's summary, empty when the phase did not run (ranking and selection may be absent). */
    private static Map<String, Object> optionalSummaryOf(RunContext context, String phase) {
        return findSummary(context, phase).orElse(Map.of());
    }

    private static Map<String, Object> summaryOf(RunContext context, String phase) {
        return findSummary(context, phase)
                .orElseThrow(() -> new IllegalStateException("the release needs the '" + phase + "' phase's results"));
    }

    private static java.util.Optional<Map<String, Object>> findSummary(RunContext context, String phase) {
        return context.results().stream().filter(r -> r.phase().equals(phase)).findFirst().map(PhaseResult::summary);
    }
}
