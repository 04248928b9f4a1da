package io.sensequant.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The briefing's evidence sections: the student's IC and the statistical tests, rendered from the summary the
 * phase recorded (the stress tests are {@link StressDocument}'s). Every table appears whatever the verdict; a
 * table without data says why. Tables are rendered key for key ({@link DocGeneric}), so a key the phase adds
 * shows up without a change here; a phase that did not run, or a key it did not record, reads "not run" or
 * "n/a", never a made-up number.
 */
final class EvidenceDocument {
    /** Keys of the stat-tests summary that have their own place in the section. */
    private static final Set<String> STAT_KEYS = Set.of("status", "reason", "decided_by", "walk_forward", "date_level",
            "bootstrap", "hypothesis", "strategy", "benchmark", "strategy_definition", "report", "charts");

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

    /** {@code notes}: the briefing's {@code evidence_notes} (walk-forward's place in the verdict, strategy definitions). */
    static void statisticalTests(Doc doc, Map<String, Object> s, Map<String, Object> notes) {
        doc.heading(2, "Statistical tests");
        EvidenceStatus status = EvidenceStatus.of(s);
        String why = EvidenceStatus.reason(s, EvidenceNotes.STAT_PHASE);
        doc.paragraph(verdict(status, why));
        List<String> decidedBy = EvidenceNotes.decidedBy(s);
        doc.paragraph("**Decided by:** " + (decidedBy == null ? "not recorded by this summary"
                : decidedBy.isEmpty() ? "none listed" : String.join(", ", decidedBy.stream().map(t -> "`" + t + "`").toList())));

        doc.heading(3, "Walk-forward cross-validation");
        doc.paragraph(String.valueOf(map(notes, "walk_forward").getOrDefault("note",
                EvidenceNotes.walkForward(s).get("note"))) + ".");
        section(doc, s, "walk_forward", "walk-forward");

        doc.heading(3, "Date-level tests (unit of observation: the date)");
        section(doc, s, "date_level", "date-level test");

        doc.heading(3, "Bootstrap confidence intervals" + descriptive(map(s, "bootstrap")));
        section(doc, s, "bootstrap", "bootstrap");

        doc.heading(3, "Hypothesis tests" + descriptive(map(s, "hypothesis")));
        section(doc, s, "hypothesis", "hypothesis test");

        doc.heading(3, "Strategy and benchmarks (after costs)");
        Map<String, Object> definitions = map(notes, "strategy_definitions");
        doc.paragraph("**Strategy definition:** " + (definitions.get("statistical_tests") == null
                ? "not stated by the statistical tests summary" : definitions.get("statistical_tests")));
        section(doc, s, "strategy", "strategy");
        doc.paragraph("Benchmarks:");
        section(doc, s, "benchmark", "benchmark");

        List<String> other = s == null ? List.of() : s.keySet().stream().filter(k -> !STAT_KEYS.contains(k)).toList();
        if (!other.isEmpty()) {
            doc.heading(3, "Other figures recorded by the statistical tests");
            DocGeneric.render(doc, subMap(s, other));
        }
        report(doc, s);
    }

    /** The sentence that opens a test section: the verdict in its own word, what that word means, and why. */
    static String verdict(EvidenceStatus status, String why) {
        return "**Verdict: " + status.label + "**: " + status.meaning + (why == null ? "." : ": " + why + ".");
    }

    /** One evidence table, or the reason there is none. */
    static void section(Doc doc, Map<String, Object> s, String key, String what) {
        Map<String, Object> figures = map(s, key);
        if (!figures.isEmpty()) {
            DocGeneric.render(doc, figures);
            return;
        }
        doc.paragraph("No " + what + " figures: " + absence(s, EvidenceNotes.STAT_PHASE, "`" + key + "`") + ".");
    }

    /** Why a table is empty: the phase was skipped or not run (with its reason), or it recorded no such key. */
    static String absence(Map<String, Object> s, String phase, String key) {
        EvidenceStatus status = EvidenceStatus.of(s);
        String why = EvidenceStatus.reason(s, phase);
        if (status == EvidenceStatus.SKIPPED || status == EvidenceStatus.NOT_RUN) {
            return "the " + phase + " were " + status.label.toLowerCase(Locale.ROOT) + (why == null ? "" : " (" + why + ")");
        }
        return "the " + phase + " summary records no " + key;
    }

    /** " (descriptive: ...)" when the summary marks the section descriptive (a flag, or a label saying so). */
    static String descriptive(Map<String, Object> section) {
        if (Boolean.TRUE.equals(section.get("descriptive"))) {
            return " (descriptive, not used for the verdict)";
        }
        for (Object value : section.values()) {
            if (value instanceof String text && text.toLowerCase(Locale.ROOT).contains("descriptive")) {
                return " (" + DocValues.cell(text) + ")";
            }
        }
        return "";
    }

    static void report(Doc doc, Map<String, Object> s) {
        if (s != null && s.get("report") != null) {
            doc.paragraph("Full report: `" + s.get("report") + "`");
        }
    }

    static Map<String, Object> subMap(Map<String, Object> s, List<String> keys) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        keys.forEach(k -> m.put(k, s.get(k)));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return parent != null && parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String n(Map<String, Object> m, String key) {
        return BriefingDocument.number(m.get(key));
    }
}
