package io.sensequant.evaluation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The student's test-period signals and the symbols' realised one-bar returns on one grid: a row per test day
 * that has a next bar, a column per symbol. {@code realised[d]} is the date of the bar whose close ends day d's
 * holding period (the next session in ohlcv); a symbol without a bar on either date has a NaN return.
 * Predicted up (class 2) is +1, predicted down (class 0) is −1, neutral (class 1) is 0.
 */
public record StrategyGrid(LocalDate[] days, LocalDate[] realised, List<String> symbols, int[][] signals,
                           boolean[][] predicted, double[][] returns) {
    static final int DOWN = 0;
    static final int UP = 2;

    /**
     * @param rows     the student's test rows
     * @param closes   per symbol, close by date, from ohlcv (at least from the first test day onwards)
     */
    public static StrategyGrid of(StudentTestRows rows, Map<String, NavigableMap<LocalDate, Double>> closes) {
        List<String> symbols = new TreeSet<>(List.of(rows.symbols())).stream().toList();
        NavigableSet<LocalDate> sessions = new TreeSet<>();
        closes.values().forEach(series -> sessions.addAll(series.keySet()));
        List<LocalDate> days = new TreeSet<>(List.of(rows.dates())).stream()
                .filter(day -> sessions.higher(day) != null).toList();
        Map<LocalDate, Integer> dayIndex = positions(days);
        Map<String, Integer> symbolIndex = positions(symbols);
        int[][] signals = new int[days.size()][symbols.size()];
        boolean[][] predicted = new boolean[days.size()][symbols.size()];
        for (int i = 0; i < rows.size(); i++) {
            Integer d = dayIndex.get(rows.dates()[i]);
            if (d == null) {
                continue;
            }
            int s = symbolIndex.get(rows.symbols()[i]);
            predicted[d][s] = true;
            int p = rows.predictions()[i];
            signals[d][s] = p == UP ? 1 : p == DOWN ? -1 : 0;
        }
        LocalDate[] realised = new LocalDate[days.size()];
        double[][] returns = new double[days.size()][symbols.size()];
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            realised[d] = sessions.higher(day);
            for (int s = 0; s < symbols.size(); s++) {
                NavigableMap<LocalDate, Double> series = closes.get(symbols.get(s));
                Double from = series == null ? null : series.get(day);
                Double to = series == null ? null : series.get(realised[d]);
                returns[d][s] = from == null || to == null || from <= 0 ? Double.NaN : to / from - 1;
            }
        }
        return new StrategyGrid(days.toArray(LocalDate[]::new), realised, symbols, signals, predicted, returns);
    }

    /** Each item's position in {@code items}: the row or column of the grid it goes to. */
    static <T> Map<T, Integer> positions(List<T> items) {
        Map<T, Integer> positions = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            positions.put(items.get(i), i);
        }
        return positions;
    }
}
