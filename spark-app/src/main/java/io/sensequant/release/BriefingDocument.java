package io.sensequant.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The promotion briefing as a {@link Doc}, rendered to Markdown and HTML; every figure comes from the JSON
 * briefing. The statistical and stress tests' sections are {@link EvidenceDocument}'s.
 */
final class BriefingDocument {
    private BriefingDocument() {
    }

    @SuppressWarnings("unchecked")
    static Doc build(Map<String, Object> b, List<String> classes) {
        Doc doc = new Doc();
        Map<String, Object> recommendation = (Map<String, Object>) b.get("recommendation");
        String decision = String.valueOf(recommendation.get("decision"));
        doc.heading(1, "Promotion briefing: " + b.get("run_id"));
        doc.callout("**Recommendation: " + decision + "**", tone(decision));
        Map<String, Object> identity = (Map<String, Object>) b.getOrDefault("identity", Map.of());
        doc.bullets(List.of("**Status:** " + b.get("status"), "**Recommendation:** " + decision,
                "**Config fingerprint:** `" + b.get("config_fingerprint") + "` (profile " + b.get("profile") + ", model variant "
                        + b.get("model_variant") + ", base seed " + b.get("base_seed") + ")",
                "**Identity:** strict key `" + identity.get("strict_key") + "`, replicate key `" + identity.get("replicate_key") + "`",
                "**Generated:** " + b.get("generated_at")));
        recommendation(doc, recommendation);

        Map<String, Object> data = (Map<String, Object>) b.get("data");
        doc.heading(2, "Data");
        doc.paragraph(String.format(Locale.ROOT, "%s symbols, %,d bars from `%s` (%s), %s to %s; %,d labelled rows after dropping %,d warm-up rows and %,d rows without enough future.",
                data.get("symbols"), count(data.get("bars")), data.get("provider"), data.get("interval"), data.get("start_date"),
                data.get("end_date"), count(data.get("labelled_rows")), count(data.get("dropped_warmup_rows")),
                count(data.get("dropped_no_future_rows"))));
        training(doc, (Map<String, Object>) b.get("training"));
        validation(doc, (Map<String, Object>) b.get("validation"), classes);
        Map<String, Object> charts = (Map<String, Object>) b.getOrDefault("charts", Map.of());
        EvidenceDocument.ic(doc, (Map<String, Object>) ((Map<String, Object>) b.get("validation")).get("ic"));
        figures(doc, (List<Object>) charts.getOrDefault("validation", List.of()), "Validation");
        RewardDocument.rewardLoop(doc, (Map<String, Object>) b.get("reward_loop"));
        Map<String, Object> notes = (Map<String, Object>) b.get("evidence_notes");
        EvidenceDocument.statisticalTests(doc, (Map<String, Object>) b.get("statistical_tests"), notes);
        figures(doc, (List<Object>) charts.getOrDefault("statistical_tests", List.of()), "Statistical tests");
        StressDocument.stressTests(doc, (Map<String, Object>) b.get("stress_tests"), notes);
        figures(doc, (List<Object>) charts.getOrDefault("stress_tests", List.of()), "Stress tests");
        List<Object> other = (List<Object>) charts.getOrDefault("other", List.of());
        if (!other.isEmpty()) {
            doc.heading(2, "Other charts");
            figures(doc, other, "Chart");
        }

        Map<String, Object> risk = (Map<String, Object>) b.get("risk_assessment");
        doc.heading(2, "Risk assessment");
        doc.paragraph("**Outstanding issues**");
        doc.bullets((List<Object>) risk.get("outstanding_issues"));
        doc.paragraph("**Warnings** (from the release audit, deployment_readiness.json)");
        doc.bullets((List<Object>) risk.get("warnings"));
        doc.paragraph("**Manual review**");
        doc.bullets((List<Object>) risk.get("manual_review"));

        artifacts(doc, (Map<String, Object>) b.get("artifacts"), b.get("tables"));
        doc.heading(2, "Next steps");
        doc.bullets((List<Object>) b.get("next_steps"));
        return doc;
    }

    /** The decision's section: each check with the phase verdict it came from, then the reasons with their figures. */
    @SuppressWarnings("unchecked")
    static void recommendation(Doc doc, Map<String, Object> recommendation) {
        doc.heading(2, "Recommendation: " + recommendation.get("decision"));
        Map<String, Object> checks = (Map<String, Object>) recommendation.getOrDefault("checks", Map.of());
        Map<String, Object> phases = (Map<String, Object>) recommendation.getOrDefault("phase_status", Map.of());
        List<List<String>> rows = new ArrayList<>();
        checks.forEach((check, result) -> rows.add(List.of(check, Recommendation.FAIL.equals(result) ? "**fail**" : String.valueOf(result),
                phases.get(check) == null ? "n/a" : String.valueOf(phases.get(check)))));
        doc.table(List.of("check", "result", "phase verdict"), rows);
        doc.paragraph("Check results: `pass`; `fail` (tested, the evidence was against); `skipped` (configured off or too "
                + "little data); `not_run` (the phase did not run). Only `pass` on every check approves.");
        doc.bullets((List<Object>) recommendation.get("reasons"));
    }

    static String tone(String decision) {
        return switch (decision) {
            case Recommendation.APPROVE -> "good";
            case Recommendation.REJECT -> "bad";
            default -> "warn";
        };
    }

