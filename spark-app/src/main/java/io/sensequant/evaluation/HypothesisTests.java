package io.sensequant.evaluation;

import org.apache.commons.math3.special.Beta;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-sided tests that the student is right more often than a baseline. Both report a z statistic for reading
 * and an exact binomial p-value for deciding.
 */
public final class HypothesisTests {
    private HypothesisTests() {
    }

    /** A test's outcome; {@code delta} is the student's accuracy minus the baseline's. */
    public record Result(String test, double statistic, double pValue, double delta, boolean significant,
                         Map<String, Object> details) {
        /** test, statistic, p_value, delta, significant: what the phase summary carries. */
        public Map<String, Object> core() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("test", test);
            map.put("statistic", statistic);
            map.put("p_value", pValue);
            map.put("delta", delta);
            map.put("significant", significant);
            return map;
        }

        /** {@link #core()} with the counts behind it, for the report and {@code metrics}. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = core();
            map.putAll(details);
            return map;
        }
    }

    /**
     * Exact one-sided binomial test of {@code correct} right calls out of {@code n} against a baseline that is
     * right with probability {@code share}: p = P(X ≥ correct) for X ~ Binomial(n, share). Statistic: the normal
     * approximation's z = (correct − n·share) / √(n·share·(1 − share)).
     */
    public static Result binomial(long correct, long n, double share, double alpha) {
        if (n == 0) {
            return new Result("binomial_exact_one_sided", Double.NaN, Double.NaN, Double.NaN, false,
                    new LinkedHashMap<>(Map.of("n", 0L)));
        }
        double p = upperTail((int) n, share, (int) correct);
        double z = share > 0 && share < 1 ? (correct - n * share) / Math.sqrt(n * share * (1 - share)) : Double.NaN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("n", n);
        details.put("correct", correct);
        details.put("baseline_share", share);
        return new Result("binomial_exact_one_sided", z, p, (double) correct / n - share, p < alpha, details);
    }

    /**
     * Exact one-sided McNemar test on paired correctness over {@code n} rows: {@code b} rows only the student got
     * right, {@code c} rows only the baseline did. Under the null each discordant row is the student's with
     * probability ½: p = P(X ≥ b) for X ~ Binomial(b + c, ½). Statistic: z = (b − c) / √(b + c), whose square is
     * McNemar's chi-square.
     */
    public static Result mcnemar(long b, long c, long n, double alpha) {
        long discordant = b + c;
        double p = discordant == 0 ? 1.0 : upperTail((int) discordant, 0.5, (int) b);
        double z = discordant == 0 ? 0.0 : (b - c) / Math.sqrt(discordant);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("n", n);
        details.put("student_only_correct", b);
        details.put("baseline_only_correct", c);
        return new Result("mcnemar_exact_one_sided", z, p, n == 0 ? Double.NaN : (double) (b - c) / n, p < alpha, details);
    }

    /** P(X ≥ k), X ~ Binomial(n, p), as the regularized incomplete beta I_p(k, n − k + 1): exact in the far tail too. */
    static double upperTail(int n, double p, int k) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n) {
            return 0.0;
        }
        return Beta.regularizedBeta(p, k, n - k + 1.0);
    }
}
