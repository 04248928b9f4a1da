package io.sensequant.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassificationMetricsTest {
    @Test
    void matchesAHandComputedCase() {
        // actual\predicted: class 0: 3 right, 1 as class 1; class 1: 2 right; class 2: 1 as class 0, never predicted
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0, 3);
        m.add(0, 1, 1);
        m.add(1, 1, 2);
        m.add(2, 0, 1);
        ClassificationMetrics metrics = ClassificationMetrics.of(m);
        assertEquals(7, metrics.samples());
        assertEquals(5.0 / 7, metrics.accuracy(), 1e-12);
        assertEquals(List.of(0.75, 2.0 / 3, 0.0), metrics.precision());
        assertEquals(List.of(0.75, 1.0, 0.0), metrics.recall());
        assertEquals(0.75, metrics.f1().get(0), 1e-12);
        assertEquals(0.8, metrics.f1().get(1), 1e-12);
        assertEquals((0.75 + 0.8 + 0) / 3, metrics.macroF1(), 1e-12);
        assertEquals(List.of(4L, 2L, 1L), metrics.support());
    }
}
