package io.sensequant.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The briefing's evidence sections: the student's IC, the statistical tests and the stress tests, each rendered
 * from the summary its phase recorded; a phase that did not run, or a key it did not record, reads "not run" or
 * "n/a", never a made-up number.
 */
final class EvidenceDocument {
    private EvidenceDocument() {
    }

    static void ic(Doc doc, Map<String, Object> ic) {
        if (ic == null) {
            doc.paragraph("Information coefficient: not computed by this run's validation.");
            return;
        }
        doc.paragraph("Information coefficient of the student's scores against realised forward returns, per date:");
        doc.table(List.of("measure", "mean", "std", "IR (mean / std)"), List.of(
                List.of("IC (Pearson)", n(ic, "mean"), n(ic, "std"), n(ic, "icir")),
                List.of("Rank IC (Spearman)", n(ic, "rank_ic_mean"), n(ic, "rank_ic_std"), n(ic, "rank_icir"))));
        if (ic.get("dates") != null) {
            doc.paragraph("Over " + ic.get("dates") + " dates.");
        }
    }

    @SuppressWarnings("unchecked")
    static void statisticalTests(Doc doc, Map<String, Object> s) {
        doc.heading(2, "Statistical tests");
        if (notRun(doc, s)) {
            return;
        }
        Map<String, Object> wf = map(s, "walk_forward");
        if (!wf.isEmpty()) {
            doc.heading(3, "Walk-forward cross-validation");
            doc.paragraph(String.format(Locale.ROOT, "%s of %s folds completed; accuracy %s ± %s, macro F1 %s, majority baseline %s.",
                    wf.get("completed"), wf.get("folds"), n(wf, "mean_accuracy"), n(wf, "std_accuracy"), n(wf, "mean_macro_f1"),
                    n(wf, "mean_baseline_accuracy")));
        }
        Map<String, Object> bootstrap = map(s, "bootstrap");
        if (!bootstrap.isEmpty()) {
            doc.heading(3, "Bootstrap confidence intervals");
            List<List<String>> rows = new ArrayList<>();
            for (String metric : List.of("accuracy", "precision", "sharpe")) {
                Map<String, Object> m = map(bootstrap, metric);
                if (!m.isEmpty()) {
                    rows.add(List.of(metric, n(m, "estimate"), n(m, "lower"), n(m, "upper")));
                }
            }
            doc.paragraph(bootstrap.get("iterations") + " iterations, confidence " + bootstrap.get("confidence")
                    + "; significant: " + bootstrap.get("significant"));
            doc.table(List.of("metric", "estimate", "lower", "upper"), rows);
        }
        Map<String, Object> hypothesis = map(s, "hypothesis");
        if (!hypothesis.isEmpty()) {
            doc.heading(3, "Hypothesis tests (alpha " + hypothesis.get("alpha") + ")");
            List<List<String>> rows = new ArrayList<>();
            for (String baseline : List.of("vs_majority", "vs_teacher_free")) {
                Map<String, Object> h = map(hypothesis, baseline);
                if (!h.isEmpty()) {
                    rows.add(List.of(baseline + " (" + h.get("test") + ")", n(h, "statistic"), n(h, "p_value"), n(h, "delta"),
                            String.valueOf(h.get("significant"))));
                }
            }
            doc.table(List.of("student vs", "statistic", "p-value", "delta", "significant"), rows);
        }
        Map<String, Object> strategy = map(s, "strategy");
        if (!strategy.isEmpty()) {
            doc.heading(3, "Long/short/flat strategy (after costs)");
            Map<String, Object> buyHold = map(map(s, "benchmark"), "buy_and_hold");
            doc.table(List.of("strategy", "Sharpe", "Sortino", "max drawdown", "hit rate", "turnover", "annual return"), List.of(
                    List.of("student signals", n(strategy, "sharpe"), n(strategy, "sortino"), n(strategy, "max_drawdown"),
                            n(strategy, "hit_rate"), n(strategy, "turnover"), n(strategy, "annual_return")),
                    List.of("buy and hold (universe)", n(buyHold, "sharpe"), "n/a", n(buyHold, "max_drawdown"), "n/a", "n/a",
                            n(buyHold, "annual_return"))));
            Map<String, Object> index = map(map(s, "benchmark"), "index_proxy");
            if (!index.isEmpty()) {
                doc.paragraph(String.format(Locale.ROOT, "Versus %s (%s): alpha %s, beta %s, information ratio %s, tracking error %s, correlation %s; %s days.",
                        index.get("name"), index.get("source"), n(index, "alpha"), n(index, "beta"), n(index, "information_ratio"),
                        n(index, "tracking_error"), n(index, "correlation"), strategy.get("days")));
            }
        }
        report(doc, s);
    }

