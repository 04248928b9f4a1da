package io.sensequant.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The briefing's stress tests section: the verdict in its own word (a failed verdict names its failing periods
 * and their figures), then one table of every period, tested or not (its Sharpe, the Sharpe interval when the
 * phase recorded one, the figures behind the pass/fail, or why it was not tested), and the strategy definitions.
 */
final class StressDocument {
    /** Keys of the stress summary that have their own place in the section. */
    private static final Set<String> STRESS_KEYS = Set.of("status", "reason", "pass_threshold", "periods", "tested", "skipped",
            "strategy_definition", "report", "report_md", "charts");

    private StressDocument() {
    }

    static void stressTests(Doc doc, Map<String, Object> s, Map<String, Object> notes) {
        doc.heading(2, "Stress tests");
        EvidenceStatus status = EvidenceStatus.of(s);
        List<Map<String, Object>> tested = EvidenceNotes.tested(s);
        List<Map<String, Object>> failed = EvidenceNotes.failed(s);
        List<Map<String, Object>> untested = EvidenceNotes.untested(s);
        Object threshold = s == null ? null : s.get("pass_threshold");
        String why = EvidenceStatus.reason(s, EvidenceNotes.STRESS_PHASE);
        if (status == EvidenceStatus.FAILED && !failed.isEmpty()) {
            doc.paragraph(EvidenceDocument.verdict(status, why) + " Failing period(s):");
            doc.bullets(failed.stream().map(p -> EvidenceNotes.failure(p, threshold)).toList());
        } else {
            doc.paragraph(EvidenceDocument.verdict(status, why));
        }
        doc.paragraph(String.format(Locale.ROOT, "%d period(s) tested (%d passed, %d failed), %d not tested; pass threshold "
                + "(resilience score) %s.", tested.size(), tested.size() - failed.size(), failed.size(), untested.size(),
                DocValues.format(threshold)));

        doc.heading(3, "Per-period results");
        List<Map<String, Object>> periods = EvidenceNotes.periods(s);
        if (periods.isEmpty()) {
            doc.paragraph("No per-period results: " + EvidenceDocument.absence(s, EvidenceNotes.STRESS_PHASE, "`periods`") + ".");
        } else {
            doc.table(List.of("period", "result", "Sharpe", "Sharpe interval", "max drawdown", "precision", "recall", "Sortino",
                    "buy & hold", "60/40", "failure mode", "resilience", "why not tested"), periods.stream().map(StressDocument::row).toList());
        }

        doc.heading(3, "Strategy definitions");
        Map<String, Object> definitions = EvidenceDocument.map(notes, "strategy_definitions");
        if (definitions.isEmpty()) {
            definitions = EvidenceNotes.strategyDefinitions(null, s);
        }
        doc.paragraph("**Stress tests' strategy:** " + (definitions.get("stress_tests") == null
                ? "not stated by the stress tests summary" : definitions.get("stress_tests")));
        doc.paragraph((Boolean.FALSE.equals(definitions.get("same")) ? "**Different definitions:** " : "")
                + definitions.get("note") + ".");

        List<String> other = s == null ? List.of() : s.keySet().stream().filter(k -> !STRESS_KEYS.contains(k)).toList();
        if (!other.isEmpty()) {
            doc.heading(3, "Other figures recorded by the stress tests");
            DocGeneric.render(doc, EvidenceDocument.subMap(s, other));
        }
        EvidenceDocument.report(doc, s);
    }

    private static List<String> row(Map<String, Object> p) {
        List<String> row = new ArrayList<>();
        row.add(DocValues.cell(EvidenceNotes.periodName(p)));
        row.add(Boolean.TRUE.equals(p.get("passed")) ? "passed" : Boolean.FALSE.equals(p.get("passed")) ? "**failed**"
                : p.get("status") == null ? "not tested" : DocValues.cell(String.valueOf(p.get("status"))));
        row.add(DocValues.format(p.get("sharpe")));
        String ci = EvidenceNotes.sharpeInterval(p);
        row.add(ci.isEmpty() ? "n/a" : DocValues.cell(ci));
        for (String key : List.of("max_drawdown", "precision", "recall", "sortino")) {
            row.add(DocValues.format(p.get(key)));
        }
        Map<String, Object> baselines = EvidenceDocument.map(p, "baselines");
        row.add(baseline(baselines.get("buy_and_hold")));
        row.add(baseline(baselines.get("sixty_forty")));
        row.add(p.get("failure_mode") == null ? "n/a" : DocValues.cell(String.valueOf(p.get("failure_mode"))));
        row.add(DocValues.format(p.get("resilience_score")));
        row.add(p.get("passed") instanceof Boolean || p.get("reason") == null ? "" : DocValues.cell(String.valueOf(p.get("reason"))));
        return row;
    }

    /** A baseline is a number or a map of figures; the table shows its return or Sharpe when it is a map. */
    private static String baseline(Object value) {
        if (value instanceof Map<?, ?> figures) {
            for (String key : List.of("total_return", "return", "sharpe", "max_drawdown")) {
                if (figures.get(key) instanceof Number) {
                    return key.replace('_', ' ') + " " + DocValues.format(figures.get(key));
                }
            }
            return "n/a";
        }
        return DocValues.format(value);
    }
}
