package io.sensequant.release;

import io.sensequant.config.PipelineConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The briefing's recommendation, from the thresholds under {@code release:} and the verdicts the test phases
 * recorded. Each check is one of {@code pass}, {@code fail}, {@code skipped}, {@code not_run} (never merged).
 * <ul>
 * <li>{@code reject} when the student misses the skill margin over the majority baseline, or the statistical
 * tests ran and failed. The statistical verdict is the stat-tests summary's {@code status} and nothing else: the
 * release never re-derives it from row-level figures (rows of one date are not independent; the phase decides on
 * date-level tests and names them in {@code decided_by}).</li>
 * <li>{@code approve_staging} only when the skill margin, the statistical tests and the stress tests all pass.</li>
 * <li>{@code needs_review} otherwise: a test skipped or not run, or the stress check failed. A stress failure
 * caps the recommendation at needs_review and never rejects on its own: the stress periods are a handful of
 * crisis windows scored by a resilience heuristic with no known error rate, so a failure is a risk a person must
 * weigh, not a refutation of skill (that is the statistical tests' job).</li>
 * </ul>
 * The stress check passes when the share of tested periods that passed reaches {@code release.min_stress_pass_share}
 * (default 1.0: every tested period); the failing periods are named with their figures either way.
 */
final class Recommendation {
    static final String APPROVE = "approve_staging";
    static final String REVIEW = "needs_review";
    static final String REJECT = "reject";
    static final String PASS = "pass";
    static final String FAIL = "fail";
    static final String SKIPPED = "skipped";
    static final String NOT_RUN = "not_run";

    private Recommendation() {
    }

    static Map<String, Object> decide(PipelineConfig.Release release, Map<String, Object> studentTest,
                                      Map<String, Object> statTests, Map<String, Object> stressTests, List<Finding> warnings) {
        List<String> reasons = new ArrayList<>();
        double accuracy = ((Number) studentTest.get("accuracy")).doubleValue();
        double baseline = ((Number) studentTest.get("baseline_majority_accuracy")).doubleValue();
        String skill = accuracy - baseline >= release.minSkillMargin() ? PASS : FAIL;
        reasons.add(String.format(Locale.ROOT, "skill margin %s: student test accuracy %.4f vs majority baseline %.4f "
                + "(margin %+.4f, release.min_skill_margin %.4f)", skill, accuracy, baseline, accuracy - baseline, release.minSkillMargin()));
        String stat = statTests(statTests, reasons);
        String stress = stressTests(stressTests, release.minStressPassShare(), reasons);
        String decision = skill.equals(FAIL) || stat.equals(FAIL) ? REJECT
                : stat.equals(PASS) && stress.equals(PASS) ? APPROVE : REVIEW;
        if (stress.equals(FAIL) && decision.equals(REVIEW)) {
            reasons.add("a failed stress check caps the recommendation at needs_review: it does not reject on its own");
        }
        warnings.forEach(w -> reasons.add("warning: " + w.message()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("decision", decision);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("skill_margin", skill);
        checks.put("statistical_tests", stat);
        checks.put("stress_tests", stress);
        result.put("checks", checks);
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("statistical_tests", EvidenceStatus.of(statTests).status);
        phases.put("stress_tests", EvidenceStatus.of(stressTests).status);
        result.put("phase_status", phases);
        result.put("decided_by", EvidenceNotes.decidedBy(statTests));
        result.put("reasons", reasons);
        return result;
    }

    /** The check is the phase's own verdict; its reason and the tests that decided it are quoted, not recomputed. */
    private static String statTests(Map<String, Object> summary, List<String> reasons) {
        EvidenceStatus status = EvidenceStatus.of(summary);
        String why = EvidenceStatus.reason(summary, EvidenceNotes.STAT_PHASE);
        List<String> decidedBy = EvidenceNotes.decidedBy(summary);
        String by = decidedBy == null ? "" : "; decided by: " + (decidedBy.isEmpty() ? "none listed" : String.join(", ", decidedBy));
        reasons.add(switch (status) {
            case PASSED -> "statistical tests pass: " + status.meaning + (why == null ? "" : " (" + why + ")") + by;
            case FAILED -> "statistical tests fail: " + status.meaning + ": "
                    + (why == null ? "the summary gives no reason, see " + summary.get("report") : why) + by;
            case SKIPPED -> "statistical tests skipped (" + orUnknown(why) + "): significance was not tested, a person must review";
            case NOT_RUN -> "statistical tests not run (" + orUnknown(why) + "): significance is unknown, a person must review";
        });
        return status.check;
    }

    private static String stressTests(Map<String, Object> summary, double minPassShare, List<String> reasons) {
        EvidenceStatus status = EvidenceStatus.of(summary);
        String why = EvidenceStatus.reason(summary, EvidenceNotes.STRESS_PHASE);
        if (status == EvidenceStatus.SKIPPED || status == EvidenceStatus.NOT_RUN) {
            reasons.add("stress tests " + status.label.toLowerCase(Locale.ROOT) + " (" + orUnknown(why)
                    + "): no crisis period was tested, crisis behaviour is unknown, a person must review");
            return status.check;
        }
        List<Map<String, Object>> tested = EvidenceNotes.tested(summary);
        List<Map<String, Object>> failed = EvidenceNotes.failed(summary);
        List<Map<String, Object>> untested = EvidenceNotes.untested(summary);
        String skippedText = untested.isEmpty() ? "" : "; not tested: "
                + String.join("; ", untested.stream().map(EvidenceNotes::untestedLine).toList());
        if (tested.isEmpty()) {
            // a contract breach: the phase gave a verdict but recorded no tested period
            reasons.add("stress tests " + (status == EvidenceStatus.FAILED ? FAIL : NOT_RUN) + ": the phase recorded status "
                    + status.status + " but no tested period" + skippedText + ", a person must review");
            return status == EvidenceStatus.FAILED ? FAIL : NOT_RUN;
        }
        long passed = tested.size() - failed.size();
        double share = (double) passed / tested.size();
        String verdict = share >= minPassShare ? PASS : FAIL;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "stress tests %s: %d of %d tested periods passed (release.min_stress_pass_share %.2f); the stress phase's verdict is %s",
                verdict, passed, tested.size(), minPassShare, status.status));
        if (!failed.isEmpty()) {
            text.append(verdict.equals(PASS) ? ", its failing periods tolerated by that share: " : ", failing periods: ")
                    .append(String.join("; ", failed.stream().map(p -> EvidenceNotes.failure(p, summary.get("pass_threshold"))).toList()));
        }
        reasons.add(text.append(skippedText).toString());
        return verdict;
    }

    private static String orUnknown(String why) {
        return why == null ? "no reason recorded" : why;
    }
}
