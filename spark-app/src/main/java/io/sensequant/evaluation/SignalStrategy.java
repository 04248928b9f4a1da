package io.sensequant.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A long/short/flat strategy from daily class predictions. At the close of session t it is long, with equal weight,
 * every symbol predicted up (class 2) and short every symbol predicted down (class 0); neutral (1) is flat. Its
 * return for t is the mean of side × the symbol's close-to-close return from t to the next session (gross exposure
 * 1, no leverage, no costs); a session with no position returns 0. Sessions without a next-session return (the
 * data's last) are left out. Directional precision = right up/down calls / all up/down calls; directional recall =
 * right up/down calls / rows whose true class is up or down; accuracy over all three classes.
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

    /** date → strategy return, in date order, over the signal dates that have next-session returns. */
    public static Map<LocalDate, Double> dailyReturns(List<Signal> signals, Map<Key, Double> nextReturns) {
        Map<LocalDate, List<Double>> legs = new TreeMap<>();
        for (Signal s : signals) {
            Double r = nextReturns.get(new Key(s.symbol(), s.date()));
            if (r == null) {
                continue;
            }
            List<Double> day = legs.computeIfAbsent(s.date(), d -> new ArrayList<>());
            if (s.prediction() == UP) {
                day.add(r);
            } else if (s.prediction() == DOWN) {
                day.add(-r);
            }
        }
        Map<LocalDate, Double> returns = new TreeMap<>();
        legs.forEach((date, day) -> returns.put(date, day.isEmpty() ? 0.0
                : day.stream().mapToDouble(Double::doubleValue).average().orElse(0.0)));
        return returns;
    }

    /** accuracy, precision and recall (directional) against the true classes; NaN where undefined. */
    public record Scores(long rows, double accuracy, double precision, double recall) {
    }

    public static Scores scores(List<Signal> signals) {
        long rows = 0, correct = 0, calls = 0, rightCalls = 0, moves = 0, caught = 0;
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
            }
            if (s.label() != 1) {
                moves++;
                caught += right ? 1 : 0;
            }
        }
        return new Scores(rows, ratio(correct, rows), ratio(rightCalls, calls), ratio(caught, moves));
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
