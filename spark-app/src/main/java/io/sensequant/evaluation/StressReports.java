package io.sensequant.evaluation;

import io.sensequant.pipeline.RunContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stress files: per tested period an equity-curve chart (strategy, buy-and-hold, 60/40, cash, each starting
 * at 1) and a drawdown chart (strategy, buy-and-hold) under reports/, then {@code stress_summary.json} (the phase
 * summary) and {@code stress_report.md}.
 */
final class StressReports {
    static final String SUMMARY_JSON = "stress_summary.json";
    static final String REPORT_MD = "stress_report.md";

    private StressReports() {
    }

    /** Draws and writes the period's two charts; returns their paths. */
    static List<String> charts(RunContext context, StressOutcome outcome) {
        String id = Reports.slug(outcome.period().id());
        Map<String, Map<LocalDate, Double>> equity = new LinkedHashMap<>();
        Map<String, Map<LocalDate, Double>> drawdown = new LinkedHashMap<>();
        outcome.series().forEach((name, returns) -> {
            List<Double> values = new ArrayList<>(returns.values());
            equity.put(name, byDate(returns.keySet(), PerformanceStats.equityCurve(values)));
            if (name.equals(StressEvaluation.STRATEGY) || name.equals(StressEvaluation.UNIVERSE)) {
                drawdown.put(name, byDate(returns.keySet(), PerformanceStats.drawdownCurve(values)));
            }
        });
        String title = outcome.period().name() + " (" + outcome.testedStart() + " to " + outcome.testedEnd() + ")";
        return List.of(
                Reports.write(context, Reports.REPORTS_DIR + "/stress_" + id + "_equity.png",
                        Charts.lines("Equity: " + title, "growth of 1", equity)),
                Reports.write(context, Reports.REPORTS_DIR + "/stress_" + id + "_drawdown.png",
                        Charts.lines("Drawdown: " + title, "drawdown from peak", drawdown)));
    }

    static String writeSummary(RunContext context, Map<String, Object> summary) {
        return Reports.writeJson(context, SUMMARY_JSON, summary);
    }

    @SuppressWarnings("unchecked")
    static String writeMarkdown(RunContext context, Map<String, Object> summary) {
        StringBuilder md = new StringBuilder("# Stress tests: " + context.runId() + "\n\n");
        md.append("- **Status:** ").append(summary.get("status"));
        if (summary.get("reason") != null) {
            md.append(" (").append(summary.get("reason")).append(')');
        }
        md.append("\n- **Pass rule:** ").append(summary.get("pass_rule"))
                .append("\n- **Strategy:** ").append(summary.get("strategy_definition"))
                .append("\n- **Periods:** ").append(summary.get("tested")).append(" tested, ").append(summary.get("skipped"))
                .append(" skipped\n\nThe student is refitted on the teacher-labelled rows before each period (less a purge of the "
                        + "target horizon) and replayed through it. Returns and drawdowns are fractions; the Sharpe interval "
                        + "treats each session's net return as one observation.\n\n");
        md.append("| period | status | max drawdown | precision | no-skill precision | recall | Sharpe | Sharpe interval "
                + "| Sortino | buy & hold | 60/40 | cash | failure mode | score | passed |\n"
                + "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---|\n");
        List<Map<String, Object>> periods = (List<Map<String, Object>>) summary.get("periods");
        for (Map<String, Object> p : periods) {
            Map<String, Object> b = (Map<String, Object>) p.get("baselines");
            md.append("| ").append(p.get("name")).append(" | ").append(p.get("status"));
            for (Object v : new Object[]{p.get("max_drawdown"), p.get("precision"), p.get("no_skill_precision"),
                    p.get("recall"), p.get("sharpe"), interval((Map<String, Object>) p.get("sharpe_ci")), p.get("sortino"),
                    b.get("buy_and_hold"), b.get("sixty_forty"), b.get("cash"), p.get("failure_mode"),
                    p.get("resilience_score"), p.get("passed")}) {
                md.append(" | ").append(Reports.format(v));
            }
            md.append(" |\n");
        }
        md.append("\n## Periods\n");
        for (Map<String, Object> p : periods) {
            md.append("\n### ").append(p.get("title")).append(" (`").append(p.get("name")).append("`, ")
                    .append(p.get("start")).append(" to ").append(p.get("end")).append(")\n\n");
            if (!StressOutcome.TESTED.equals(p.get("status"))) {
                md.append("Skipped: ").append(p.get("reason")).append('\n');
                continue;
            }
            md.append("**Verdict:** ").append(p.get("verdict")).append("\n\n");
            Map<String, Object> details = new TreeMap<>();
            for (String key : List.of("tested_start", "tested_end", "rows", "accuracy", "in_sample_accuracy", "train_rows",
                    "train_end", "strategy_return", "turnover", "sessions", "universe_max_drawdown", "training_volatility",
                    "period_volatility")) {
                details.put(key, p.get(key));
            }
            details.forEach((k, v) -> md.append("- ").append(k).append(": ").append(Reports.format(v)).append('\n'));
            md.append("- Sharpe interval: ").append(p.get("sharpe_ci")).append('\n');
            md.append("- active Sharpe (beyond the net market exposure): ").append(Reports.format(p.get("active_sharpe")))
                    .append(", interval ").append(p.get("active_sharpe_ci")).append('\n');
            md.append("- score components (0-100): ").append(p.get("score_components")).append("; gate: ")
                    .append(p.get("resilience_gate") == null ? "open" : p.get("resilience_gate")).append('\n');
            md.append("- teachers in the period: ").append(p.get("teachers") == null ? "no teacher window covers it"
                    : p.get("teachers")).append('\n');
            for (String chart : (List<String>) p.get("charts")) {
                String relative = chart.substring(chart.lastIndexOf(Reports.REPORTS_DIR + "/"));
                md.append("\n![").append(relative).append("](").append(relative).append(")\n");
            }
        }
        return Reports.write(context, REPORT_MD, md.toString());
    }

    /** "[lower, upper] at c" for the table; null when there is no interval. */
    private static String interval(Map<String, Object> ci) {
        if (ci == null || ci.get("lower") == null || ci.get("upper") == null) {
            return null;
        }
        return "[" + Reports.format(ci.get("lower")) + ", " + Reports.format(ci.get("upper")) + "] at "
                + Reports.format(ci.get("confidence"));
    }

    private static Map<LocalDate, Double> byDate(Iterable<LocalDate> dates, List<Double> values) {
        Map<LocalDate, Double> series = new TreeMap<>();
        int i = 0;
        for (LocalDate d : dates) {
            series.put(d, values.get(i++));
        }
        return series;
    }
}