    @SuppressWarnings("unchecked")
    private static void training(Doc doc, Map<String, Object> training) {
        Map<String, Object> teachers = (Map<String, Object>) training.get("teachers");
        Map<String, Object> student = (Map<String, Object>) training.get("student");
        Map<String, Object> target = (Map<String, Object>) training.get("target");
        Map<String, Object> inputs = (Map<String, Object>) training.get("features");
        List<Object> modelInputs = (List<Object>) inputs.get("model_inputs");
        List<Object> excluded = (List<Object>) inputs.get("excluded_by_leakage_guard");
        List<String> items = new ArrayList<>();
        items.add(String.format(Locale.ROOT, "**Target:** `%s` (%s bars ahead), chosen by %s%s", target.get("label_column"),
                target.get("horizon_days"), target.get("chosen_by"), target.get("ranking_score") == null ? ""
                        : String.format(Locale.ROOT, " (skill %.3f)", ((Number) target.get("ranking_score")).doubleValue())));
        items.add(String.format(Locale.ROOT, "**Features:** %d model inputs (%s) of %s computed from %s, feature signature `%s`; excluded by the leakage guard: %s",
                modelInputs.size(), modelInputs.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")),
                inputs.get("computed"), inputs.get("feature_sets"), inputs.get("feature_signature"),
                excluded.isEmpty() ? "none" : excluded.toString()));
        items.add(String.format(Locale.ROOT, "**Teachers (per symbol × window):** %,d trained, %,d skipped, %,d failed; %,d out-of-sample labels for the student; "
                        + "mean window train accuracy %s, validation accuracy %s, validation macro F1 %s",
                count(teachers.get("completed")), count(teachers.get("skipped")), count(teachers.get("failed")),
                count(teachers.get("out_of_sample_labels")), number(teachers.get("mean_window_train_accuracy")),
                number(teachers.get("mean_window_validation_accuracy")), number(teachers.get("mean_window_validation_macro_f1"))));
        for (Object failed : (List<Object>) teachers.get("failed_windows")) {
            items.add("failed teacher window: " + failed);
        }
        items.add(String.format(Locale.ROOT, "**Student (cross-sectional):** %,d teacher-labelled training rows (%s to %s), %,d test rows (%s to %s), %.1f s, model sha256 `%s`",
                count(student.get("train_rows")), student.get("train_start"), student.get("train_end"), count(student.get("test_rows")),
                student.get("test_start"), student.get("test_end"), ((Number) student.get("training_seconds")).doubleValue(),
                student.get("model_sha256")));
        doc.heading(2, "Training").bullets(items);
    }

    @SuppressWarnings("unchecked")
    private static void validation(Doc doc, Map<String, Object> validation, List<String> classes) {
        doc.heading(2, "Validation");
        List<List<String>> rows = new ArrayList<>();
        for (String scope : List.of("teacher/validation", "student/train", "student/test", "student_reward/train",
                "student_reward/test", "student_direct/train", "student_direct/test")) {
            Map<String, Object> m = (Map<String, Object>) validation.get(scope);
            if (m != null) {
                rows.add(List.of(scope, String.valueOf(count(m.get("samples"))), number(m.get("accuracy")),
                        number(m.get("baseline_majority_accuracy")), number(m.get("macro_precision")),
                        number(m.get("macro_recall")), number(m.get("macro_f1"))));
            }
        }
        doc.table(List.of("scope", "samples", "accuracy", "majority baseline", "macro precision", "macro recall", "macro F1"), rows);
        doc.paragraph("All scores are against the true labels. `teacher/validation`: each teacher on its own out-of-sample tail; "
                + "`student/train`: every row of the student's training period (it learned teacher labels on a subset of them); "
                + "`student/test`: every row after the purge gap.");
        if (validation.get("direct_baseline") instanceof Map<?, ?> direct) {
            // the direct model (true labels, same rows) beside the student: rendered key for key, whatever it records
            doc.paragraph("**Direct baseline** (`student_direct`: the same rows and settings trained on the true labels):");
            DocGeneric.render(doc, (Map<String, Object>) direct);
        }
        Map<String, Object> test = (Map<String, Object>) validation.get("student/test");
        doc.paragraph("Student test confusion matrix (rows actual, columns predicted: " + String.join(", ", classes) + "):");
        doc.preformatted(((List<Object>) test.get("confusion_matrix")).stream().map(String::valueOf).toList());
    }

    @SuppressWarnings("unchecked")
    private static void artifacts(Doc doc, Map<String, Object> artifacts, Object tables) {
        doc.heading(2, "Artifacts");
        doc.paragraph(artifacts.get("models") + " model files verified against their recorded SHA-256 (digest of the list: `"
                + artifacts.get("models_sha256") + "`); the full list with hashes is in `manifest.yaml`. Table versions: " + tables);
        List<Map<String, Object>> reports = (List<Map<String, Object>>) artifacts.getOrDefault("reports", List.of());
        if (!reports.isEmpty()) {
            doc.table(List.of("report file", "kind", "sha256"), reports.stream()
                    .map(r -> List.of("`" + r.get("path") + "`", String.valueOf(r.get("kind")), "`" + r.get("sha256") + "`")).toList());
        }
    }

    private static void figures(Doc doc, List<Object> charts, String section) {
        charts.forEach(chart -> doc.figure(String.valueOf(chart), section + ": " + fileName(String.valueOf(chart))));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.png$", "").replace('_', ' ');
    }

    static String number(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
    }

    static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
