package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.market.StressPeriod;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a replayed stress period on the driver, without Spark: the long/short/flat strategy of the replayed
 * signals ({@link SignalStrategy}) against the baselines ({@link Baselines}) over the period's sessions that have a
 * next-session return, its statistics ({@link PerformanceStats}), the failure mode ({@link FailureMode}) and the
 * resilience score ({@link ResilienceScore}).
 */
public final class StressEvaluation {
    public static final String STRATEGY = "strategy";
    public static final String UNIVERSE = "buy_and_hold";
    public static final String SIXTY_FORTY = "sixty_forty";
    public static final String CASH = "cash";

    private StressEvaluation() {
    }

    /** The replay's inputs for one period. */
    public record Replay(StressPeriod period, List<SignalStrategy.Signal> signals, double inSampleAccuracy, long trainRows,
                         LocalDate trainStart, LocalDate trainEnd, List<SignalStrategy.Signal> teacherSignals) {
    }

    /**
     * @param universe    date → equal-weight universe next-session return, over the whole run
     * @param nextReturns (symbol, date) → next-session return, at least over the period
     */
    public static StressOutcome evaluate(Replay replay, Map<LocalDate, Double> universe,
                                         Map<SignalStrategy.Key, Double> nextReturns, PipelineConfig.StressTests config) {
        StressPeriod period = replay.period();
        double rf = PerformanceStats.dailyRate(config.riskFreeRate(), config.tradingDaysPerYear());
        Map<LocalDate, Double> strategyByDate = SignalStrategy.dailyReturns(replay.signals(), nextReturns);
        Map<LocalDate, Double> universePeriod = between(universe, period.start(), period.end());
        Map<LocalDate, Double> strategy = new TreeMap<>();
        universePeriod.keySet().forEach(d -> strategy.put(d, strategyByDate.getOrDefault(d, 0.0)));
        List<Double> strategyReturns = new ArrayList<>(strategy.values());
        List<Double> universeReturns = new ArrayList<>(universePeriod.values());
        List<Double> training = new ArrayList<>(between(universe, replay.trainStart(), replay.trainEnd()).values());

        SignalStrategy.Scores scores = SignalStrategy.scores(replay.signals());
        double maxDrawdown = PerformanceStats.maxDrawdown(strategyReturns);
        double sharpe = PerformanceStats.sharpe(strategyReturns, rf, config.tradingDaysPerYear());
        double sortino = PerformanceStats.sortino(strategyReturns, rf, config.tradingDaysPerYear());
        Baselines.Result baselines = Baselines.of(universeReturns, config.equityWeight(), rf);
        double universeDrawdown = PerformanceStats.maxDrawdown(universeReturns);
        double trainingVol = PerformanceStats.volatility(training);
        double periodVol = PerformanceStats.volatility(universeReturns);
        String mode = FailureMode.classify(new FailureMode.Evidence(replay.inSampleAccuracy(), scores.accuracy(),
                trainingVol, periodVol, universeDrawdown, universeReturns.size()), config.failureModes());
        Map<String, Double> components = ResilienceScore.components(maxDrawdown, scores.precision(), sharpe, config.resilience());
        double score = ResilienceScore.score(maxDrawdown, scores.precision(), sharpe, config.resilience());

        Map<String, Map<LocalDate, Double>> series = new LinkedHashMap<>();
        series.put(STRATEGY, strategy);
        series.put(UNIVERSE, universePeriod);
        Map<LocalDate, Double> sixtyForty = new TreeMap<>();
        universePeriod.forEach((d, r) -> sixtyForty.put(d, config.equityWeight() * r + (1 - config.equityWeight()) * rf));
        series.put(SIXTY_FORTY, sixtyForty);
        Map<LocalDate, Double> cash = new TreeMap<>();
        universePeriod.keySet().forEach(d -> cash.put(d, rf));
        series.put(CASH, cash);
        List<LocalDate> dates = new ArrayList<>(universePeriod.keySet());
        return new StressOutcome(period, StressOutcome.TESTED, null, dates.get(0), dates.get(dates.size() - 1),
                scores.rows(), replay.trainRows(), replay.trainEnd(), scores.accuracy(), replay.inSampleAccuracy(),
                maxDrawdown, scores.precision(), scores.recall(), sharpe, sortino, baselines, universeDrawdown,
                trainingVol, periodVol, mode, components, score, score >= config.resilience().passThreshold(),
                teachers(replay, universePeriod, nextReturns, rf, config), series, List.of());
    }

    /** The teachers' own out-of-sample calls in the period, scored the same way; null when no window covers it. */
    private static Map<String, Object> teachers(Replay replay, Map<LocalDate, Double> universePeriod,
                                                Map<SignalStrategy.Key, Double> nextReturns, double rf,
                                                PipelineConfig.StressTests config) {
        if (replay.teacherSignals().isEmpty()) {
            return null;
        }
        Map<LocalDate, Double> byDate = SignalStrategy.dailyReturns(replay.teacherSignals(), nextReturns);
        List<Double> returns = new ArrayList<>();
        universePeriod.keySet().forEach(d -> returns.add(byDate.getOrDefault(d, 0.0)));
        SignalStrategy.Scores scores = SignalStrategy.scores(replay.teacherSignals());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("rows", scores.rows());
        t.put("coverage", replay.signals().isEmpty() ? null : (double) replay.teacherSignals().size() / replay.signals().size());
        t.put("accuracy", StressOutcome.finite(scores.accuracy()));
        t.put("precision", StressOutcome.finite(scores.precision()));
        t.put("recall", StressOutcome.finite(scores.recall()));
        t.put("max_drawdown", StressOutcome.finite(PerformanceStats.maxDrawdown(returns)));
        t.put("sharpe", StressOutcome.finite(PerformanceStats.sharpe(returns, rf, config.tradingDaysPerYear())));
        return t;
    }

    static Map<LocalDate, Double> between(Map<LocalDate, Double> series, LocalDate from, LocalDate to) {
        Map<LocalDate, Double> slice = new TreeMap<>();
        series.forEach((d, r) -> {
            if (!d.isBefore(from) && !d.isAfter(to)) {
                slice.put(d, r);
            }
        });
        return slice;
    }
}