    @SuppressWarnings("unchecked")
    static void stressTests(Doc doc, Map<String, Object> s) {
        doc.heading(2, "Stress tests");
        if (notRun(doc, s)) {
            return;
        }
        doc.paragraph(s.get("tested") + " period(s) tested, " + s.get("skipped") + " skipped; pass threshold (resilience score) "
                + s.get("pass_threshold") + ".");
        List<List<String>> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Object item : (List<Object>) s.getOrDefault("periods", List.of())) {
            Map<String, Object> p = (Map<String, Object>) item;
            if (!(p.get("passed") instanceof Boolean passed)) {
                skipped.add(p.get("name") + " (" + p.get("start") + " to " + p.get("end") + "): " + p.get("status")
                        + (p.get("reason") == null ? "" : ", " + p.get("reason")));
                continue;
            }
            Map<String, Object> baselines = map(p, "baselines");
            rows.add(List.of(p.get("name") + " (" + p.get("start") + " to " + p.get("end") + ")", n(p, "max_drawdown"),
                    n(p, "precision"), n(p, "recall"), n(p, "sharpe"), n(p, "sortino"), baseline(baselines.get("buy_and_hold")),
                    baseline(baselines.get("sixty_forty")), String.valueOf(p.get("failure_mode")), n(p, "resilience_score"),
                    passed ? "yes" : "**no**"));
        }
        if (!rows.isEmpty()) {
            doc.table(List.of("period", "max drawdown", "precision", "recall", "Sharpe", "Sortino", "buy & hold", "60/40",
                    "failure mode", "resilience", "passed"), rows);
        }
        if (!skipped.isEmpty()) {
            doc.paragraph("Not tested:");
            doc.bullets(skipped);
        }
        report(doc, s);
    }

    /** A baseline is a number or a map of figures; the table shows its return or Sharpe when it is a map. */
    @SuppressWarnings("unchecked")
    private static String baseline(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> figures = (Map<String, Object>) m;
            for (String key : List.of("total_return", "return", "sharpe", "max_drawdown")) {
                if (figures.get(key) instanceof Number) {
                    return key.replace('_', ' ') + " " + n(figures, key);
                }
            }
            return "n/a";
        }
        return value instanceof Number num ? String.format(Locale.ROOT, "%.4f", num.doubleValue()) : "n/a";
    }

    private static boolean notRun(Doc doc, Map<String, Object> s) {
        String status = s == null ? Briefing.NOT_RUN : String.valueOf(s.get("status"));
        if (s == null || Briefing.NOT_RUN.equals(status) || "skipped".equals(status) || "disabled".equals(status)) {
            doc.paragraph("**Not run**" + (s == null || s.get("reason") == null ? "." : ": " + s.get("reason")));
            return true;
        }
        if ("failed".equals(status) || "error".equals(status)) {
            doc.paragraph("**Failed**" + (s.get("reason") == null ? "." : ": " + s.get("reason")));
            report(doc, s);
            return true;
        }
        return false;
    }

    private static void report(Doc doc, Map<String, Object> s) {
        if (s.get("report") != null) {
            doc.paragraph("Full report: `" + s.get("report") + "`");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return parent != null && parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String n(Map<String, Object> m, String key) {
        return BriefingDocument.number(m.get(key));
    }
}
