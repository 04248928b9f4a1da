package io.sensequant.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deflated Sharpe ratio, Bailey &amp; López de Prado (2014), "The Deflated Sharpe Ratio: Correcting for Selection
 * Bias, Backtest Overfitting and Non-Normality". The observed per-period Sharpe ratio SR of T returns is compared
 * with SR0, the expected maximum Sharpe ratio of {@code trials} skill-less trials:
 * SR0 = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), γ the Euler–Mascheroni constant; and
 * DSR = Φ((SR − SR0) √(T − 1) / √(1 − skew·SR + (kurtosis − 1)/4 · SR²)), the probability that the true Sharpe
 * exceeds SR0 given the returns' skewness and (non-excess) kurtosis. V, the variance of the Sharpe estimates
 * across trials, is not observed here (only the chosen trial's returns are), so it is taken as the estimator's
 * variance under the null of no skill, 1 / (T − 1): every trial is assumed skill-less, as the correction intends.
 * With one trial SR0 = 0 and DSR is the probabilistic Sharpe ratio. p = 1 − DSR. The unit of observation is the
 * period (day) of the return series; its autocorrelation is not corrected for (the skew/kurtosis term only).
 */
public final class DeflatedSharpe {
    /** Euler–Mascheroni constant (a mathematical constant, not a knob). */
    static final double EULER_GAMMA = 0.5772156649015329;

    private DeflatedSharpe() {
    }

    public record Result(int periods, int trials, double sharpe, double expectedMaxSharpe, double skewness,
                         double kurtosis, double probability, double pValue) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("periods", periods);
            map.put("trials", trials);
            map.put("sharpe_per_period", sharpe);
            map.put("expected_max_sharpe_per_period", expectedMaxSharpe);
            map.put("skewness", skewness);
            map.put("kurtosis", kurtosis);
            map.put("deflated_sharpe", probability);
            map.put("p_value", pValue);
            return map;
        }
    }

    public static Result of(double[] returns, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("the number of trials must be at least 1, got " + trials);
        }
        int t = returns.length;
        double sd = t < 2 ? Double.NaN : new StandardDeviation(true).evaluate(returns);
        if (t < 4 || !(sd > 0)) {
            return new Result(t, trials, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sharpe = new Mean().evaluate(returns) / sd;
        double skew = new Skewness().evaluate(returns);
        double kurtosis = new Kurtosis().evaluate(returns) + 3;
        double sr0 = expectedMaxSharpe(trials, 1.0 / (t - 1));
        double denominator = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double z = (sharpe - sr0) * Math.sqrt(t - 1) / Math.sqrt(Math.max(denominator, Double.MIN_NORMAL));
        double probability = normal.cumulativeProbability(z);
        return new Result(t, trials, sharpe, sr0, skew, kurtosis, probability, normal.cumulativeProbability(-z));
    }

    /** Expected maximum of N skill-less Sharpe estimates with variance {@code variance}; 0 for one trial. */
    public static double expectedMaxSharpe(int trials, double variance) {
        if (trials == 1) {
            return 0;
        }
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        return Math.sqrt(variance) * ((1 - EULER_GAMMA) * normal.inverseCumulativeProbability(1 - 1.0 / trials)
                + EULER_GAMMA * normal.inverseCumulativeProbability(1 - 1.0 / (trials * Math.E)));
    }
}
