package io.sensequant.evaluation;

import io.sensequant.stats.Correlations;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Qlib-style IC and Rank IC: per date, the Pearson (IC) and Spearman (Rank IC, average ranks for ties)
 * correlation across symbols between a score and the realised forward return; then the mean, the sample standard
 * deviation (ddof 1) and IR = mean / std of each daily series. A date with fewer than {@code minSymbols}
 * observations is skipped ({@code skippedDates}); so is a date where either side is constant, because the
 * correlation is undefined there ({@code undefinedDates}).
 */
public final class InformationCoefficient {
    private InformationCoefficient() {
    }

    /** One scored row: the model's score and the return that followed. */
    public record Observation(LocalDate date, double score, double forwardReturn) {
    }

    /** The IC and Rank IC of one date. */
    public record Daily(LocalDate date, int symbols, double ic, double rankIc) {
    }

    public record Result(double icMean, double icStd, double icir, double rankIcMean, double rankIcStd, double rankIcir,
                         List<Daily> daily, int skippedDates, int undefinedDates) {

        /** The summary's "ic" object (NaN, e.g. with fewer than two dates, is written as null). */
        public Map<String, Object> asSummary() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("mean", finite(icMean));
            map.put("std", finite(icStd));
            map.put("icir", finite(icir));
            map.put("rank_ic_mean", finite(rankIcMean));
            map.put("rank_ic_std", finite(rankIcStd));
            map.put("rank_icir", finite(rankIcir));
            map.put("dates", daily.size());
            map.put("skipped_dates", skippedDates);
            map.put("undefined_dates", undefinedDates);
            return map;
        }

        /** The metrics rows (scope student/test); undefined values are left out rather than written as NaN. */
        public Map<String, Double> asMetrics() {
            Map<String, Double> map = new LinkedHashMap<>();
            put(map, "ic_mean", icMean);
            put(map, "ic_std", icStd);
            put(map, "icir", icir);
            put(map, "rank_ic_mean", rankIcMean);
            put(map, "rank_ic_std", rankIcStd);
            put(map, "rank_icir", rankIcir);
            map.put("ic_dates", (double) daily.size());
            map.put("ic_skipped_dates", (double) skippedDates);
            return map;
        }

        private static void put(Map<String, Double> map, String key, double value) {
            if (Double.isFinite(value)) {
                map.put(key, value);
            }
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }

    public static Result of(List<Observation> observations, int minSymbols) {
        Map<LocalDate, List<Observation>> byDate = new TreeMap<>();
        observations.forEach(o -> byDate.computeIfAbsent(o.date(), d -> new ArrayList<>()).add(o));
        List<Daily> daily = new ArrayList<>();
        int skipped = 0;
        int undefined = 0;
        for (Map.Entry<LocalDate, List<Observation>> date : byDate.entrySet()) {
            List<Observation> rows = date.getValue();
            if (rows.size() < minSymbols) {
                skipped++;
                continue;
            }
            double[] scores = rows.stream().mapToDouble(Observation::score).toArray();
            double[] returns = rows.stream().mapToDouble(Observation::forwardReturn).toArray();
            if (constant(scores) || constant(returns)) {
                undefined++;
                continue;
            }
            daily.add(new Daily(date.getKey(), rows.size(), Correlations.pearson(scores, returns),
                    Correlations.spearman(scores, returns)));
        }
        double[] ics = daily.stream().mapToDouble(Daily::ic).toArray();
        double[] rankIcs = daily.stream().mapToDouble(Daily::rankIc).toArray();
        double icMean = mean(ics);
        double icStd = std(ics);
        double rankMean = mean(rankIcs);
        double rankStd = std(rankIcs);
        return new Result(icMean, icStd, icMean / icStd, rankMean, rankStd, rankMean / rankStd, List.copyOf(daily), skipped, undefined);
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double std(double[] values) {
        return values.length < 2 ? Double.NaN : new StandardDeviation(true).evaluate(values);
    }
}
