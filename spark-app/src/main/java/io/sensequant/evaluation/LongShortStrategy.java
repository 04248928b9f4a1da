package io.sensequant.evaluation;

/**
 * The long/short/flat strategy of the student's signals, as daily book-keeping on a grid of days × symbols.
 *
 * <p>On day t each symbol with a prediction gets an equal slice 1/N_t of capital (N_t: symbols predicted that
 * day): long when predicted up, short when predicted down, in cash when neutral. A prediction is a forecast over
 * the target's horizon H, so it is held for H days the honest way, as overlapping tranches: the book on day d
 * is the average of the last H days' signal portfolios, each tranche worth 1/H of capital (days without
 * signals contribute empty tranches, so the book ramps up over the first H days). The book set at the close of
 * day d earns the symbols' realised one-bar returns (close d to the next close, from ohlcv); turnover is the
 * sum of |weight changes| at that rebalance (the first day's build-up included, the final unwind not), and
 * costs are turnover × cost_bps / 10,000.
 */
public final class LongShortStrategy {
    private static final double BASIS_POINTS = 10_000.0;

    private LongShortStrategy() {
    }

    /**
     * The strategy in words, the {@code strategy_definition} a phase summary states: STAT_TESTS and STRESS_TESTS
     * both score this book, so the same arguments give the same text (the briefing compares the two verbatim).
     */
    public static String definition(int horizon, double costBps, int annualizationDays) {
        return String.format(java.util.Locale.ROOT, "LongShortStrategy: each session equal weight 1/N over the N symbols "
                        + "with a prediction, long predicted-up, short predicted-down, flat neutral; held %d sessions (the "
                        + "target horizon) as overlapping 1/%d tranches from a flat start; close to next close; costs %.1f bp "
                        + "per unit of turnover; daily net returns; Sharpe = mean / sample std x sqrt(%d) of the daily net "
                        + "returns, not in excess of a risk-free rate (io.sensequant.stats.SharpeRatio); max drawdown a "
                        + "fraction <= 0", horizon, horizon, costBps, annualizationDays);
    }

    /** Per day: the return before and after costs, turnover, cost, and whether any position was open. */
    public record Days(double[] gross, double[] net, double[] turnover, double[] cost, boolean[] invested) {
    }

    /**
     * @param signals   [day][symbol]: +1 long (up), −1 short (down), 0 flat (neutral) or no prediction
     * @param predicted [day][symbol]: whether the symbol has a prediction that day (counts towards N_t)
     * @param returns   [day][symbol]: the return from day's close to the next bar's close; NaN = none (held flat)
     */
    public static Days run(int[][] signals, boolean[][] predicted, double[][] returns, int horizon, double costBps) {
        int days = signals.length;
        int symbols = days == 0 ? 0 : signals[0].length;
        double[][] tranches = new double[days][symbols];
        for (int d = 0; d < days; d++) {
            int n = 0;
            for (int s = 0; s < symbols; s++) {
                n += predicted[d][s] ? 1 : 0;
            }
            for (int s = 0; s < symbols; s++) {
                tranches[d][s] = n == 0 ? 0 : (double) signals[d][s] / n;
            }
        }
        double[] gross = new double[days];
        double[] net = new double[days];
        double[] turnover = new double[days];
        double[] cost = new double[days];
        boolean[] invested = new boolean[days];
        double[] previous = new double[symbols];
        for (int d = 0; d < days; d++) {
            double[] book = new double[symbols];
            for (int k = 0; k < horizon && d - k >= 0; k++) {
                for (int s = 0; s < symbols; s++) {
                    book[s] += tranches[d - k][s] / horizon;
                }
            }
            double traded = 0;
            double earned = 0;
            for (int s = 0; s < symbols; s++) {
                traded += Math.abs(book[s] - previous[s]);
                double r = returns[d][s];
                earned += Double.isNaN(r) ? 0 : book[s] * r;
                invested[d] |= book[s] != 0;
            }
            gross[d] = earned;
            turnover[d] = traded;
            cost[d] = traded * costBps / BASIS_POINTS;
            net[d] = earned - cost[d];
            previous = book;
        }
        return new Days(gross, net, turnover, cost, invested);
    }

    /**
     * Equal-weighted buy-and-hold of the symbols: 1/M of capital in each on the first day, never rebalanced (each
     * holding drifts with its own returns); a symbol without a return on a day earns 0 that day.
     */
    public static double[] buyAndHold(double[][] returns) {
        int days = returns.length;
        double[] out = new double[days];
        if (days == 0) {
            return out;
        }
        double[] holding = new double[returns[0].length];
        java.util.Arrays.fill(holding, 1.0 / Math.max(1, holding.length));
        for (int d = 0; d < days; d++) {
            double before = 0;
            double after = 0;
            for (int s = 0; s < holding.length; s++) {
                double r = Double.isNaN(returns[d][s]) ? 0 : returns[d][s];
                before += holding[s];
                holding[s] *= 1 + r;
                after += holding[s];
            }
            out[d] = before > 0 ? after / before - 1 : 0;
        }
        return out;
    }
}
