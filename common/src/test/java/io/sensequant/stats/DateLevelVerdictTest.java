package io.sensequant.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateLevelVerdictTest {
    static final DateLevelVerdict.Settings SETTINGS = new DateLevelVerdict.Settings(0.05, 7, 7, 300, 0.95, 17L, 2, 3);
    static final SimulatedPanels DESIGN = new SimulatedPanels(60, 250, 7, 0.008, 0.015, 0.95);
    static final int N = DatePanel.NONE;

    @Test
    void dailySeriesByHand() {
        DatePanel panel = new DatePanel(new int[]{0, 0, 0, 1, 1, 1}, new int[]{2, 2, 0, 1, 2, 2},
                new int[]{2, 1, 0, 1, 0, 0}, new int[]{2, N, 1, 1, 2, 0},
                new double[]{0.5, 0.1, -0.3, 0, -0.2, 0.4}, new double[]{0.03, 0.02, -0.01, 0.0, 0.01, 0.02}, 3);
        assertEquals(2, panel.majorityClass(), "class 2 is 4 of the 6 labels");
        DailySeries daily = DailySeries.of(panel, 2, 3);
        assertArrayEquals(new double[]{2.0 / 3, 1.0 / 3}, daily.accuracy(), 1e-15);
        assertArrayEquals(new double[]{2.0 / 3, 2.0 / 3}, daily.baseline(), 1e-15);
        assertArrayEquals(new double[]{0, -1.0 / 3}, daily.edge(), 1e-15);
        // date 0: persistence has a call on two rows (both right for the student, persistence right on one): +1/2
        // date 1: student right on 1 of 3, persistence on 2 of 3: -1/3
        assertArrayEquals(new double[]{0.5, -1.0 / 3}, daily.persistenceEdge(), 1e-15);
        assertEquals(Correlations.pearson(new double[]{0.5, 0.1, -0.3}, new double[]{0.03, 0.02, -0.01}), daily.ic()[0], 1e-15);
        assertEquals(Correlations.spearman(new double[]{0, -0.2, 0.4}, new double[]{0.0, 0.01, 0.02}), daily.rankIc()[1], 1e-15);
        assertTrue(Double.isNaN(DailySeries.of(panel, 2, 4).ic()[0]), "fewer symbols than ic_min_symbols: no IC");
    }

    @Test
    void aStudentWorseThanTheMajorityClassIsNeverSignificant() {
        SplittableRandom random = new SplittableRandom(31);
        int worseThanMajority = 0;
        for (int k = 0; k < 40; k++) {
            DatePanel panel = DESIGN.panel(0, random);
            int majority = panel.majorityClass();
            int[] leaning = panel.prediction().clone();
            for (int i = 0; i < leaning.length; i++) {
                leaning[i] = random.nextDouble() < 0.7 ? majority : leaning[i];   // mostly the majority, else a past-only signal
            }
            DatePanel worse = new DatePanel(panel.date(), panel.label(), leaning, panel.persistence(), panel.score(),
                    panel.forwardReturn(), 3);
            DateLevelVerdict.Result result = DateLevelVerdict.decide(worse,
                    new DateLevelVerdict.WalkForwardEvidence(4, new double[]{0.05, 0.05, 0.05}), seeded(k));
            assertFalse(result.passed(), result.reasons().toString());
            if (result.edge().estimate() >= 0) {
                continue;
            }
            worseThanMajority++;
            assertTrue(result.edge().t() < 0, result.edge().toString());
            assertFalse(result.edge().pOneSided() < 0.05);
            assertFalse(result.edgeInterval().lower() > 0);
        }
        assertTrue(worseThanMajority >= 30, "the design yields students worse than the majority: " + worseThanMajority);
    }

    @Test
    void plantedSkillPassesUnlessWalkForwardDisagrees() {
        DatePanel panel = DESIGN.panel(0.45, new SplittableRandom(12));
        DateLevelVerdict.Result agree = DateLevelVerdict.decide(panel,
                new DateLevelVerdict.WalkForwardEvidence(4, new double[]{0.02, 0.04, -0.01}), SETTINGS);
        assertTrue(agree.passed(), agree.reasons().toString());
        assertTrue(agree.edge().pOneSided() < 0.05 && agree.edgeInterval().lower() > 0, agree.edge().toString());
        assertTrue(agree.ic().estimate() > 0.3 && agree.ic().pOneSided() < 1e-6, agree.ic().toString());
        assertEquals(List.of(DateLevelVerdict.EDGE_TEST, DateLevelVerdict.EDGE_BOOTSTRAP, DateLevelVerdict.WALK_FORWARD),
                agree.decidedBy());
        assertTrue(agree.notes().isEmpty());
        assertEquals(250, agree.dates());
        assertEquals(7, agree.asMap().get("hac_lag"));
        assertEquals("date", agree.asMap().get("unit"));

        DateLevelVerdict.Result disagree = DateLevelVerdict.decide(panel,
                new DateLevelVerdict.WalkForwardEvidence(4, new double[]{-0.02, 0.01}), SETTINGS);
        assertFalse(disagree.passed());
        assertEquals(1, disagree.reasons().size());
        assertTrue(disagree.reasons().get(0).startsWith("walk-forward disagrees"), disagree.reasons().toString());

        DateLevelVerdict.Result short_ = DateLevelVerdict.decide(panel,
                new DateLevelVerdict.WalkForwardEvidence(4, new double[]{-0.02}), SETTINGS);
        assertTrue(short_.passed(), "one fold cannot enter the verdict: it warns, it does not fail");
        assertEquals(List.of(DateLevelVerdict.EDGE_TEST, DateLevelVerdict.EDGE_BOOTSTRAP), short_.decidedBy());
        assertTrue(short_.notes().get(0).contains("1 of 4 folds completed")
                && short_.notes().get(0).contains("min_completed_folds 2"), short_.notes().toString());
    }

    @Test
    void noSkillFails() {
        DatePanel panel = DESIGN.panel(0, new SplittableRandom(77));
        DateLevelVerdict.Result result = DateLevelVerdict.decide(panel, DateLevelVerdict.WalkForwardEvidence.none(), SETTINGS);
        assertFalse(result.passed());
        assertTrue(result.reasons().get(0).contains("not significant") && result.reasons().get(0).contains("Newey-West lag 7"),
                result.reasons().toString());
    }

    static DateLevelVerdict.Settings seeded(long k) {
        DateLevelVerdict.Settings s = SETTINGS;
        return new DateLevelVerdict.Settings(s.alpha(), s.hacLag(), s.meanBlock(), s.iterations(), s.confidence(),
                s.seed() + k, s.minCompletedFolds(), s.icMinSymbols());
    }
}
