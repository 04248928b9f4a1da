package io.sensequant.evaluation;

import io.sensequant.stats.Correlations;
import io.sensequant.stats.NeweyWest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strategy's returns against an index's over the same periods: beta and alpha from the ordinary least-squares
 * line strategy = alpha + beta · index (commons-math3 OLS; alpha annualised by × periods) with alpha's
 * Newey–West (HAC, Bartlett, {@code hacLag} periods) standard error, t and two-sided p (t distribution, n − 2
 * degrees of freedom; unit of observation: the period, no multiple-testing correction: one test), the
 * information ratio (mean active return / its standard deviation, annualised by √periods), the tracking error
 * (the active return's standard deviation × √periods) and the Pearson correlation.
 */
public record RelativeStats(double alpha, double beta, double informationRatio, double trackingError,
                            double correlation, int periods, NeweyWest.Test alphaTest, int periodsPerYear) {

    public static RelativeStats of(double[] strategy, double[] index, int periodsPerYear, int hacLag) {
        int n = strategy.length;
        if (n != index.length) {
            throw new IllegalArgumentException("strategy and index series differ in length: " + n + " vs " + index.length);
        }
        double[] active = new double[n];
        for (int t = 0; t < n; t++) {
            active[t] = strategy[t] - index[t];
        }
        NeweyWest.Test[] fit = NeweyWest.regression(strategy, index, hacLag);
        double beta = fit[1].estimate();
        double alpha = fit[0].estimate() * periodsPerYear;
        double activeSd = ReturnStats.std(active);
        double trackingError = activeSd * Math.sqrt(periodsPerYear);
        double informationRatio = activeSd > 0 ? ReturnStats.mean(active) / activeSd * Math.sqrt(periodsPerYear) : Double.NaN;
        return new RelativeStats(alpha, beta, informationRatio, trackingError, Correlations.pearson(strategy, index), n,
                fit[0], periodsPerYear);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("alpha", alpha);
        map.put("alpha_hac_standard_error", alphaTest.standardError() * periodsPerYear);
        map.put("alpha_t", alphaTest.t());
        map.put("alpha_p_value_two_sided", alphaTest.pTwoSided());
        map.put("alpha_hac_lag", alphaTest.lag());
        map.put("beta", beta);
        map.put("information_ratio", informationRatio);
        map.put("tracking_error", trackingError);
        map.put("correlation", correlation);
        return map;
    }
}
