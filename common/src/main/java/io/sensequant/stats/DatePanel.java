package io.sensequant.stats;

/**
 * A classifier's out-of-sample rows as plain arrays, one entry per (symbol, date) row: the date's index (0 the
 * first test date, in time order), the true class, the predicted class, the persistence baseline's class
 * ({@link #NONE} where it has none), the model's score (NaN = none; higher = leans up) and the realised forward
 * return (NaN = none).
 */
public record DatePanel(int[] date, int[] label, int[] prediction, int[] persistence, double[] score,
                        double[] forwardReturn, int classes) {
    public static final int NONE = -1;

    public DatePanel {
        int n = date.length;
        if (label.length != n || prediction.length != n || persistence.length != n || score.length != n
                || forwardReturn.length != n) {
            throw new IllegalArgumentException("panel arrays differ in length");
        }
    }

    public int rows() {
        return date.length;
    }

    /** Number of date indices (largest index + 1). */
    public int dates() {
        int max = -1;
        for (int d : date) {
            max = Math.max(max, d);
        }
        return max + 1;
    }

    /** The most frequent class among all the rows' labels (lowest class on a tie). */
    public int majorityClass() {
        long[] support = new long[classes];
        for (int l : label) {
            support[l]++;
        }
        int majority = 0;
        for (int c = 1; c < classes; c++) {
            if (support[c] > support[majority]) {
                majority = c;
            }
        }
        return majority;
    }
}
