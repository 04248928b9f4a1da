package io.sensequant.features;

import io.sensequant.identity.Seeds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Which symbols and which cut-off bars the point-in-time check uses: seeded draws without replacement, so a
 * re-run checks the same bars, and adding a symbol to the run never moves the cut-offs of another seed name.
 */
public final class PointInTimeSample {
    static final String SYMBOLS_SEED = "features/point_in_time/symbols";
    static final String CUTOFFS_SEED = "features/point_in_time/cutoffs";

    private PointInTimeSample() {
    }

    /** Up to {@code count} of {@code symbols}, drawn from the base seed, in sorted order. */
    public static List<String> symbols(List<String> symbols, int count, long baseSeed) {
        List<String> pool = new ArrayList<>(symbols.stream().distinct().sorted().toList());
        Collections.shuffle(pool, new Random(Seeds.derive(baseSeed, SYMBOLS_SEED)));
        return pool.subList(0, Math.min(count, pool.size())).stream().sorted().toList();
    }

    /**
     * Up to {@code count} distinct cut-off positions (0-based) in a series of {@code bars} bars, ascending. A
     * cut-off is never the last bar (truncating there removes nothing) and lies after the warm-up when the series
     * has bars there, because a leak cannot show in a feature that is still null on both sides.
     */
    public static List<Integer> cutoffs(int bars, int warmupBars, int count, long baseSeed) {
        int last = bars - 2;
        if (last < 0) {
            return List.of();
        }
        int first = warmupBars <= last ? warmupBars : 0;
        List<Integer> pool = new ArrayList<>(IntStream.rangeClosed(first, last).boxed().toList());
        Collections.shuffle(pool, new Random(Seeds.derive(baseSeed, CUTOFFS_SEED)));
        return pool.subList(0, Math.min(count, pool.size())).stream().sorted().toList();
    }
}
