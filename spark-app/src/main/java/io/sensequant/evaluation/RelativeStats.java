package io.sensequant.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strategy's returns against an index's over the same periods: beta and alpha from the ordinary least-squares
 * line strategy = alpha + beta · index (alpha annualised by × periods), the information ratio (mean active
 * return / its standard deviation, annualised by √periods), the tracking error (the active return's standard
 * deviation × √periods) and the Pearson correlation.
 */
public record RelativeStats(double alpha, double beta, double informationRatio, double trackingError,
                            double correlation, int periods) {

    public static RelativeStats of(double[] strategy, double[] index, int periodsPerYear) {
        int n = strategy.length;
        if (n != index.length) {
            throw new IllegalArgumentException("strategy and index series differ in length: " + n + " vs " + index.length);
        }
        double ms = ReturnStats.mean(strategy);
        double mi = ReturnStats.mean(index);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        double[] active = new double[n];
        for (int t = 0; t < n; t++) {
            sxy += (index[t] - mi) * (strategy[t] - ms);
            sxx += (index[t] - mi) * (index[t] - mi);
            syy += (strategy[t] - ms) * (strategy[t] - ms);
            active[t] = strategy[t] - index[t];
        }
        double beta = n >= 2 && sxx > 0 ? sxy / sxx : Double.NaN;
        double alpha = Double.isNaN(beta) ? Double.NaN : (ms - beta * mi) * periodsPerYear;
        double activeSd = ReturnStats.std(active);
        double trackingError = activeSd * Math.sqrt(periodsPerYear);
        double informationRatio = activeSd > 0 ? ReturnStats.mean(active) / activeSd * Math.sqrt(periodsPerYear) : Double.NaN;
        double correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        return new RelativeStats(alpha, beta, informationRatio, trackingError, correlation, n);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("alpha", alpha);
        map.put("beta", beta);
        map.put("information_ratio", informationRatio);
        map.put("tracking_error", trackingError);
        map.put("correlation", correlation);
        return map;
    }
}
