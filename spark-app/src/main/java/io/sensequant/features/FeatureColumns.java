package io.sensequant.features;

import java.util.Locale;
import java.util.Set;

/** Names of the non-feature columns of the {@code features} table: keys, bookkeeping and labels. */
public final class FeatureColumns {
    public static final String DATE = "date";
    public static final String BAR_INDEX = "bar_index";
    public static final String WARMUP = "warmup";
    public static final String FORWARD_RETURN = "fwd_return";
    public static final String LABEL = "label";
    private static final Set<String> RESERVED = Set.of("symbol", "interval", "ts", "ts_part", DATE, BAR_INDEX, WARMUP);

    private FeatureColumns() {
    }

    /** Whether a feature may not take this name (keys, bookkeeping, and anything that looks like a label). */
    static boolean reserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith(LABEL) || lower.startsWith(FORWARD_RETURN);
    }

    /** Forward return over h bars: {@code fwd_return_7d}. */
    public static String forwardReturn(int horizon) {
        return FORWARD_RETURN + "_" + horizon + "d";
    }

    /** 3-class label (0 down, 1 neutral, 2 up): {@code label_3c_7d_200bp}. */
    public static String threeClass(int horizon, double threshold) {
        return LABEL + "_3c_" + horizon + "d_" + basisPoints(threshold) + "bp";
    }

    /** Binary label (1: forward return above the threshold): {@code label_bin_7d_200bp}. */
    public static String binary(int horizon, double threshold) {
        return LABEL + "_bin_" + horizon + "d_" + basisPoints(threshold) + "bp";
    }

    private static long basisPoints(double threshold) {
        return Math.round(threshold * 10_000);
    }
}
