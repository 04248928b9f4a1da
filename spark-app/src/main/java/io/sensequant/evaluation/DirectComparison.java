package io.sensequant.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The student beside the direct baseline (the same model on the true labels of the same training rows) on the
 * test split: accuracy, macro F1 and the majority baseline over test ROWS, IC / Rank IC as means over test DATES.
 * The verdict compares point estimates only (no test, no correction): distillation "loses skill" when the direct
 * model is ahead on both test accuracy and mean Rank IC, "keeps skill" when it is ahead on neither, and the
 * evidence is "mixed" otherwise. Whether either difference is significant is for the date-level tests of STAT_TESTS.
 */
final class DirectComparison {
    static final String LOSES = "distillation loses skill";
    static final String KEEPS = "distillation keeps skill";
    static final String MIXED = "mixed evidence on distillation";

    /** Row-level classification metrics compared, from each model's "model/test" scope. */
    static final List<String> ROW_METRICS = List.of("accuracy", "macro_f1", "baseline_majority_accuracy");

    /** One model's test-split figures. */
    record Scores(String model, Map<String, Object> testScope, InformationCoefficient.Result ic) {
        Double metric(String name) {
            Object value = testScope.get(name);
            return value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
        }

        Double icMean() {
            return finite(ic.icMean());
        }

        Double rankIcMean() {
            return finite(ic.rankIcMean());
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("model", model);
            for (String metric : ROW_METRICS) {
                map.put(metric, metric(metric));
            }
            map.put("samples", testScope.get("samples"));
            map.put("ic_mean", icMean());
            map.put("rank_ic_mean", rankIcMean());
            map.put("icir", finite(ic.icir()));
            map.put("ic_dates", ic.daily().size());
            return map;
        }
    }

    private DirectComparison() {
    }

    /**
     * @param coverage the student phase's distillation coverage (labelled vs teacher-labelled training rows), or null
     * @return the summary section: both models' figures, direct − student differences, the verdict and its sentence
     */
    static Map<String, Object> of(Scores student, Scores direct, Map<String, Object> coverage) {
        Map<String, Double> difference = new LinkedHashMap<>();
        for (String metric : List.of("accuracy", "macro_f1")) {
            putDifference(difference, metric, direct.metric(metric), student.metric(metric));
        }
        putDifference(difference, "ic_mean", direct.icMean(), student.icMean());
        putDifference(difference, "rank_ic_mean", direct.rankIcMean(), student.rankIcMean());
        String verdict = verdict(difference.get("accuracy"), difference.get("rank_ic_mean"));

        Map<String, Object> section = new LinkedHashMap<>();
        section.put("student", student.asMap());
        section.put("direct", direct.asMap());
        section.put("difference", difference);
        section.put("verdict", verdict);
        section.put("sentence", sentence(verdict, student, direct, coverage));
        section.put("units", "accuracy, macro F1, majority baseline: test rows (descriptive); IC, Rank IC: mean over "
                + "test dates of the cross-sectional correlation of prob_up - prob_down with the forward return");
        section.put("inference", "point estimates, no hypothesis test and no multiple-testing correction; the "
                + "date-level tests of both models are STAT_TESTS' (model column '" + direct.model() + "')");
        if (coverage != null) {
            section.put("distillation_coverage", coverage);
        }
        return section;
    }

    /** Direct minus student on test accuracy and mean Rank IC; a missing Rank IC leaves the verdict to accuracy. */
    static String verdict(Double accuracyDifference, Double rankIcDifference) {
        if (accuracyDifference == null) {
            return MIXED;
        }
        boolean aheadOnAccuracy = accuracyDifference > 0;
        boolean aheadOnRankIc = rankIcDifference == null ? aheadOnAccuracy : rankIcDifference > 0;
        if (aheadOnAccuracy && aheadOnRankIc) {
            return LOSES;
        }
        return !aheadOnAccuracy && !aheadOnRankIc ? KEEPS : MIXED;
    }

    static String sentence(String verdict, Scores student, Scores direct, Map<String, Object> coverage) {
        StringBuilder s = new StringBuilder(verdict).append(String.format(Locale.ROOT,
                ": direct model (true labels) test accuracy %s vs student %s (majority baseline %s), macro F1 %s vs %s, "
                        + "IC %s vs %s, Rank IC %s vs %s over %d vs %d test dates",
                figure(direct.metric("accuracy")), figure(student.metric("accuracy")),
                figure(student.metric("baseline_majority_accuracy")), figure(direct.metric("macro_f1")),
                figure(student.metric("macro_f1")), figure(direct.icMean()), figure(student.icMean()),
                figure(direct.rankIcMean()), figure(student.rankIcMean()), direct.ic().daily().size(),
                student.ic().daily().size()));
        if (coverage != null && coverage.get("labelled_train_rows") instanceof Number labelled
                && coverage.get("teacher_labelled_train_rows") instanceof Number taught) {
            s.append(String.format(Locale.ROOT, "; both trained on the %,d teacher-labelled rows of %,d labelled training rows",
                    taught.longValue(), labelled.longValue()));
        }
        return s.append(" (point estimates, not a significance test)").toString();
    }

    private static void putDifference(Map<String, Double> difference, String metric, Double direct, Double student) {
        if (direct != null && student != null) {
            difference.put(metric, direct - student);
        }
    }

    private static String figure(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
