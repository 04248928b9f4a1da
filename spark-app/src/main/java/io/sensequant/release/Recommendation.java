package io.sensequant.release;

import io.sensequant.config.PipelineConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The briefing's recommendation, from the thresholds under {@code release:}. {@code reject} when the student
 * misses the skill margin over the majority baseline or the statistical tests ran and failed;
 * {@code approve_staging} only when the skill margin, the statistical tests and the stress tests all pass;
 * {@code needs_review} otherwise (a test not run, stress periods failing).
 */
final class Recommendation {
    static final String APPROVE = "approve_staging";
    static final String REVIEW = "needs_review";
    static final String REJECT = "reject";
    static final String PASS = "pass";
    static final String FAIL = "fail";
    static final String NOT_RUN = "not_run";
    private static final Set<String> NOT_RUN_STATUSES = Set.of("not_run", "skipped", "disabled");
    private static final Set<String> FAILED_STATUSES = Set.of("failed", "error");

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
        warnings.forEach(w -> reasons.add("warning: " + w.message()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("decision", decision);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("skill_margin", skill);
        checks.put("statistical_tests", stat);
        checks.put("stress_tests", stress);
        result.put("checks", checks);
        result.put("reasons", reasons);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static String statTests(Map<String, Object> summary, List<String> reasons) {
        String status = summary == null ? NOT_RUN : String.valueOf(summary.getOrDefault("status", NOT_RUN));
        if (NOT_RUN_STATUSES.contains(status)) {
            reasons.add("statistical tests not run" + reason(summary) + ": significance is unknown, a person must review");
            return NOT_RUN;
        }
        if (FAILED_STATUSES.contains(status)) {
            reasons.add("statistical tests failed" + reason(summary));
            return FAIL;
        }
        Map<String, Object> hypothesis = (Map<String, Object>) summary.getOrDefault("hypothesis", Map.of());
        Map<String, Object> vsMajority = (Map<String, Object>) hypothesis.get("vs_majority");
        Map<String, Object> bootstrap = (Map<String, Object>) summary.get("bootstrap");
        if (vsMajority == null) {
            reasons.add("statistical tests ran but recorded no test against the majority baseline: a person must review");
            return NOT_RUN;
        }
        boolean significant = Boolean.TRUE.equals(vsMajority.get("significant"));
        boolean bootstrapOk = bootstrap == null || !Boolean.FALSE.equals(bootstrap.get("significant"));
        reasons.add(String.format(Locale.ROOT, "statistical tests %s: vs majority baseline p = %s at alpha %s (%s)%s",
                significant && bootstrapOk ? PASS : FAIL, vsMajority.get("p_value"), hypothesis.get("alpha"),
                significant ? "significant" : "not significant",
                bootstrap == null ? "" : "; bootstrap " + (bootstrapOk ? "significant" : "not significant")));
        return significant && bootstrapOk ? PASS : FAIL;
    }

    @SuppressWarnings("unchecked")
    private static String stressTests(Map<String, Object> summary, double minPassShare, List<String> reasons) {
        String status = summary == null ? NOT_RUN : String.valueOf(summary.getOrDefault("status", NOT_RUN));
        if (NOT_RUN_STATUSES.contains(status) || FAILED_STATUSES.contains(status)) {
            reasons.add("stress tests " + (FAILED_STATUSES.contains(status) ? "failed to run" : "not run") + reason(summary)
                    + ": crisis behaviour is unknown, a person must review");
            return NOT_RUN;
        }
        List<Map<String, Object>> periods = (List<Map<String, Object>>) summary.getOrDefault("periods", List.of());
        List<Map<String, Object>> tested = periods.stream().filter(p -> p.get("passed") instanceof Boolean).toList();
        if (tested.isEmpty()) {
            reasons.add("stress tests ran but no period overlapped the data: crisis behaviour is unknown, a person must review");
            return NOT_RUN;
        }
        long passed = tested.stream().filter(p -> Boolean.TRUE.equals(p.get("passed"))).count();
        double share = (double) passed / tested.size();
        String verdict = share >= minPassShare ? PASS : FAIL;
        reasons.add(String.format(Locale.ROOT, "stress tests %s: %d of %d tested periods passed (release.min_stress_pass_share %.2f)",
                verdict, passed, tested.size(), minPassShare));
        return verdict;
    }

    private static String reason(Map<String, Object> summary) {
        return summary == null || summary.get("reason") == null ? "" : " (" + summary.get("reason") + ")";
    }
}
