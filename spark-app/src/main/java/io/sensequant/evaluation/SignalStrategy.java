package io.sensequant.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replayed class predictions as the strategy of the statistical tests: {@link #book} lays the signals and the
 * symbols' next-session returns on a days × symbols grid and runs {@link LongShortStrategy} on it (long predicted-up
 * (class 2), short predicted-down (class 0), flat neutral, equal weight among the day's predicted symbols, held for
 * the target horizon as overlapping tranches, costs per unit of turnover), so a stress period's book is the same
 * strategy as STAT_TESTS'. {@link #scores}: directional precision = right up/down calls / all up/down calls,
 * directional recall = right up/down calls / rows whose true class is up or down, accuracy over all three classes,
 * and the no-skill precision the resilience gate compares with.
 */
public final class SignalStrategy {
    public static final int DOWN = 0;
    public static final int UP = 2;

    private SignalStrategy() {
    }

    /** One row's prediction (and its true class, null when unknown) at the close of {@code date}. */
    public record Signal(String symbol, LocalDate date, Integer label, int prediction) {
    }

    /** A symbol's return from the close of {@code date} to the next session's close. */
    public record Key(String symbol, LocalDate date) {
    }

    /**
     * The long/short book over {@code days} (in order; signals on other days are ignored). A symbol without a
     * next-session return on a day earns nothing that day (NaN on the grid), as in STAT_TESTS' grid.
     */
    public static LongShortStrategy.Days book(List<Signal> signals, List<LocalDate> days, Map<Key, Double> nextReturns,
                                              int horizon, double costBps) {
        return run(signals, days, nextReturns, horizon, costBps, false);
    }

    /**
     * The same book (same weights, turnover and costs) earning each symbol's return less that session's mean over
     * the book's symbols: its return beyond its net exposure to the equal-weight market, i.e. what it earns over a
     * book of the same net exposure that picks symbols at random. A book that is only net short in a falling market
     * earns nothing here but its costs.
     */
    public static LongShortStrategy.Days activeBook(List<Signal> signals, List<LocalDate> days, Map<Key, Double> nextReturns,
                                                    int horizon, double costBps) {
        return run(signals, days, nextReturns, horizon, costBps, true);
    }

    private static LongShortStrategy.Days run(List<Signal> signals, List<LocalDate> days, Map<Key, Double> nextReturns,
                                              int horizon, double costBps, boolean demeaned) {
        List<String> symbols = new TreeSet<>(signals.stream().map(Signal::symbol).toList()).stream().toList();
        Map<LocalDate, Integer> dayIndex = StrategyGrid.positions(days);
        Map<String, Integer> symbolIndex = StrategyGrid.positions(symbols);
        int[][] grid = new int[days.size()][symbols.size()];
        boolean[][] predicted = new boolean[days.size()][symbols.size()];
        for (Signal signal : signals) {
            Integer d = dayIndex.get(signal.date());
            if (d == null) {
                continue;
            }
            int s = symbolIndex.get(signal.symbol());
            predicted[d][s] = true;
            grid[d][s] = signal.prediction() == UP ? 1 : signal.prediction() == DOWN ? -1 : 0;
        }
        double[][] returns = new double[days.size()][symbols.size()];
        for (int d = 0; d < days.size(); d++) {
            double sum = 0;
            int n = 0;
            for (int s = 0; s < symbols.size(); s++) {
                Double r = nextReturns.get(new Key(symbols.get(s), days.get(d)));
                returns[d][s] = r == null ? Double.NaN : r;
                sum += r == null ? 0 : r;
                n += r == null ? 0 : 1;
            }
            if (demeaned && n > 0) {
                for (int s = 0; s < symbols.size(); s++) {
                    returns[d][s] -= sum / n;
                }
            }
        }
        return LongShortStrategy.run(grid, predicted, returns, horizon, costBps);
    }

    /**
     * accuracy, precision and recall (directional) against the true classes, and the no-skill precision
     * Σ_c share of the up/down calls that are c × share of the labelled rows whose class is c (c ∈ {up, down}):
     * the expected precision of calls of the same mix made independently of the labels. NaN where undefined.
     */
    public record Scores(long rows, double accuracy, double precision, double recall, double noSkillPrecision) {
    }

    public static Scores scores(List<Signal> signals) {
        long rows = 0, correct = 0, calls = 0, rightCalls = 0, moves = 0, caught = 0;
        long upCalls = 0, downCalls = 0, upRows = 0, downRows = 0;
        for (Signal s : signals) {
            if (s.label() == null) {
                continue;
            }
            rows++;
            boolean right = s.label() == s.prediction();
            correct += right ? 1 : 0;
            if (s.prediction() != 1) {
                calls++;
                rightCalls += right ? 1 : 0;
                upCalls += s.prediction() == UP ? 1 : 0;
                downCalls += s.prediction() == DOWN ? 1 : 0;
            }
            if (s.label() != 1) {
                moves++;
                caught += right ? 1 : 0;
            }
            upRows += s.label() == UP ? 1 : 0;
            downRows += s.label() == DOWN ? 1 : 0;
        }
        double noSkill = calls == 0 || rows == 0 ? Double.NaN
                : ratio(upCalls, calls) * ratio(upRows, rows) + ratio(downCalls, calls) * ratio(downRows, rows);
        return new Scores(rows, ratio(correct, rows), ratio(rightCalls, calls), ratio(caught, moves), noSkill);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
