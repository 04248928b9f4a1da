package io.sensequant.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The strategy's daily returns summarised: its own performance, the equal-weighted buy-and-hold benchmark's,
 * and its relation to the index proxy (on the days the index has a return).
 */
public record StrategyReport(LongShortStrategy.Days days, double[] buyAndHold, double[] index, int periodsPerYear) {

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
        return RelativeStats.of(s, i, periodsPerYear);
    }

    public Bootstrap.Interval sharpe(int iterations, double confidence, long seed) {
        double[] net = days.net();
        return Bootstrap.percentile(net.length, sample -> {
            double[] resampled = new double[sample.length];
            for (int j = 0; j < sample.length; j++) {
                resampled[j] = net[sample[j]];
            }
            return ReturnStats.sharpe(resampled, periodsPerYear);
        }, iterations, confidence, seed);
    }
}
