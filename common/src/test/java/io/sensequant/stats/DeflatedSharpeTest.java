package io.sensequant.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeflatedSharpeTest {
    @Test
    void expectedMaximumMatchesThePaperAndASimulation() {
        // Bailey & Lopez de Prado's approximation with V = 1, N = 10: 0.4228 * 1.2816 + 0.5772 * 1.7894
        assertEquals(0.42278 * 1.28155 + 0.57722 * 1.78934, DeflatedSharpe.expectedMaxSharpe(10, 1), 2e-4);
        // the exact expected maximum of 10 standard normals is 1.5388; the approximation is close to it
        SplittableRandom random = new SplittableRandom(2);
        double sum = 0;
        for (int k = 0; k < 20_000; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 10; i++) {
                max = Math.max(max, random.nextGaussian());
            }
            sum += max;
        }
        assertEquals(sum / 20_000, DeflatedSharpe.expectedMaxSharpe(10, 1), 0.05);
        assertEquals(0.0, DeflatedSharpe.expectedMaxSharpe(1, 1), 0);
        assertEquals(0.5 * DeflatedSharpe.expectedMaxSharpe(20, 1), DeflatedSharpe.expectedMaxSharpe(20, 0.25), 1e-12);
    }

    @Test
    void oneTrialIsTheProbabilisticSharpeRatioByHand() {
        SplittableRandom random = new SplittableRandom(5);
        double[] r = new double[500];
        for (int t = 0; t < r.length; t++) {
            r[t] = 0.001 + 0.01 * random.nextGaussian() + (t % 50 == 0 ? -0.04 : 0);   // some left skew
        }
        DescriptiveStatistics d = new DescriptiveStatistics(r);
        double sr = d.getMean() / d.getStandardDeviation();
        double z = sr * Math.sqrt(499) / Math.sqrt(1 - d.getSkewness() * sr + (d.getKurtosis() + 3 - 1) / 4 * sr * sr);
        DeflatedSharpe.Result one = DeflatedSharpe.of(r, 1);
        assertEquals(sr, one.sharpe(), 1e-12);
        assertEquals(new NormalDistribution().cumulativeProbability(z), one.probability(), 1e-12);
        assertEquals(1 - one.probability(), one.pValue(), 1e-12);
        assertTrue(one.skewness() < 0, "planted left skew: " + one);
        DeflatedSharpe.Result fifty = DeflatedSharpe.of(r, 50);
        assertEquals(DeflatedSharpe.expectedMaxSharpe(50, 1.0 / 499), fifty.expectedMaxSharpe(), 1e-15);
        assertTrue(fifty.probability() < one.probability(), "deflation by 50 trials: " + fifty);
        double[] flat = new double[10];
        Arrays.fill(flat, 0.01);
        assertTrue(Double.isNaN(DeflatedSharpe.of(flat, 3).pValue()), "no variation: undefined");
    }
}
