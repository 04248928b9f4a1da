package io.sensequant.stats;

import java.util.SplittableRandom;

/**
 * Synthetic test panels for calibrating the verdict: {@code symbols} × {@code dates} rows; daily returns are
 * one common market factor plus idiosyncratic noise, r = marketSd·m_t + idioSd·e_st; labels are 3 classes from
 * the overlapping {@code horizon}-day forward return (down / neutral / up at ∓0.43 of its standard deviation,
 * about a third each); persistence is the symbol's label {@code horizon} dates earlier. The student's score is
 * skill·(forward return / its sd) + √(1 − skill²)·z, with z a persistent per-symbol AR(1) signal (φ) that depends
 * on nothing in the future, and the predicted class cuts the score at ∓0.43. skill = 0: the null (no skill);
 * skill &gt; 0: a planted skill whose per-row correlation with the forward return is about {@code skill}.
 */
record SimulatedPanels(int symbols, int dates, int horizon, double marketSd, double idioSd, double phi) {
    static final double CUT = 0.43;

    DatePanel panel(double skill, SplittableRandom random) {
        int total = dates + 2 * horizon;
        double[][] returns = new double[total][symbols];
        for (int t = 0; t < total; t++) {
            double market = marketSd * random.nextGaussian();
            for (int s = 0; s < symbols; s++) {
                returns[t][s] = market + idioSd * random.nextGaussian();
            }
        }
        double forwardSd = Math.sqrt(horizon * (marketSd * marketSd + idioSd * idioSd));
        // dates 0..dates+horizon-1 have a forward return; the first `horizon` are only persistence history
        int labelled = dates + horizon;
        double[][] forward = new double[labelled][symbols];
        int[][] labels = new int[labelled][symbols];
        for (int t = 0; t < labelled; t++) {
            for (int s = 0; s < symbols; s++) {
                double sum = 0;
                for (int k = 1; k <= horizon; k++) {
                    sum += returns[t + k][s];
                }
                forward[t][s] = sum;
                labels[t][s] = classOf(sum / forwardSd);
            }
        }
        int n = dates * symbols;
        int[] date = new int[n];
        int[] label = new int[n];
        int[] prediction = new int[n];
        int[] persistence = new int[n];
        double[] score = new double[n];
        double[] fwd = new double[n];
        double[] z = new double[symbols];
        for (int s = 0; s < symbols; s++) {
            z[s] = random.nextGaussian();
        }
        double noise = Math.sqrt(1 - phi * phi);
        double rest = Math.sqrt(1 - skill * skill);
        int i = 0;
        for (int d = 0; d < dates; d++) {
            int t = d + horizon;
            for (int s = 0; s < symbols; s++) {
                z[s] = phi * z[s] + noise * random.nextGaussian();
                double sc = skill * forward[t][s] / forwardSd + rest * z[s];
                date[i] = d;
                label[i] = labels[t][s];
                persistence[i] = labels[t - horizon][s];
                score[i] = sc;
                prediction[i] = classOf(sc);
                fwd[i] = forward[t][s];
                i++;
            }
        }
        return new DatePanel(date, label, prediction, persistence, score, fwd, 3);
    }

    static int classOf(double standardised) {
        return standardised < -CUT ? 0 : standardised > CUT ? 2 : 1;
    }
}
