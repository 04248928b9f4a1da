package io.sensequant.market;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic teacher windows: starting at the run's start date, every {@code stepDays} calendar days, each
 * {@code windowDays} long and clipped to the run's end date. The plan depends only on its arguments.
 */
public record WindowPlanner(int windowDays, int stepDays) implements Serializable {

    public List<TrainingWindow> plan(String symbol, LocalDate start, LocalDate end) {
        List<TrainingWindow> windows = new ArrayList<>();
        for (LocalDate windowStart = start; !windowStart.isAfter(end); windowStart = windowStart.plusDays(stepDays)) {
            LocalDate windowEnd = windowStart.plusDays(windowDays - 1L);
            windows.add(new TrainingWindow(symbol, windowStart, windowEnd.isAfter(end) ? end : windowEnd));
        }
        return windows;
    }
}
