package io.sensequant.release;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the briefing content as Markdown for a reviewer; every figure comes from the JSON briefing. */
final class BriefingMarkdown {
    private BriefingMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> b, List<String> classes) {
        StringBuilder md = new StringBuilder();
        md.append("# Promotion briefing: ").append(b.get("run_id")).append("\n\n");
        md.append("- **Status:** ").append(b.get("status")).append("\n");
        Map<String, Object> recommendation = (Map<String, Object>) b.get("recommendation");
        md.append("- **Recommendation:** ").append(recommendation.get("decision")).append("\n");
        md.append("- **Config fingerprint:** `").append(b.get("config_fingerprint")).append("` (profile ")
                .append(b.get("profile")).append(", model variant ").append(b.get("model_variant")).append(", base seed ")
                .append(b.get("base_seed")).append(")\n");
        md.append("- **Generated:** ").append(b.get("generated_at")).append("\n\n");

        Map<String, Object> data = (Map<String, Object>) b.get("data");
        md.append("## Data\n\n");
        md.append(String.format(Locale.ROOT, "%s symbols, %,d bars from `%s` (%s), %s to %s; %,d labelled rows after dropping %,d warm-up rows and %,d rows without enough future.%n%n",
                data.get("symbols"), count(data.get("bars")), data.get("provider"), data.get("interval"), data.get("start_date"),
                data.get("end_date"), count(data.get("labelled_rows")), count(data.get("dropped_warmup_rows")),
                count(data.get("dropped_no_future_rows"))));

        Map<String, Object> training = (Map<String, Object>) b.get("training");
        Map<String, Object> teachers = (Map<String, Object>) training.get("teachers");
        Map<String, Object> student = (Map<String, Object>) training.get("student");
        md.append("## Training\n\n");
        Map<String, Object> target = (Map<String, Object>) training.get("target");
        md.append(String.format(Locale.ROOT, "- **Target:** `%s` (%s bars ahead), chosen by %s%s%n", target.get("label_column"),
                target.get("horizon_days"), target.get("chosen_by"),
                target.get("ranking_score") == null ? "" : String.format(Locale.ROOT, " (skill %.3f)", ((Number) target.get("ranking_score")).doubleValue())));
        Map<String, Object> inputs = (Map<String, Object>) training.get("features");
        List<Object> modelInputs = (List<Object>) inputs.get("model_inputs");
        List<Object> excluded = (List<Object>) inputs.get("excluded_by_leakage_guard");
        md.append(String.format(Locale.ROOT, "- **Features:** %d model inputs (%s) of %s computed from %s, feature signature `%s`; excluded by the leakage guard: %s%n",
                modelInputs.size(), modelInputs.stream().map(f -> "`" + f + "`").collect(java.util.stream.Collectors.joining(", ")),
                inputs.get("computed"), inputs.get("feature_sets"), inputs.get("feature_signature"),
                excluded.isEmpty() ? "none" : excluded.toString()));
        Map<String, Object> windows = (Map<String, Object>) teachers.get("windows");
        md.append(String.format(Locale.ROOT, "- **Teachers (per symbol × window):** %,d trained, %,d skipped, %,d failed; %,d out-of-sample labels for the student%n",
                count(windows.getOrDefault("success", 0L)), count(windows.getOrDefault("skipped", 0L)),
                count(windows.getOrDefault("failed", 0L)), count(teachers.get("out_of_sample_labels"))));
        for (Object failed : (List<Object>) teachers.get("failed_windows")) {
            md.append("  - failed: ").append(failed).append("\n");
        }
        md.append(String.format(Locale.ROOT, "- **Student (cross-sectional):** %,d teacher-labelled training rows (%s to %s), %,d test rows (%s to %s), %.1f s, model sha256 `%s`%n%n",
                count(student.get("train_rows")), student.get("train_start"), student.get("train_end"), count(student.get("test_rows")),
                student.get("test_start"), student.get("test_end"), (Double) student.get("training_seconds"), student.get("model_sha256")));

        md.append("## Validation\n\n");
        md.append("| scope | samples | accuracy | majority baseline | macro precision | macro recall | macro F1 |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Object> validation = (Map<String, Object>) b.get("validation");
        for (String scope : List.of("teacher/validation", "student/train", "student/test", "student_reward/train",
                "student_reward/test")) {
            Map<String, Object> m = (Map<String, Object>) validation.get(scope);
            if (m == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.4f | %.4f | %.4f | %.4f | %.4f |%n", scope,
                    (Double) m.get("samples"), (Double) m.get("accuracy"), (Double) m.get("baseline_majority_accuracy"),
                    (Double) m.get("macro_precision"), (Double) m.get("macro_recall"), (Double) m.get("macro_f1")));
        }
        md.append("\nAll scores are against the true labels. `teacher/validation`: each teacher on its own out-of-sample tail; "
                + "`student/train`: every row of the student's training period (it learned teacher labels on a subset of them); "
                + "`student/test`: every row after the purge gap.\n");
        Map<String, Object> test = (Map<String, Object>) validation.get("student/test");
        md.append("\nStudent test confusion matrix (rows actual, columns predicted: ").append(String.join(", ", classes)).append("):\n\n");
        for (Object row : (List<Object>) test.get("confusion_matrix")) {
            md.append("    ").append(row).append("\n");
        }
        rewardLoop(md, (Map<String, Object>) b.get("reward_loop"));
        md.append("\n## Statistical tests\n\n").append(((Map<String, Object>) b.get("statistical_tests")).get("reason")).append("\n");
        md.append("\n## Stress tests\n\n").append(((Map<String, Object>) b.get("stress_tests")).get("reason")).append("\n");

        Map<String, Object> risk = (Map<String, Object>) b.get("risk_assessment");
        md.append("\n## Risk assessment\n\n**Warnings**\n\n");
        bullets(md, (List<Object>) risk.get("warnings"));
        md.append("\n**Manual review**\n\n");
        bullets(md, (List<Object>) risk.get("manual_review"));

        md.append("\n## Recommendation: ").append(recommendation.get("decision")).append("\n\n");
        bullets(md, (List<Object>) recommendation.get("reasons"));
        Map<String, Object> artifacts = (Map<String, Object>) b.get("artifacts");
        md.append("\n## Artifacts\n\n").append(artifacts.get("models")).append(" model files verified against their recorded SHA-256 (digest of the list: `")
                .append(artifacts.get("models_sha256")).append("`). Table versions: ").append(b.get("tables")).append("\n");
        md.append("\n## Next steps\n\n");
        bullets(md, (List<Object>) b.get("next_steps"));
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void rewardLoop(StringBuilder md, Map<String, Object> r) {
        md.append("\n## Reward loop and A/B students\n\n");
        if (r == null || !Boolean.TRUE.equals(r.get("enabled"))) {
            md.append(r == null ? "Not run." : String.valueOf(r.get("reason"))).append("\n");
            return;
        }
        md.append(r.get("definition")).append(".\n\n");
        md.append("- **Knobs:** `").append(r.get("config")).append("`\n");
        md.append("- **Reward student:** `").append(r.get("reward_model")).append("`, model sha256 `")
                .append(r.get("reward_model_sha256")).append("`; same rows, split and seed as `").append(r.get("baseline_model"))
                .append("`\n");
        md.append("- **Training weights:** `").append(r.get("training_weights")).append("`\n\n");
        md.append("A/B on the test rows (difference = reward student − baseline):\n\n");
        md.append("| metric | ").append(r.get("baseline_model")).append(" | ").append(r.get("reward_model")).append(" | difference |\n");
        md.append("|---|---:|---:|---:|\n");
        ((Map<String, Map<String, Object>>) r.get("ab_comparison")).forEach((metric, v) ->
                md.append(String.format(Locale.ROOT, "| %s | %.6f | %.6f | %+.6f |%n", metric, (Double) v.get("baseline"),
                        (Double) v.get("reward"), (Double) v.get("difference"))));
        Map<String, Map<String, Map<String, Double>>> metrics = (Map<String, Map<String, Map<String, Double>>>) r.get("reward_metrics");
        md.append("\nOut-of-sample rewards per model (teachers: validation rows; students: test rows):\n\n");
        md.append("| model | n | mean | cumulative | volatility | positive | negative | neutral | win rate |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        metrics.forEach((model, bySymbol) -> {
            Map<String, Double> m = bySymbol.get("overall");
            if (m != null) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.6f | %.4f | %s | %.0f | %.0f | %.0f | %s |%n", model,
                        m.get("n"), m.get("reward_mean"), m.get("reward_cumulative"), optional(m.get("reward_volatility")),
                        m.get("n_positive"), m.get("n_negative"), m.get("n_neutral"), optional(m.get("win_rate"))));
            }
        });
        Map<String, Map<String, Double>> baseline = metrics.getOrDefault((String) r.get("baseline_model"), Map.of());
        Map<String, Map<String, Double>> reward = metrics.getOrDefault((String) r.get("reward_model"), Map.of());
        md.append("\nStudents' test rewards per symbol:\n\n");
        md.append("| symbol | baseline mean | reward mean | difference | baseline win rate | reward win rate |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String symbol : new java.util.TreeSet<>(baseline.keySet())) {
            if (symbol.equals("overall") || !reward.containsKey(symbol)) {
                continue;
            }
            Map<String, Double> a = baseline.get(symbol);
            Map<String, Double> c = reward.get(symbol);
            md.append(String.format(Locale.ROOT, "| %s | %.6f | %.6f | %+.6f | %s | %s |%n", symbol, a.get("reward_mean"),
                    c.get("reward_mean"), c.get("reward_mean") - a.get("reward_mean"), optional(a.get("win_rate")),
                    optional(c.get("win_rate"))));
        }
    }

    private static String optional(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static void bullets(StringBuilder md, List<Object> items) {
        if (items.isEmpty()) {
            md.append("- none\n");
        }
        items.forEach(item -> md.append("- ").append(item).append("\n"));
    }
}
