package io.sensequant.features;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeded choice of symbols and cut-offs of the point-in-time check. */
class PointInTimeSampleTest {
    static final long SEED = 20240101L;

    @Test
    void cutoffsAreDistinctSortedAfterTheWarmupAndNeverTheLastBar() {
        List<Integer> cutoffs = PointInTimeSample.cutoffs(300, 100, 8, SEED);
        assertEquals(8, cutoffs.size());
        assertEquals(8, new HashSet<>(cutoffs).size());
        assertEquals(cutoffs.stream().sorted().toList(), cutoffs);
        assertTrue(cutoffs.stream().allMatch(c -> c >= 100 && c <= 298), cutoffs.toString());
        assertEquals(cutoffs, PointInTimeSample.cutoffs(300, 100, 8, SEED), "same seed, same cut-offs");
        assertNotEquals(cutoffs, PointInTimeSample.cutoffs(300, 100, 8, SEED + 1), "another base seed draws others");
    }

    @Test
    void shortSeriesUseWhatTheyHave() {
        // fewer eligible bars than cut-offs: every bar from the warm-up to the one before last
        assertEquals(List.of(100, 101, 102), PointInTimeSample.cutoffs(104, 100, 8, SEED));
        // nothing after the warm-up: cut anywhere but the last bar
        assertEquals(List.of(0, 1, 2, 3), PointInTimeSample.cutoffs(5, 100, 8, SEED));
        assertEquals(List.of(), PointInTimeSample.cutoffs(1, 100, 8, SEED));
    }

    @Test
    void symbolsAreASeededSampleIndependentOfInputOrder() {
        List<String> universe = List.of("TCS", "INFY", "RELIANCE", "HDFCBANK", "ITC", "SBIN");
        List<String> sample = PointInTimeSample.symbols(universe, 3, SEED);
        assertEquals(3, sample.size());
        assertTrue(universe.containsAll(sample));
        assertEquals(sample.stream().sorted().toList(), sample);
        assertEquals(sample, PointInTimeSample.symbols(List.of("SBIN", "ITC", "HDFCBANK", "RELIANCE", "INFY", "TCS"), 3, SEED));
        assertEquals(universe.stream().sorted().toList(), PointInTimeSample.symbols(universe, 10, SEED));
    }
}
