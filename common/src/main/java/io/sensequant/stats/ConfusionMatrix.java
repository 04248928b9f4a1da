package io.sensequant.stats;

import java.io.Serializable;
import java.util.Arrays;

/** Counts of (actual, predicted) class pairs for {@code k} classes numbered 0..k-1. */
public final class ConfusionMatrix implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        this.counts = new long[classes][classes];
    }

    public void add(int actual, int predicted, long count) {
        counts[actual][predicted] += count;
    }

    public void add(int actual, int predicted) {
        add(actual, predicted, 1);
    }

    public int classes() {
        return counts.length;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    public long actualTotal(int actual) {
        return Arrays.stream(counts[actual]).sum();
    }

    public long predictedTotal(int predicted) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[predicted];
        }
        return sum;
    }

    public long correct() {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }
}
