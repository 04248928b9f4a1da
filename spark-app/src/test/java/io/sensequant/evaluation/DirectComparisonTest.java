package io.sensequant.evaluation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The student / direct-baseline comparison: verdict rule, differences, sentence; plain Java. */
class DirectComparisonTest {

    static InformationCoefficient.Result ic(double icMean, double rankIcMean, int dates) {
        List<InformationCoefficient.Daily> daily = new ArrayList<>();
        for (int d = 0; d < dates; d++) {
            daily.add(new InformationCoefficient.Daily(LocalDate.of(2024, 1, 1).plusDays(d), 5, icMean, rankIcMean));
        }
        return new InformationCoefficient.Result(icMean, 0.1, icMean / 0.1, rankIcMean, 0.1, rankIcMean / 0.1, daily, 0, 0);
    }

    static Map<String, Object> scope(double accuracy, double macroF1, double majority, long samples) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("samples", (double) samples);
        scope.put("accuracy", accuracy);
        scope.put("macro_f1", macroF1);
        scope.put("baseline_majority_accuracy", majority);
        return scope;
    }

    @Test
    void verdictNeedsBothAccuracyAndRankIcToCallALoss() {
        assertEquals(DirectComparison.LOSES, DirectComparison.verdict(0.02, 0.01));
        assertEquals(DirectComparison.KEEPS, DirectComparison.verdict(-0.02, -0.01));
        assertEquals(DirectComparison.KEEPS, DirectComparison.verdict(0.0, 0.0), "a tie is no loss");
        assertEquals(DirectComparison.MIXED, DirectComparison.verdict(0.02, -0.01));
        assertEquals(DirectComparison.MIXED, DirectComparison.verdict(-0.02, 0.01));
        assertEquals(DirectComparison.LOSES, DirectComparison.verdict(0.02, null), "no Rank IC: accuracy decides");
        assertEquals(DirectComparison.KEEPS, DirectComparison.verdict(-0.02, null));
        assertEquals(DirectComparison.MIXED, DirectComparison.verdict(null, 0.01), "no accuracy: no call");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sectionHoldsBothModelsTheDifferencesAndASentenceWithUnits() {
        Map<String, Object> coverage = Map.of("labelled_train_rows", 13_800L, "teacher_labelled_train_rows", 2_100L);
        Map<String, Object> section = DirectComparison.of(
                new DirectComparison.Scores("student", scope(0.371, 0.30, 0.402, 900), ic(0.003, 0.001, 60)),
                new DirectComparison.Scores("student_direct", scope(0.412, 0.36, 0.402, 900), ic(0.051, 0.048, 60)),
                coverage);
        Map<String, Double> difference = (Map<String, Double>) section.get("difference");
        assertEquals(0.041, difference.get("accuracy"), 1e-12);
        assertEquals(0.06, difference.get("macro_f1"), 1e-12);
        assertEquals(0.048, difference.get("ic_mean"), 1e-12);
        assertEquals(0.047, difference.get("rank_ic_mean"), 1e-12);
        assertEquals(DirectComparison.LOSES, section.get("verdict"));
        assertEquals("distillation loses skill: direct model (true labels) test accuracy 0.412 vs student 0.371 "
                + "(majority baseline 0.402), macro F1 0.360 vs 0.300, IC 0.051 vs 0.003, Rank IC 0.048 vs 0.001 over "
                + "60 vs 60 test dates; both trained on the 2,100 teacher-labelled rows of 13,800 labelled training rows "
                + "(point estimates, not a significance test)", section.get("sentence"));
        assertEquals(60, ((Map<String, Object>) section.get("direct")).get("ic_dates"));
        assertEquals(coverage, section.get("distillation_coverage"));
        assertTrue(((String) section.get("units")).contains("test dates"));
        assertTrue(((String) section.get("inference")).contains("no hypothesis test"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void undefinedIcIsLeftOutNotWrittenAsNaN() {
        Map<String, Object> section = DirectComparison.of(
                new DirectComparison.Scores("student", scope(0.45, 0.40, 0.40, 50), ic(Double.NaN, Double.NaN, 0)),
                new DirectComparison.Scores("student_direct", scope(0.40, 0.35, 0.40, 50), ic(Double.NaN, Double.NaN, 0)),
                null);
        Map<String, Double> difference = (Map<String, Double>) section.get("difference");
        assertFalse(difference.containsKey("ic_mean"));
        assertFalse(difference.containsKey("rank_ic_mean"));
        assertNull(((Map<String, Object>) section.get("direct")).get("ic_mean"));
        assertEquals(DirectComparison.KEEPS, section.get("verdict"), "accuracy alone decides");
        assertTrue(((String) section.get("sentence")).contains("IC n/a vs n/a"), (String) section.get("sentence"));
        assertFalse(section.containsKey("distillation_coverage"));
    }
}
