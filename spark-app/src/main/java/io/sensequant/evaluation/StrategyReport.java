package io.sensequant.evaluation;

import io.sensequant.stats.DeflatedSharpe;
import io.sensequant.stats.StationaryBootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The strategy's daily returns summarised: its own performance, the equal-weighted buy-and-hold benchmark's,
 * and its relation to the index proxy (on the days the index has a return; alpha with a Newey–West standard
 * error of lag {@code hacLag} days, since the H-day overlapping tranches make daily returns autocorrelated).
 */
public record StrategyReport(LongShortStrategy.Days days, double[] buyAndHold, double[] index, int periodsPerYear,
                             int hacLag) {

    public Map<String, Object> strategy() {
        Map<String, Object> map = new LinkedHashMap<>();
        double[] net = days.net();
        map.put("sharpe", ReturnStats.sharpe(net, periodsPerYear));
        map.put("sortino", ReturnStats.sortino(net, periodsPerYear));
        map.put("max_drawdown", ReturnStats.maxDrawdown(net));
        map.put("hit_rate", ReturnStats.hitRate(net, days.invested()));
        map.put("turnover", ReturnStats.mean(days.turnover()));
        map.put("annual_return", ReturnStats.annualReturn(net, periodsPerYear));
        map.put("days", net.length);
        return map;
    }

    public Map<String, Object> buyAndHoldSummary() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sharpe", ReturnStats.sharpe(buyAndHold, periodsPerYear));
        map.put("annual_return", ReturnStats.annualReturn(buyAndHold, periodsPerYear));
        map.put("max_drawdown", ReturnStats.maxDrawdown(buyAndHold));
        return map;
    }

    /** Strategy against the index over the days where both have a return. */
    public RelativeStats relative() {
        int n = 0;
        for (double x : index) {
            n += Double.isNaN(x) ? 0 : 1;
        }
        double[] s = new double[n];
        double[] i = new double[n];
        int k = 0;
        for (int d = 0; d < index.length; d++) {
            if (!Double.isNaN(index[d])) {
                s[k] = days.net()[d];
                i[k++] = index[d];
            }
        }
        return RelativeStats.of(s, i, periodsPerYear, hacLag);
    }

    /**
     * The annualised Sharpe ratio with its stationary-bootstrap percentile interval over days (blocks of mean
     * length {@code meanBlock} days keep the tranches' autocorrelation; unit of observation: the day).
     */
    public StationaryBootstrap.Interval sharpe(int iterations, double confidence, double meanBlock, long seed) {
        double[] net = days.net();
        return StationaryBootstrap.interval(net.length, sample -> {
            double[] resampled = new double[sample.length];
            for (int j = 0; j < sample.length; j++) {
                resampled[j] = net[sample[j]];
            }
            return ReturnStats.sharpe(resampled, periodsPerYear);
        }, iterations, confidence, meanBlock, seed);
    }

    /** The deflated Sharpe ratio of the net daily returns after {@code trials} tried configurations. */
    public DeflatedSharpe.Result deflatedSharpe(int trials) {
        return DeflatedSharpe.of(days.net(), trials);
    }
}
