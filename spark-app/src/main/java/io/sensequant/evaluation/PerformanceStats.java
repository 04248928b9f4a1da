package io.sensequant.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stress tests' series helpers over lists of simple daily returns: the equity curve (starts at 1, compounds),
 * the drawdown curve ({@link ReturnStats#drawdowns}, ≤ 0), the compounded total return, the daily volatility and
 * the per-day equivalent of an annual rate. The ratios (Sharpe, Sortino) and the maximum drawdown are
 * {@link ReturnStats}'s, one implementation for every stage.
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

    /** {@link ReturnStats#drawdowns}: equity / running peak − 1 after each day (≤ 0). */
    public static List<Double> drawdownCurve(List<Double> returns) {
        return Arrays.stream(ReturnStats.drawdowns(array(returns))).boxed().toList();
    }

    /** {@link ReturnStats#maxDrawdown} (≤ 0). */
    public static double maxDrawdown(List<Double> returns) {
        return ReturnStats.maxDrawdown(array(returns));
    }

    /** Compounded return over the whole series. */
    public static double totalReturn(List<Double> returns) {
        List<Double> curve = equityCurve(returns);
        return curve.isEmpty() ? 0.0 : curve.get(curve.size() - 1) - 1;
    }

    /** Sample standard deviation of the daily returns (ddof 1); NaN below two days. */
    public static double volatility(List<Double> returns) {
        return ReturnStats.std(array(returns));
    }

    static double[] array(List<Double> returns) {
        return returns.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
