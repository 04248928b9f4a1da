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
        // a fold's mean daily Rank IC: the mean of the two dates' Spearman correlations; with 4 required, none
        double both = (daily.rankIc()[0] + daily.rankIc()[1]) / 2;
        assertEquals(both, DailySeries.meanRankIc(panel.date(), panel.score(), panel.forwardReturn(), 3), 1e-15);
        assertEquals(1.0, daily.rankIc()[0], 1e-15, "date 0 ranks the three returns exactly");
        assertTrue(Double.isNaN(DailySeries.meanRankIc(panel.date(), panel.score(), panel.forwardReturn(), 4)));
    }

    @Test
    void aStudentWorseThanTheMajorityClassNeverPassesEvenWithASignificantRankIc() {
        SplittableRandom random = new SplittableRandom(31);
        int significantRankIc = 0;
        for (int k = 0; k < 40; k++) {
            DatePanel panel = DESIGN.panel(0.2, random);
            int majority = panel.majorityClass();
            int[] leaning = panel.prediction().clone();
            for (int i = 0; i < leaning.length; i++) {
                // mostly the majority class, else a wrong class: below the constant majority predictor
                leaning[i] = random.nextDouble() < 0.7 ? majority : (panel.label()[i] + 1 + random.nextInt(2)) % 3;
            }
            DatePanel worse = new DatePanel(panel.date(), panel.label(), leaning, panel.persistence(), panel.score(),
                    panel.forwardReturn(), 3);
            DateLevelVerdict.Result result = DateLevelVerdict.decide(worse,
                    new DateLevelVerdict.WalkForwardEvidence(4, new double[]{0.05, 0.05, 0.05}, new double[]{0.01, 0.01, 0.01}),
                    seeded(k));
            assertTrue(result.edge().estimate() < 0, result.edge().toString());
            assertFalse(result.passed(), result.reasons().toString());
            assertFalse(result.edgeAboveZero());
            assertTrue(result.reasons().stream().anyMatch(r -> r.startsWith("the student is not better than the constant "
                    + "majority-class predictor")), result.reasons().toString());
            significantRankIc += result.rankIc().pOneSided() < 0.05 && result.rankIcInterval().lower() > 0 ? 1 : 0;
        }
        assertTrue(significantRankIc >= 35, "the design yields worse-than-majority students whose Rank IC is "
                + "significant, and the edge requirement still fails them: " + significantRankIc);
    }

    @Test
    void plantedSkillPassesUnlessWalkForwardDisagrees() {
        DatePanel panel = DESIGN.panel(0.2, new SplittableRandom(12));
        DateLevelVerdict.Result agree = DateLevelVerdict.decide(panel,
                new DateLevelVerdict.WalkForwardEvidence(4, new double[]{0.02, 0.04, -0.01}, new double[]{-0.01, 0.01, -0.02}),
                SETTINGS);
        assertTrue(agree.passed(), agree.reasons().toString());
        assertTrue(agree.rankIc().pOneSided() < 0.05 && agree.rankIcInterval().lower() > 0, agree.rankIc().toString());
        assertTrue(agree.edgeAboveZero(), agree.edge().toString());
        assertEquals(List.of(DateLevelVerdict.RANK_IC_TEST, DateLevelVerdict.RANK_IC_BOOTSTRAP,
                DateLevelVerdict.EDGE_REQUIREMENT, DateLevelVerdict.WALK_FORWARD), agree.decidedBy());
        assertTrue(agree.decidedBy().get(3).contains("walk_forward"), "the briefing recognises walk-forward by this");
        assertTrue(agree.notes().isEmpty());
        assertEquals(0.05 / 3 + 0.0, agree.walkForward().meanRankIc(), 1e-15);
        assertEquals(250, agree.dates());
        assertEquals(7, agree.asMap().get("hac_lag"));
        assertEquals("date", agree.asMap().get("unit"));
        assertEquals(DateLevelVerdict.CLAIM, agree.asMap().get("claim"));

        DateLevelVerdict.Result disagree = DateLevelVerdict.decide(panel,
                new DateLevelVerdict.WalkForwardEvidence(4, new double[]{-0.02, 0.01}, new double[]{0.03, 0.03}), SETTINGS);
        assertFalse(disagree.passed());
        assertEquals(1, disagree.reasons().size());
        assertTrue(disagree.reasons().get(0).startsWith("walk-forward disagrees") && disagree.reasons().get(0).contains("-0.0050"),
                disagree.reasons().toString());

        DateLevelVerdict.Result short_ = DateLevelVerdict.decide(panel,
                new DateLevelVerdict.WalkForwardEvidence(4, new double[]{-0.02, Double.NaN}, new double[]{0.0, 0.0}), SETTINGS);
        assertTrue(short_.passed(), "one fold with a Rank IC cannot enter the verdict: it warns, it does not fail");
        assertEquals(List.of(DateLevelVerdict.RANK_IC_TEST, DateLevelVerdict.RANK_IC_BOOTSTRAP,
                DateLevelVerdict.EDGE_REQUIREMENT), short_.decidedBy());
        assertTrue(short_.notes().get(0).contains("1 of 4 folds completed")
                && short_.notes().get(0).contains("min_completed_folds 2"), short_.notes().toString());
    }

    @Test
    void noSkillFails() {
        DatePanel panel = DESIGN.panel(0, new SplittableRandom(77));
        DateLevelVerdict.Result result = DateLevelVerdict.decide(panel, DateLevelVerdict.WalkForwardEvidence.none(), SETTINGS);
        assertFalse(result.passed());
        assertTrue(result.reasons().get(0).contains("Rank IC") && result.reasons().get(0).contains("not significantly above 0")
                && result.reasons().get(0).contains("Newey-West lag 7"), result.reasons().toString());
    }

    @Test
    void aConstantScoreHasNoRankIcAndFails() {
        DatePanel panel = DESIGN.panel(0.3, new SplittableRandom(5));
        DatePanel flat = new DatePanel(panel.date(), panel.label(), panel.label(), panel.persistence(),
                new double[panel.rows()], panel.forwardReturn(), 3);
        DateLevelVerdict.Result result = DateLevelVerdict.decide(flat, DateLevelVerdict.WalkForwardEvidence.none(), SETTINGS);
        assertFalse(result.passed(), "right on every row, but scores that rank nothing claim nothing about ranking");
        assertEquals(0, result.rankIcDates());
        assertTrue(result.reasons().get(0).startsWith("no Rank IC test: only 0 of 250 dates"), result.reasons().toString());
    }

    static DateLevelVerdict.Settings seeded(long k) {
        DateLevelVerdict.Settings s = SETTINGS;
        return new DateLevelVerdict.Settings(s.alpha(), s.hacLag(), s.meanBlock(), s.iterations(), s.confidence(),
                s.seed() + k, s.minCompletedFolds(), s.icMinSymbols());
    }
}
