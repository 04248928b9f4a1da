package io.sensequant.evaluation;

import io.sensequant.evaluation.InformationCoefficient.Observation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** IC and Rank IC on a tiny fixed frame, against hand computations and commons-math3. */
class InformationCoefficientTest {
    static final LocalDate D1 = LocalDate.of(2024, 1, 1);
    static final LocalDate D2 = LocalDate.of(2024, 1, 2);
    static final LocalDate D3 = LocalDate.of(2024, 1, 3);
    static final LocalDate FEW = LocalDate.of(2024, 1, 4);
    static final LocalDate FLAT = LocalDate.of(2024, 1, 5);

    static List<Observation> frame() {
        List<Observation> rows = new ArrayList<>();
        add(rows, D1, new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4});
        add(rows, D2, new double[]{1, 2, 3, 4}, new double[]{4, 3, 2, 1});
        add(rows, D3, new double[]{0, 0, 1, 3}, new double[]{1, 2, 3, 4});   // tied scores: average ranks
        add(rows, FEW, new double[]{1, 2}, new double[]{1, 2});              // 2 symbols < minimum 3
        add(rows, FLAT, new double[]{1, 2, 3}, new double[]{0.5, 0.5, 0.5}); // constant return: undefined
        return rows;
    }

    static void add(List<Observation> rows, LocalDate date, double[] scores, double[] returns) {
        for (int i = 0; i < scores.length; i++) {
            rows.add(new Observation(date, scores[i], returns[i]));
        }
    }

    @Test
    void dailyValuesMatchHandComputations() {
        InformationCoefficient.Result result = InformationCoefficient.of(frame(), 3);
        assertEquals(3, result.daily().size());
        assertEquals(1, result.skippedDates());
        assertEquals(1, result.undefinedDates());
        // D1: deviations (-1.5,-.5,.5,1.5) and (-1.5,.5,-.5,1.5): cov 4, variances 5 and 5 -> 0.8 (ranks equal the values)
        assertEquals(0.8, result.daily().get(0).ic(), 1e-12);
        assertEquals(0.8, result.daily().get(0).rankIc(), 1e-12);
        assertEquals(-1.0, result.daily().get(1).ic(), 1e-12);
        assertEquals(-1.0, result.daily().get(1).rankIc(), 1e-12);
        // D3 Pearson: deviations (-1,-1,0,2) and (-1.5,-.5,.5,1.5): 5 / sqrt(6 * 5)
        assertEquals(5 / Math.sqrt(30), result.daily().get(2).ic(), 1e-12);
        // D3 Spearman: ranks (1.5,1.5,3,4) vs (1,2,3,4): 4.5 / sqrt(4.5 * 5)
        assertEquals(4.5 / Math.sqrt(22.5), result.daily().get(2).rankIc(), 1e-12);

        double[] ic = {0.8, -1, 5 / Math.sqrt(30)};
        double mean = (ic[0] + ic[1] + ic[2]) / 3;
        double std = Math.sqrt((sq(ic[0] - mean) + sq(ic[1] - mean) + sq(ic[2] - mean)) / 2);
        assertEquals(mean, result.icMean(), 1e-12);
        assertEquals(std, result.icStd(), 1e-12);
        assertEquals(mean / std, result.icir(), 1e-12);
        double[] rank = {0.8, -1, 4.5 / Math.sqrt(22.5)};
        double rankMean = (rank[0] + rank[1] + rank[2]) / 3;
        double rankStd = Math.sqrt((sq(rank[0] - rankMean) + sq(rank[1] - rankMean) + sq(rank[2] - rankMean)) / 2);
        assertEquals(rankMean, result.rankIcMean(), 1e-12);
        assertEquals(rankStd, result.rankIcStd(), 1e-12);
        assertEquals(rankMean / rankStd, result.rankIcir(), 1e-12);
        assertEquals(3, result.asSummary().get("dates"));
        assertEquals(rankMean / rankStd, result.asMetrics().get("rank_icir"), 1e-12);
    }

    @Test
    void agreesWithCommonsMathOnEveryDate() {
        double[] scores = {0.3, -0.1, 0.25, 0.7, -0.4, 0.3};
        double[] returns = {0.01, -0.02, 0.005, 0.03, 0.0, -0.01};
        List<Observation> rows = new ArrayList<>();
        add(rows, D1, scores, returns);
        InformationCoefficient.Daily daily = InformationCoefficient.of(rows, 3).daily().get(0);
        assertEquals(new PearsonsCorrelation().correlation(scores, returns), daily.ic(), 1e-12);
        assertEquals(new SpearmansCorrelation().correlation(scores, returns), daily.rankIc(), 1e-12);
        assertEquals(6, daily.symbols());
    }

    @Test
    void oneDateHasNoDispersionSoTheRatiosAreLeftOut() {
        List<Observation> rows = new ArrayList<>();
        add(rows, D1, new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4});
        InformationCoefficient.Result result = InformationCoefficient.of(rows, 3);
        assertEquals(0.8, result.icMean(), 1e-12);
        assertNull(result.asSummary().get("icir"));
        assertEquals(false, result.asMetrics().containsKey("icir"));
    }

    static double sq(double x) {
        return x * x;
    }
}
