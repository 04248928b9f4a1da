package io.sensequant.evaluation;

import io.sensequant.stats.SharpeRatio;

/**
 * Performance statistics of a series of periodic (daily) returns, for every stage (STAT_TESTS and STRESS_TESTS
 * report the same strategy with these). The Sharpe ratio is {@link SharpeRatio}'s, the one definition in the code,
 * with the risk-free rate taken as 0: the long/short book is self-financing, and the figures compare strategies
 * with each other, not with cash. Drawdowns follow one sign convention: a fraction ≤ 0 (equity / running peak − 1).
 */
public final class ReturnStats {
    private ReturnStats() {
    }

    public static double mean(double[] r) {
        if (r.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : r) {
            sum += x;
        }
        return sum / r.length;
    }

    /** Sample standard deviation (n − 1); NaN below 2 values. */
    public static double std(double[] r) {
        if (r.length < 2) {
            return Double.NaN;
        }
        double m = mean(r);
        double ss = 0;
        for (double x : r) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (r.length - 1));
    }

    /**
     * {@link SharpeRatio#annualised} with no risk-free rate: mean / sample std × √periods; NaN when undefined
     * (fewer than 2 returns or no variation).
     */
    public static double sharpe(double[] r, int periodsPerYear) {
        return SharpeRatio.annualised(r, 0, periodsPerYear);
    }

    /**
     * mean / downside deviation × √periods, the downside deviation being √(mean of min(r, 0)²) over every period
     * (target return 0); NaN when no period lost.
     */
    public static double sortino(double[] r, int periodsPerYear) {
        if (r.length == 0) {
            return Double.NaN;
        }
        double ss = 0;
        for (double x : r) {
            double down = Math.min(x, 0);
            ss += down * down;
        }
        double downside = Math.sqrt(ss / r.length);
        return downside > 0 ? mean(r) / downside * Math.sqrt(periodsPerYear) : Double.NaN;
    }

    /**
     * Equity / running peak − 1 after each period (≤ 0), the equity curve compounding from 1 (the starting 1 counts
     * as a peak).
     */
    public static double[] drawdowns(double[] r) {
        double[] out = new double[r.length];
        double equity = 1;
        double peak = 1;
        for (int i = 0; i < r.length; i++) {
            equity *= 1 + r[i];
            peak = Math.max(peak, equity);
            out[i] = equity / peak - 1;
        }
        return out;
    }

    /** The deepest of {@link #drawdowns}: the largest peak-to-trough loss as a fraction ≤ 0 (0 when never below a peak). */
    public static double maxDrawdown(double[] r) {
        double worst = 0;
        for (double d : drawdowns(r)) {
            worst = Math.min(worst, d);
        }
        return worst;
    }

    /** Geometric annual return: (Π(1 + r))^(periods / n) − 1. */
    public static double annualReturn(double[] r, int periodsPerYear) {
        if (r.length == 0) {
            return Double.NaN;
        }
        double growth = 1;
        for (double x : r) {
            growth *= 1 + x;
        }
        return Math.pow(growth, (double) periodsPerYear / r.length) - 1;
    }

    /** Share of the invested periods with a positive return; NaN when never invested. */
    public static double hitRate(double[] r, boolean[] invested) {
        int days = 0;
        int wins = 0;
        for (int i = 0; i < r.length; i++) {
            if (invested[i]) {
                days++;
                wins += r[i] > 0 ? 1 : 0;
            }
        }
        return days == 0 ? Double.NaN : (double) wins / days;
    }
}
