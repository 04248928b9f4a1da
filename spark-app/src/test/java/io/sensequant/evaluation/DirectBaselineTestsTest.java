package io.sensequant.evaluation;

import io.sensequant.stats.DateLevelVerdict;
import io.sensequant.stats.DatePanel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct baseline goes through the student's own date-level verdict, and the comparison says which way it went. */
class DirectBaselineTestsTest {
    static final DateLevelVerdict.Settings SETTINGS = new DateLevelVerdict.Settings(0.05, 3, 3, 200, 0.95, 11L, 2, 3);

    /** 40 symbols × 150 dates of independent returns; the score is skill × return + noise; calls at ±0.43 sd. */
    static DatePanel panel(double skill, long seed) {
        int symbols = 40;
        int dates = 150;
        int n = symbols * dates;
        int[] date = new int[n];
        int[] label = new int[n];
        int[] prediction = new int[n];
        int[] persistence = new int[n];
        double[] score = new double[n];
        double[] forward = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            date[i] = i / symbols;
            forward[i] = random.nextGaussian();
            label[i] = classOf(forward[i]);
            score[i] = skill * forward[i] + random.nextGaussian();
            prediction[i] = classOf(score[i] / Math.sqrt(skill * skill + 1));
            persistence[i] = DatePanel.NONE;
        }
        return new DatePanel(date, label, prediction, persistence, score, forward, 3);
    }

    private static int classOf(double z) {
        return z < -0.43 ? 0 : z > 0.43 ? 2 : 1;
    }

    @Test
    void aSkilledDirectModelBesideANoSkillStudentMeansDistillationLosesSkill() {
        DateLevelVerdict.Result student = decide(panel(0.0, 1L));
        DateLevelVerdict.Result direct = decide(panel(0.5, 2L));
        assertTrue(direct.passed() && !student.passed(), direct.reasons() + " / " + student.reasons());
        Map<String, Object> map = DirectBaselineTests.compare("student_direct", student, direct);
        assertEquals("passed", map.get("status"));
        assertEquals("failed", map.get("student_status_holdout_only"));
        assertTrue(((String) map.get("sentence")).startsWith("distillation loses skill"), (String) map.get("sentence"));
        assertTrue((Double) map.get("rank_ic_difference") > 0.1, map.toString());
    }

    @Test
    void theOtherWayRoundDistillationKeepsSkill() {
        DateLevelVerdict.Result student = decide(panel(0.5, 3L));
        DateLevelVerdict.Result direct = decide(panel(0.0, 4L));
        Map<String, Object> map = DirectBaselineTests.compare("student_direct", student, direct);
        assertEquals("failed", map.get("status"));
        assertTrue(((String) map.get("reason")).contains("Rank IC"), map.toString());
        assertTrue(((String) map.get("sentence")).startsWith("distillation keeps skill"), (String) map.get("sentence"));
    }

    private static DateLevelVerdict.Result decide(DatePanel panel) {
        return DateLevelVerdict.decide(panel, 1, DateLevelVerdict.TRAINING_MAJORITY,
                DateLevelVerdict.WalkForwardEvidence.none(), SETTINGS);
    }
}
