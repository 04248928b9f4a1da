package io.sensequant.features.expr;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.reverse;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

/**
 * Statistics of one rolling window given as an array column (the window's values, oldest first, exactly n of
 * them — callers guard on the size). Spark has no rolling median, rank, skew (unbiased), regression on the time
 * index or weighted mean, so these are written with the SQL higher-order functions over the array: they are
 * exact (no approximation) and cost O(n) per row.
 */
final class RollingArrays {
    private RollingArrays() {
    }

    static Column sum(Column arr) {
        return aggregate(arr, lit(0.0), (acc, x) -> acc.plus(x));
    }

    static Column mean(Column arr, int n) {
        return sum(arr).divide(n);
    }

    /** Sum of (x - mean)^k over the window. */
    static Column centralSum(Column arr, Column mean, int k) {
        return aggregate(arr, lit(0.0), (acc, x) -> acc.plus(pow(x.minus(mean), k)));
    }

    /** Pandas {@code quantile(q, interpolation='linear')}: linear between the order statistics around q(n-1). */
    static Column quantile(Column arr, int n, double q) {
        // sort_array sorts natively; array_sort would compare through an interpreted lambda, element by element
        Column sorted = sort_array(arr);
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        double frac = pos - lo;
        Column low = element_at(sorted, lo + 1);
        Column high = element_at(sorted, hi + 1);
        return low.plus(high.minus(low).multiply(frac));
    }

    /** Mean absolute deviation from the window's own mean (Qlib Mad: mean(|x - mean(x)|)). */
    static Column meanAbsDeviation(Column arr, int n) {
        Column m = mean(arr, n);
        return aggregate(arr, lit(0.0), (acc, x) -> acc.plus(abs(x.minus(m)))).divide(n);
    }

    /**
     * Pandas rolling skew: the adjusted Fisher-Pearson coefficient G1 = sqrt(n(n-1))/(n-2) * m3 / m2^1.5 with
     * m_k the biased central moments. Null when the window is constant (m2 = 0).
     */
    static Column skew(Column arr, int n) {
        Column m = mean(arr, n);
        Column m2 = centralSum(arr, m, 2).divide(n);
        Column m3 = centralSum(arr, m, 3).divide(n);
        double factor = Math.sqrt((double) n * (n - 1)) / (n - 2);
        return when(m2.gt(0), m3.divide(pow(m2, 1.5)).multiply(factor));
    }

    /**
     * Pandas rolling kurt: unbiased excess kurtosis
     * G2 = n(n+1)(n-1)/((n-2)(n-3)) * S4/S2^2 - 3(n-1)^2/((n-2)(n-3)), with S_k = sum (x - mean)^k.
     * Null when the window is constant.
     */
    static Column kurt(Column arr, int n) {
        Column m = mean(arr, n);
        Column s2 = centralSum(arr, m, 2);
        Column s4 = centralSum(arr, m, 4);
        double d = (double) (n - 2) * (n - 3);
        double a = (double) n * (n + 1) * (n - 1) / d;
        double b = 3.0 * (n - 1) * (n - 1) / d;
        return when(s2.gt(0), s4.divide(s2.multiply(s2)).multiply(a).minus(b));
    }

    /**
     * Percentile rank of the newest value within the window, average method, as pandas rank(pct=True) and
     * scipy percentileofscore(kind='rank'): (count(x < cur) + count(x <= cur) + 1) / (2n).
     */
    static Column rankOfLast(Column arr, int n) {
        // Positions in the sorted window replace a per-element comparison loop: native array functions are
        // several times faster than SQL lambdas, which Spark interprets row by row.
        Column cur = element_at(arr, -1);
        Column sorted = sort_array(arr);
        Column less = array_position(sorted, cur).minus(1);
        Column lessEq = lit(n).minus(array_position(reverse(sorted), cur)).plus(1);
        return less.plus(lessEq).plus(1.0).divide(2.0 * n);
    }

    /** Linear weights 1..n, the newest (last) element heaviest, normalised to sum 1 (Qlib WMA). */
    static Column weightedMean(Column arr, int n) {
        Column weighted = transform(arr, (x, i) -> x.multiply(i.plus(1)));
        return sum(weighted).divide(n * (n + 1) / 2.0);
    }


}
