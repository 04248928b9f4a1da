package io.sensequant.evaluation;

import io.sensequant.stats.DateLevelVerdict;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The direct baseline ({@code student_direct}: the student's rows, features, hyperparameters, split and seed, but the
 * true labels) through the same date-level verdict as the student, so the briefing can say with the same evidence
 * whether distillation from the teachers loses skill. Walk-forward retrains only the student, so it enters neither
 * model's comparison here: both verdicts below rest on the holdout's date-level tests alone.
 */
final class DirectBaselineTests {
    static final String NOT_RUN = "not_run";

    private DirectBaselineTests() {
    }

    /** The summary's {@code direct_baseline} map when the run has no direct model's test rows. */
    static Map<String, Object> notRun(String reason) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", NOT_RUN);
        map.put("reason", reason);
        return map;
    }

    /**
     * {@code student} and {@code direct} decided by {@link DateLevelVerdict} with the same settings and without
     * walk-forward evidence; the sentence compares the deciding statistic (mean daily Rank IC) and the verdicts.
     */
    static Map<String, Object> compare(String model, DateLevelVerdict.Result student, DateLevelVerdict.Result direct) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", model);
        map.put("status", direct.passed() ? StatTestsPhase.PASSED : StatTestsPhase.FAILED);
        if (!direct.reasons().isEmpty()) {
            map.put("reason", String.join("; ", direct.reasons()));
        }
        map.put("student_status_holdout_only", student.passed() ? StatTestsPhase.PASSED : StatTestsPhase.FAILED);
        map.put("unit", DateLevelVerdict.UNIT);
        map.put("method", "the student's date-level verdict (Newey-West and stationary bootstrap of the mean daily "
                + "Rank IC, edge over the training majority) on the direct model's test rows; walk-forward left out "
                + "for both models (it retrains only the student)");
        map.put("date_level", direct.asMap());
        map.put("rank_ic_difference", direct.rankIc().estimate() - student.rankIc().estimate());
        map.put("accuracy_difference", direct.meanAccuracy() - student.meanAccuracy());
        map.put("sentence", sentence(student, direct));
        return map;
    }

    static String sentence(DateLevelVerdict.Result student, DateLevelVerdict.Result direct) {
        String figures = String.format(Locale.ROOT, "direct model (true labels) mean daily Rank IC %+.4f (one-sided "
                        + "p = %.3g), mean daily accuracy %.3f; student %+.4f (p = %.3g), %.3f; over %d dates, "
                        + "same date-level tests", direct.rankIc().estimate(), direct.rankIc().pOneSided(),
                direct.meanAccuracy(), student.rankIc().estimate(), student.rankIc().pOneSided(), student.meanAccuracy(),
                student.dates());
        if (direct.passed() && !student.passed()) {
            return "distillation loses skill: the direct model passes the date-level verdict and the student does not; " + figures;
        }
        if (!direct.passed() && student.passed()) {
            return "distillation keeps skill: the student passes the date-level verdict and the direct model does not; " + figures;
        }
        String both = direct.passed() ? "both pass" : "neither passes";
        String lead = direct.rankIc().estimate() > student.rankIc().estimate() ? "the direct model ranks better"
                : "the student ranks at least as well";
        return both + " the date-level verdict (" + lead + ", a point estimate); " + figures;
    }
}
