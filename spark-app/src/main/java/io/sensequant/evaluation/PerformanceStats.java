package io.sensequant.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistics of a series of simple daily returns, for the stress tests: the curves, and the ratios over excess
 * returns (computed by {@link ReturnStats}, one implementation for every stage). The equity curve starts at 1 and
 * compounds; the maximum drawdown is the most negative equity / running peak − 1 (the starting 1 counts as a peak), a fraction ≤ 0.
 * Sharpe = mean(r − rf) / std(r − rf) · √periodsPerYear with the sample standard deviation (ddof 1); Sortino =
 * mean(r − rf) / downside deviation · √periodsPerYear, the downside deviation being √(mean(min(0, r − rf)²)) over
 * all days (target rf). rf is the per-day rate (1 + annual)^(1 / periodsPerYear) − 1. Undefined ratios (fewer than
 * two days, zero dispersion) are NaN.
 */
public final class PerformanceStats {
    private PerformanceStats() {
    }

    /** The per-day rate equivalent to an annual rate compounded over {@code periodsPerYear} days. */
    public static double dailyRate(double annualRate, int periodsPerYear) {
        return Math.pow(1 + annualRate, 1.0 / periodsPerYear) - 1;
    }

    public static List<Double> equityCurve(List<Double> returns) {
        List<Double> curve = new ArrayList<>();
        double equity = 1;
        for (double r : returns) {
            equity *= 1 + r;
            curve.add(equity);
        }
        return curve;
    }

    /** Equity / running peak − 1 after each day (≤ 0). */
    public static List<Double> drawdownCurve(List<Double> returns) {
        List<Double> drawdowns = new ArrayList<>();
        double peak = 1;
        for (double equity : equityCurve(returns)) {
            peak = Math.max(peak, equity);
            drawdowns.add(equity / peak - 1);
        }
        return drawdowns;
    }

    public static double maxDrawdown(List<Double> returns) {
        return drawdownCurve(returns).stream().mapToDouble(Double::doubleValue).min().orElse(0.0);
    }

    /** Compounded return over the whole series. */
    public static double totalReturn(List<Double> returns) {
        List<Double> curve = equityCurve(returns);
        return curve.isEmpty() ? 0.0 : curve.get(curve.size() - 1) - 1;
    }

    /** {@link ReturnStats#sharpe} of the returns in excess of the daily risk-free rate. */
    public static double sharpe(List<Double> returns, double dailyRiskFree, int periodsPerYear) {
        return ReturnStats.sharpe(excess(returns, dailyRiskFree), periodsPerYear);
    }

    /** {@link ReturnStats#sortino} of the excess returns; NaN below two days, like the Sharpe ratio. */
    public static double sortino(List<Double> returns, double dailyRiskFree, int periodsPerYear) {
        return returns.size() < 2 ? Double.NaN : ReturnStats.sortino(excess(returns, dailyRiskFree), periodsPerYear);
    }

    /** Sample standard deviation of the daily returns (ddof 1); NaN below two days. */
    public static double volatility(List<Double> returns) {
        return ReturnStats.std(returns.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] excess(List<Double> returns, double dailyRiskFree) {
        return returns.stream().mapToDouble(r -> r - dailyRiskFree).toArray();
    }

}
