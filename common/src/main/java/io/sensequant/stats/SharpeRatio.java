package io.sensequant.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Sharpe ratio of a series of periodic (daily) simple returns, the one definition every stage uses, with its
 * standard error and confidence interval.
 *
 * <p>Estimate: x_t = r_t − rf (rf the stated per-period risk-free rate, 0 for a self-financing long/short book);
 * SR = mean(x) / sd(x), sd with n − 1 in the denominator; annualised as SR · √periodsPerYear (the i.i.d. scaling,
 * stated rather than corrected: with daily data Lo's η(q) aggregation factor would need 251 autocorrelations).
 * Undefined (NaN) below two returns or without dispersion.
 *
 * <p>Standard error: Lo (2002), "The Statistics of Sharpe Ratios", the GMM case for non-i.i.d. returns. With
 * θ = (μ, σ²) and moment series ψ_t = (x_t − μ, (x_t − μ)² − σ²), the long-run covariance Σ of ψ is estimated by
 * Newey–West (Bartlett weights 1 − j / (q + 1), j = 1..q lags), and by the delta method
 * Var(SR) = ∇g' Σ ∇g / n with ∇g = (1 / σ, −μ / (2σ³)). With q = 0 and normal i.i.d. returns this is Lo's
 * (1 + SR² / 2) / n. The unit of observation is the period (the day); q should cover the autocorrelation a
 * holding period of h days induces (q ≥ h − 1). The interval is SR ± t_{(1+c)/2} · SE, the quantile of Student t
 * with n − 1 degrees of freedom, slightly wider than the normal limit of the GMM estimator in short
 * samples; no multiplicity correction is applied here. Newey–West under-covers in short samples (SharpeRatioTest
 * measures it).
 */
public final class SharpeRatio {
    /** How the interval is computed, as reported next to it. */
    public static final String METHOD = "Lo (2002) GMM delta method, Newey-West (Bartlett) long-run covariance, Student t (n-1) interval";

    private SharpeRatio() {
    }

    /** An annualised Sharpe ratio with its standard error and a two-sided interval at {@code confidence}. */
    public record Estimate(int n, double sharpe, double standardError, double lower, double upper, double confidence,
                           int lags, double riskFreePerPeriod, int periodsPerYear) {

        /** The interval as reported in summaries (lower/upper/confidence/method, plus what it rests on). */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lower", finite(lower));
            m.put("upper", finite(upper));
            m.put("confidence", confidence);
            m.put("method", METHOD);
            m.put("lags", lags);
            m.put("standard_error", finite(standardError));
            m.put("n", n);
            m.put("unit", "day (one daily return per observation)");
            m.put("annualisation", "sqrt(" + periodsPerYear + ")");
            m.put("risk_free_per_period", riskFreePerPeriod);
            return m;
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    /** The annualised Sharpe ratio of {@code returns} in excess of {@code riskFreePerPeriod}; NaN when undefined. */
    public static double annualised(double[] returns, double riskFreePerPeriod, int periodsPerYear) {
        double[] x = excess(returns, riskFreePerPeriod);
        double sd = sd(x, mean(x));
        return x.length >= 2 && sd > 0 ? mean(x) / sd * Math.sqrt(periodsPerYear) : Double.NaN;
    }

    /**
     * The annualised Sharpe ratio, its Lo (2002) standard error with {@code lags} Newey–West lags, and the interval.
     * Every figure but n is NaN when the ratio is undefined.
     */
    public static Estimate estimate(double[] returns, double riskFreePerPeriod, int periodsPerYear, int lags,
                                    double confidence) {
        if (lags < 0) {
            throw new IllegalArgumentException("lags must be >= 0, got " + lags);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double sharpe = annualised(returns, riskFreePerPeriod, periodsPerYear);
        int n = returns.length;
        if (Double.isNaN(sharpe)) {
            return new Estimate(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence, lags, riskFreePerPeriod,
                    periodsPerYear);
        }
        double se = standardError(excess(returns, riskFreePerPeriod), lags) * Math.sqrt(periodsPerYear);
        // no random generator: only the quantile is needed
        double z = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + confidence) / 2);
        return new Estimate(n, sharpe, se, sharpe - z * se, sharpe + z * se, confidence, lags, riskFreePerPeriod,
                periodsPerYear);
    }

    /** Lo's GMM standard error of the per-period ratio mean(x) / sd(x). */
    static double standardError(double[] x, int lags) {
        int n = x.length;
        double mu = mean(x);
        double sigma = sd(x, mu);
        double variance = 0;
        for (double v : x) {
            variance += (v - mu) * (v - mu);
        }
        variance /= n;   // the moment condition's σ², so that ψ₂ averages to exactly 0
        double[] a = new double[n];
        double[] b = new double[n];
        for (int t = 0; t < n; t++) {
            a[t] = x[t] - mu;
            b[t] = a[t] * a[t] - variance;
        }
        double saa = autocovariance(a, a, 0);
        double sbb = autocovariance(b, b, 0);
        double sab = autocovariance(a, b, 0);
        int maxLag = Math.min(lags, n - 1);
        for (int j = 1; j <= maxLag; j++) {
            double w = 1 - (double) j / (lags + 1);
            saa += 2 * w * autocovariance(a, a, j);
            sbb += 2 * w * autocovariance(b, b, j);
            sab += w * (autocovariance(a, b, j) + autocovariance(b, a, j));
        }
        double ga = 1 / sigma;
        double gb = -mu / (2 * sigma * sigma * sigma);
        double v = ga * ga * saa + 2 * ga * gb * sab + gb * gb * sbb;
        return Math.sqrt(Math.max(v, 0) / n);
    }

    /** (1/n) Σ_t u_t · v_{t−j}. */
    private static double autocovariance(double[] u, double[] v, int j) {
        double s = 0;
        for (int t = j; t < u.length; t++) {
            s += u[t] * v[t - j];
        }
        return s / u.length;
    }

    private static double[] excess(double[] returns, double riskFreePerPeriod) {
        double[] x = new double[returns.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = returns[i] - riskFreePerPeriod;
        }
        return x;
    }

    private static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : StatUtils.mean(x);
    }

    /** Sample standard deviation (n − 1); NaN below two values. */
    private static double sd(double[] x, double mean) {
        return x.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(x, mean));
    }
}
