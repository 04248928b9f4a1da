package io.sensequant.stats;

import java.util.Arrays;

/**
 * A {@link DatePanel} aggregated to one value per date, the unit of inference: rows of one date share a market
 * factor and overlapping forward labels, so they are not independent evidence; dates are (after HAC or a block
 * bootstrap takes care of the overlap between neighbouring dates). Per date: accuracy, the constant majority-class
 * predictor's accuracy, their difference (the edge), the 0/1-loss difference against persistence (student right
 * minus persistence right, over the rows where persistence has a call), the IC (Pearson) and Rank IC (Spearman)
 * of score against forward return. A date without the rows a figure needs has NaN there.
 */
public record DailySeries(int[] rows, double[] accuracy, double[] baseline, double[] edge, double[] persistenceEdge,
                          double[] ic, double[] rankIc, int majorityClass) {

    /**
     * @param majorityClass the constant predictor's class (see {@link DateLevelVerdict} for which majority)
     * @param icMinSymbols  fewest rows with score and return for a date's IC
     */
    public static DailySeries of(DatePanel panel, int majorityClass, int icMinSymbols) {
        int days = panel.dates();
        int[] rows = new int[days];
        double[] correct = new double[days];
        double[] majority = new double[days];
        double[] persistenceRows = new double[days];
        double[] persistenceDiff = new double[days];
        for (int i = 0; i < panel.rows(); i++) {
            int d = panel.date()[i];
            int label = panel.label()[i];
            boolean right = panel.prediction()[i] == label;
            rows[d]++;
            correct[d] += right ? 1 : 0;
            majority[d] += label == majorityClass ? 1 : 0;
            if (panel.persistence()[i] != DatePanel.NONE) {
                persistenceRows[d]++;
                persistenceDiff[d] += (right ? 1 : 0) - (panel.persistence()[i] == label ? 1 : 0);
            }
        }
        double[] accuracy = new double[days];
        double[] baseline = new double[days];
        double[] edge = new double[days];
        double[] persistenceEdge = new double[days];
        for (int d = 0; d < days; d++) {
            accuracy[d] = rows[d] == 0 ? Double.NaN : correct[d] / rows[d];
            baseline[d] = rows[d] == 0 ? Double.NaN : majority[d] / rows[d];
            edge[d] = accuracy[d] - baseline[d];
            persistenceEdge[d] = persistenceRows[d] == 0 ? Double.NaN : persistenceDiff[d] / persistenceRows[d];
        }
        double[][] ics = correlations(panel.date(), panel.score(), panel.forwardReturn(), rows, icMinSymbols);
        return new DailySeries(rows, accuracy, baseline, edge, persistenceEdge, ics[0], ics[1], majorityClass);
    }

    /**
     * The mean over dates of the per-date Rank IC (Spearman of score vs forward return), dates with fewer than
     * {@code icMinSymbols} finite pairs (or a constant side) left out; NaN when no date has one. Used for a
     * walk-forward fold's test rows, whose date indices run 0.. in any order.
     */
    public static double meanRankIc(int[] date, double[] score, double[] forwardReturn, int icMinSymbols) {
        int days = 0;
        for (int d : date) {
            days = Math.max(days, d + 1);
        }
        int[] rows = new int[days];
        for (int d : date) {
            rows[d]++;
        }
        return Arrays.stream(correlations(date, score, forwardReturn, rows, icMinSymbols)[1])
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static double[][] correlations(int[] date, double[] score, double[] forwardReturn, int[] rows,
                                           int icMinSymbols) {
        int days = rows.length;
        double[][] scores = new double[days][];
        double[][] returns = new double[days][];
        int[] filled = new int[days];
        for (int d = 0; d < days; d++) {
            scores[d] = new double[rows[d]];
            returns[d] = new double[rows[d]];
        }
        for (int i = 0; i < date.length; i++) {
            int d = date[i];
            scores[d][filled[d]] = score[i];
            returns[d][filled[d]++] = forwardReturn[i];
        }
        double[] ic = new double[days];
        double[] rankIc = new double[days];
        for (int d = 0; d < days; d++) {
            boolean enough = Correlations.finitePairCount(scores[d], returns[d]) >= icMinSymbols;
            ic[d] = enough ? Correlations.pearson(scores[d], returns[d]) : Double.NaN;
            rankIc[d] = enough ? Correlations.spearman(scores[d], returns[d]) : Double.NaN;
        }
        return new double[][]{ic, rankIc};
    }

    /** The finite values of a per-date series, in date order (dates without the figure dropped). */
    public static double[] finite(double[] series) {
        return Arrays.stream(series).filter(Double::isFinite).toArray();
    }
}
