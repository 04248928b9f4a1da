package io.sensequant.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Facts the briefing states about the evidence, read from the statistical and stress tests' summaries (pure
 * functions, no I/O): which tests decide the verdict, whether walk-forward is among them, whether the two phases
 * define their strategy the same way, and which stress periods were tested, failed or skipped.
 */
final class EvidenceNotes {
    static final String STAT_PHASE = "statistical tests";
    static final String STRESS_PHASE = "stress tests";

    private EvidenceNotes() {
    }

    /** The briefing's {@code evidence_notes}: walk-forward's place in the verdict and the strategy definitions. */
    static Map<String, Object> build(Map<String, Object> statTests, Map<String, Object> stressTests) {
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("decided_by", decidedBy(statTests));
        notes.put("walk_forward", walkForward(statTests));
        notes.put("strategy_definitions", strategyDefinitions(statTests, stressTests));
        return notes;
    }

    /** The stat-tests summary's {@code decided_by}, each entry as text; null when the summary does not record it. */
    static List<String> decidedBy(Map<String, Object> statTests) {
        if (statTests == null || !(statTests.get("decided_by") instanceof List<?> list)) {
            return null;
        }
        List<String> tests = new ArrayList<>();
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> m) {
                Object name = m.get("test") != null ? m.get("test") : m.get("name");
                tests.add(name != null ? name.toString() : DocValues.inline(m));
            } else {
                tests.add(String.valueOf(entry));
            }
        }
        return tests;
    }

    /**
     * Whether walk-forward enters the verdict: yes when {@code decided_by} names it, no when {@code decided_by} is
     * recorded without it, unknown (null) when the summary does not say; with the sentence the briefing shows.
     */
    static Map<String, Object> walkForward(Map<String, Object> statTests) {
        EvidenceStatus status = EvidenceStatus.of(statTests);
        Map<String, Object> note = new LinkedHashMap<>();
        List<String> decidedBy = decidedBy(statTests);
        Object walkForward = statTests == null ? null : statTests.get("walk_forward");
        String own = walkForward instanceof Map<?, ?> wf && wf.get("reason") != null ? " (" + wf.get("reason") + ")" : "";
        if (status == EvidenceStatus.SKIPPED || status == EvidenceStatus.NOT_RUN) {
            note.put("in_verdict", false);
            note.put("note", "walk-forward did not enter a verdict: the statistical tests were " + status.label.toLowerCase(Locale.ROOT)
                    + suffix(EvidenceStatus.reason(statTests, STAT_PHASE)));
        } else if (decidedBy == null) {
            note.put("in_verdict", null);
            note.put("note", "the statistical tests summary does not record decided_by, so whether walk-forward entered "
                    + "the verdict is not stated; the verdict's reason: " + orNone(statTests.get("reason")));
        } else if (decidedBy.stream().anyMatch(EvidenceNotes::isWalkForward)) {
            note.put("in_verdict", true);
            note.put("note", "walk-forward enters the verdict (decided_by: " + String.join(", ", decidedBy) + ")" + own);
        } else {
            note.put("in_verdict", false);
            note.put("note", "walk-forward does not enter the verdict: decided_by lists only " + String.join(", ", decidedBy)
                    + own + "; its figures below are descriptive");
        }
        return note;
    }

    private static boolean isWalkForward(String test) {
        String t = test.toLowerCase(Locale.ROOT);
        return t.contains("walk_forward") || t.contains("walk-forward") || t.contains("walk forward");
    }

    /**
     * The strategy each phase scored: its {@code strategy_definition} text (top level, or under {@code strategy}),
     * and whether the two are the same; {@code same} is null when either phase does not state its definition.
     */
    static Map<String, Object> strategyDefinitions(Map<String, Object> statTests, Map<String, Object> stressTests) {
        String stat = definition(statTests);
        String stress = definition(stressTests);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistical_tests", stat);
        m.put("stress_tests", stress);
        if (stat == null || stress == null) {
            m.put("same", null);
            m.put("note", "not stated: " + (stat == null && stress == null ? "neither the statistical nor the stress tests summary"
                    : stat == null ? "the statistical tests summary" : "the stress tests summary")
                    + " records a strategy_definition, so whether their strategy figures are comparable is unknown");
        } else if (stat.strip().equals(stress.strip())) {
            m.put("same", true);
            m.put("note", "the statistical and the stress tests share one strategy definition: " + stat);
        } else {
            m.put("same", false);
            m.put("note", "the statistical and the stress tests define their strategy DIFFERENTLY; their Sharpe ratios and "
                    + "returns are not directly comparable. Statistical tests: " + stat + ". Stress tests: " + stress);
        }
        return m;
    }

    private static String definition(Map<String, Object> summary) {
        if (summary == null) {
            return null;
        }
        if (summary.get("strategy_definition") != null) {
            return summary.get("strategy_definition").toString();
        }
        return summary.get("strategy") instanceof Map<?, ?> s && s.get("strategy_definition") != null
                ? s.get("strategy_definition").toString() : null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> periods(Map<String, Object> stressTests) {
        if (stressTests == null || !(stressTests.get("periods") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(p -> p instanceof Map<?, ?>).map(p -> (Map<String, Object>) p).toList();
    }

    /** A period was tested when its summary entry carries a Boolean {@code passed}. */
    static List<Map<String, Object>> tested(Map<String, Object> stressTests) {
        return periods(stressTests).stream().filter(p -> p.get("passed") instanceof Boolean).toList();
    }

    static List<Map<String, Object>> failed(Map<String, Object> stressTests) {
        return tested(stressTests).stream().filter(p -> Boolean.FALSE.equals(p.get("passed"))).toList();
    }

    static List<Map<String, Object>> untested(Map<String, Object> stressTests) {
        return periods(stressTests).stream().filter(p -> !(p.get("passed") instanceof Boolean)).toList();
    }

    /** "name (start to end)". */
    static String periodName(Map<String, Object> p) {
        return p.get("name") + " (" + p.get("start") + " to " + p.get("end") + ")";
    }

    /** A failing period with the figures against it: resilience vs the pass threshold, Sharpe and its interval. */
    static String failure(Map<String, Object> p, Object threshold) {
        StringBuilder s = new StringBuilder(periodName(p)).append(": resilience score ").append(DocValues.format(p.get("resilience_score")))
                .append(" below the pass threshold ").append(DocValues.format(threshold))
                .append(", Sharpe ").append(DocValues.format(p.get("sharpe")));
        String ci = sharpeInterval(p);
        if (!ci.isEmpty()) {
            s.append(" (").append(ci).append(')');
        }
        s.append(", max drawdown ").append(DocValues.format(p.get("max_drawdown")));
        if (p.get("failure_mode") != null) {
            s.append(", failure mode ").append(p.get("failure_mode"));
        }
        return s.toString();
    }

    /** "95% CI [lower, upper], method" from {@code sharpe_ci}; empty when the period has none. */
    static String sharpeInterval(Map<String, Object> p) {
        if (!(p.get("sharpe_ci") instanceof Map<?, ?> ci)) {
            return "";
        }
        Object confidence = ci.get("confidence");
        String level = confidence instanceof Number c ? String.format(Locale.ROOT, "%s%% CI ",
                DocValues.format(c.doubleValue() * 100).replaceAll("\\.?0+$", "")) : "CI ";
        return level + "[" + DocValues.format(ci.get("lower")) + ", " + DocValues.format(ci.get("upper")) + "]"
                + (ci.get("method") == null ? "" : ", " + ci.get("method"));
    }

    /** A skipped or not-run period with why. */
    static String untestedLine(Map<String, Object> p) {
        return periodName(p) + ": " + (p.get("status") == null ? "not tested" : p.get("status"))
                + (p.get("reason") == null ? "" : ", " + p.get("reason"));
    }

    private static String suffix(String reason) {
        return reason == null ? "" : " (" + reason + ")";
    }

    private static String orNone(Object reason) {
        return reason == null ? "none recorded" : reason.toString();
    }
}
