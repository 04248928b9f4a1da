package io.sensequant.evaluation;

/**
 * Performance statistics of a series of periodic (daily) returns. Written out by hand rather than through a
 * library so that the tests can check them against commons-math3 and hand-computed cases independently. The
 * risk-free rate is taken as 0: the figures compare strategies with each other, not with cash.
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

    /** mean / sample std × √periods; NaN when undefined (fewer than 2 returns or no variation). */
    public static double sharpe(double[] r, int periodsPerYear) {
        double sd = std(r);
        return sd > 0 ? mean(r) / sd * Math.sqrt(periodsPerYear) : Double.NaN;
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

    /** Largest peak-to-trough loss of the compounded equity curve (starting at 1), as a positive fraction. */
    public static double maxDrawdown(double[] r) {
        double equity = 1;
        double peak = 1;
        double worst = 0;
        for (double x : r) {
            equity *= 1 + x;
            peak = Math.max(peak, equity);
            worst = Math.max(worst, 1 - equity / peak);
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
