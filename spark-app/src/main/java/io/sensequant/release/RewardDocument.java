package io.sensequant.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The briefing's reward loop section: definition, knobs, the A/B comparison and the reward metrics. */
final class RewardDocument {
    private RewardDocument() {
    }

    @SuppressWarnings("unchecked")
    static void rewardLoop(Doc doc, Map<String, Object> r) {
        doc.heading(2, "Reward loop and A/B students");
        if (r == null || !Boolean.TRUE.equals(r.get("enabled"))) {
            doc.paragraph(r == null ? "Not run." : String.valueOf(r.get("reason")));
            return;
        }
        doc.paragraph(r.get("definition") + ".");
        doc.bullets(List.of("**Knobs:** `" + r.get("config") + "`",
                "**Reward student:** `" + r.get("reward_model") + "`, model sha256 `" + r.get("reward_model_sha256")
                        + "`; same rows, split and seed as `" + r.get("baseline_model") + "`",
                "**Training weights:** `" + r.get("training_weights") + "`"));
        doc.paragraph("A/B on the test rows (difference = reward student − baseline):");
        List<List<String>> ab = new ArrayList<>();
        ((Map<String, Map<String, Object>>) r.get("ab_comparison")).forEach((metric, v) -> ab.add(List.of(metric,
                String.format(Locale.ROOT, "%.6f", (Double) v.get("baseline")), String.format(Locale.ROOT, "%.6f", (Double) v.get("reward")),
                String.format(Locale.ROOT, "%+.6f", (Double) v.get("difference")))));
        doc.table(List.of("metric", String.valueOf(r.get("baseline_model")), String.valueOf(r.get("reward_model")), "difference"), ab);

        Map<String, Map<String, Map<String, Double>>> metrics = (Map<String, Map<String, Map<String, Double>>>) r.get("reward_metrics");
        doc.paragraph("Out-of-sample rewards per model (teachers: validation rows; students: test rows):");
        List<List<String>> rows = new ArrayList<>();
        metrics.forEach((model, bySymbol) -> {
            Map<String, Double> m = bySymbol.get("overall");
            if (m != null) {
                rows.add(List.of(model, String.format(Locale.ROOT, "%.0f", m.get("n")), String.format(Locale.ROOT, "%.6f", m.get("reward_mean")),
                        String.format(Locale.ROOT, "%.4f", m.get("reward_cumulative")), optional(m.get("reward_volatility")),
                        String.format(Locale.ROOT, "%.0f", m.get("n_positive")), String.format(Locale.ROOT, "%.0f", m.get("n_negative")),
                        String.format(Locale.ROOT, "%.0f", m.get("n_neutral")), optional(m.get("win_rate"))));
            }
        });
        doc.table(List.of("model", "n", "mean", "cumulative", "volatility", "positive", "negative", "neutral", "win rate"), rows);

        Map<String, Map<String, Double>> baseline = metrics.getOrDefault((String) r.get("baseline_model"), Map.of());
        Map<String, Map<String, Double>> reward = metrics.getOrDefault((String) r.get("reward_model"), Map.of());
        doc.paragraph("Students' test rewards per symbol:");
        List<List<String>> symbols = new ArrayList<>();
        for (String symbol : new java.util.TreeSet<>(baseline.keySet())) {
            if (symbol.equals("overall") || !reward.containsKey(symbol)) {
                continue;
            }
            Map<String, Double> a = baseline.get(symbol);
            Map<String, Double> c = reward.get(symbol);
            symbols.add(List.of(symbol, String.format(Locale.ROOT, "%.6f", a.get("reward_mean")),
                    String.format(Locale.ROOT, "%.6f", c.get("reward_mean")),
                    String.format(Locale.ROOT, "%+.6f", c.get("reward_mean") - a.get("reward_mean")),
                    optional(a.get("win_rate")), optional(c.get("win_rate"))));
        }
        doc.table(List.of("symbol", "baseline mean", "reward mean", "difference", "baseline win rate", "reward win rate"), symbols);
    }

    private static String optional(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
