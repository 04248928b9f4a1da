package io.sensequant.evaluation;

import java.util.List;

/**
 * The stress baselines over the same sessions as the strategy: buy-and-hold of the universe (equal weight,
 * rebalanced daily: the mean next-session return of the symbols), 60/40 (equity_weight in that universe, the rest
 * earning the risk-free rate, rebalanced daily) and cash (the risk-free rate), each compounded over the sessions.
 */
public final class Baselines {
    private Baselines() {
    }

    public record Result(double buyAndHold, double sixtyForty, double cash) {
    }

    public static List<Double> sixtyFortyDaily(List<Double> universe, double equityWeight, double dailyRiskFree) {
        return universe.stream().map(r -> equityWeight * r + (1 - equityWeight) * dailyRiskFree).toList();
    }

    public static Result of(List<Double> universe, double equityWeight, double dailyRiskFree) {
        return new Result(PerformanceStats.totalReturn(universe),
                PerformanceStats.totalReturn(sixtyFortyDaily(universe, equityWeight, dailyRiskFree)),
                Math.pow(1 + dailyRiskFree, universe.size()) - 1);
    }
}
