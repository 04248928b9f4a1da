package io.sensequant.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StationaryBootstrapTest {
    @Test
    void blocksAreContiguousWithGeometricLengthOfTheConfiguredMean() {
        SplittableRandom random = new SplittableRandom(1);
        int[] sample = new int[200_000];
        StationaryBootstrap.resample(50, 8, random, sample);
        int restarts = 0;
        for (int i = 1; i < sample.length; i++) {
            restarts += sample[i] == (sample[i - 1] + 1) % 50 ? 0 : 1;
        }
        // a new block starts with probability 1/8 (a restart may land on the next index by chance: 1/50 of them)
        double meanBlock = (double) sample.length / (restarts / (1 - 1.0 / 50));
        assertEquals(8.0, meanBlock, 0.2);
        int[] whole = new int[20];
        StationaryBootstrap.resample(20, 1e12, random, whole);
        for (int i = 1; i < whole.length; i++) {
            assertEquals((whole[i - 1] + 1) % 20, whole[i], "an endless block wraps round the series");
        }
    }

    @Test
    void intervalIsSeededAndWiderThanIidOnADependentSeries() {
        SplittableRandom random = new SplittableRandom(4);
        double[] ar = new double[300];
        for (int t = 1; t < ar.length; t++) {
            ar[t] = 0.8 * ar[t - 1] + random.nextGaussian();
        }
        StationaryBootstrap.Interval blocks = StationaryBootstrap.mean(ar, 1000, 0.95, 20, 9L);
        StationaryBootstrap.Interval iid = StationaryBootstrap.mean(ar, 1000, 0.95, 1, 9L);
        assertEquals(blocks, StationaryBootstrap.mean(ar, 1000, 0.95, 20, 9L));
        assertNotEquals(blocks, StationaryBootstrap.mean(ar, 1000, 0.95, 20, 10L));
        assertEquals(java.util.Arrays.stream(ar).average().orElseThrow(), blocks.estimate(), 1e-12);
        // AR(1) 0.8: the long-run variance is (1 + 0.8)/(1 - 0.8) = 9 times the i.i.d. one, so ~3 times as wide
        double ratio = (blocks.upper() - blocks.lower()) / (iid.upper() - iid.lower());
        assertTrue(ratio > 2 && ratio < 4, "width ratio " + ratio);
        StationaryBootstrap.Interval constant = StationaryBootstrap.mean(new double[]{3, 3, 3, 3}, 50, 0.95, 2, 1L);
        assertEquals(3.0, constant.lower(), 0);
        assertEquals(3.0, constant.upper(), 0);
        assertTrue(Double.isNaN(StationaryBootstrap.mean(new double[0], 50, 0.95, 2, 1L).estimate()));
    }
}
