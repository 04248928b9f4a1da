package io.sensequant.evaluation;

import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistics of a series of simple daily returns. The equity curve starts at 1 and compounds; the maximum
 * drawdown is the most negative equity / running peak − 1 (the starting 1 counts as a peak), a fraction ≤ 0.
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

    public static double sharpe(List<Double> returns, double dailyRiskFree, int periodsPerYear) {
        double[] excess = excess(returns, dailyRiskFree);
        if (excess.length < 2) {
            return Double.NaN;
        }
        double std = new StandardDeviation(true).evaluate(excess);
        return std == 0 ? Double.NaN : mean(excess) / std * Math.sqrt(periodsPerYear);
    }

    public static double sortino(List<Double> returns, double dailyRiskFree, int periodsPerYear) {
        double[] excess = excess(returns, dailyRiskFree);
        if (excess.length < 2) {
            return Double.NaN;
        }
        double squares = 0;
        for (double e : excess) {
            squares += Math.min(0, e) * Math.min(0, e);
        }
        double downside = Math.sqrt(squares / excess.length);
        return downside == 0 ? Double.NaN : mean(excess) / downside * Math.sqrt(periodsPerYear);
    }

    /** Sample standard deviation of the daily returns (ddof 1); NaN below two days. */
    public static double volatility(List<Double> returns) {
        return returns.size() < 2 ? Double.NaN
                : new StandardDeviation(true).evaluate(returns.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] excess(List<Double> returns, double dailyRiskFree) {
        return returns.stream().mapToDouble(r -> r - dailyRiskFree).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
