package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.market.StressPeriod;
import io.sensequant.stats.SharpeRatio;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a replayed stress period on the driver, without Spark: the STAT_TESTS strategy of the replayed signals
 * ({@link SignalStrategy#book}, {@link LongShortStrategy}) over the period's sessions that have a next-session
 * return, its statistics ({@link ReturnStats}, the Sharpe interval of {@link SharpeRatio}), the baselines
 * ({@link Baselines}), the failure mode ({@link FailureMode}), the resilience score ({@link ResilienceScore}) and
 * the verdict: a period passes only when the lower bounds of its Sharpe interval and of its active Sharpe interval
 * (the book beyond its net market exposure, {@link SignalStrategy#activeBook}) are above
 * {@code sharpe_ci.pass_floor} and the resilience score passes ({@link #passRule}).
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
     * What the evaluation needs from the configuration: the stress rules, the shared strategy (stat_tests.strategy)
     * and the target horizon (the holding period).
     */
    public record Settings(PipelineConfig.StressTests stress, PipelineConfig.Strategy strategy, int horizon) {
        /** Newey–West lags of the Sharpe interval: max(sharpe_ci.min_lags, horizon). */
        public int lags() {
            return Math.max(stress.sharpeCi().minLags(), horizon);
        }
    }

    /** The strategy every figure of the stress report refers to: {@link LongShortStrategy#definition}, STAT_TESTS'. */
    public static String strategyDefinition(Settings settings) {
        return LongShortStrategy.definition(settings.horizon(), settings.strategy().costBps(),
                settings.strategy().annualizationDays());
    }

    /** The pass rule, as the report states it. */
    public static String passRule(Settings settings) {
        PipelineConfig.SharpeCi ci = settings.stress().sharpeCi();
        return String.format(Locale.ROOT, "a tested period passes when the lower bounds of the %.0f %% intervals of "
                        + "both the strategy's annualised Sharpe ratio and its active Sharpe ratio (the same book on returns "
                        + "less the session's market mean: what it earned beyond its net exposure, so riding the crisis' "
                        + "drift is not skill) are above %.2f (stress_tests.sharpe_ci.pass_floor: one-sided tests at "
                        + "%.1f %% nominal; unit of observation the session; Lo (2002) standard error with %d Newey-West "
                        + "lags) AND its resilience score passes (gate: Sharpe > 0 and directional precision above the "
                        + "no-skill precision; then score >= %s). A period with fewer than %d sessions is skipped, not "
                        + "failed. The phase passes when every tested period passes (an intersection-union test: no "
                        + "multiplicity correction needed)", 100 * ci.confidence(), ci.passFloor(),
                100 * (1 - ci.confidence()) / 2, settings.lags(), Reports.format(settings.stress().resilience().passThreshold()),
                settings.stress().minPeriodSessions());
    }

    /**
     * @param universe    date → equal-weight universe next-session return, over the whole run
     * @param nextReturns (symbol, date) → next-session return, at least over the period
     */
    public static StressOutcome evaluate(Replay replay, Map<LocalDate, Double> universe,
                                         Map<SignalStrategy.Key, Double> nextReturns, Settings settings) {
        PipelineConfig.StressTests config = settings.stress();
        int periodsPerYear = settings.strategy().annualizationDays();
        StressPeriod period = replay.period();
        double rf = PerformanceStats.dailyRate(config.riskFreeRate(), periodsPerYear);
        Map<LocalDate, Double> universePeriod = between(universe, period.start(), period.end());
        List<LocalDate> dates = new ArrayList<>(universePeriod.keySet());
        LongShortStrategy.Days book = SignalStrategy.book(replay.signals(), dates, nextReturns, settings.horizon(),
                settings.strategy().costBps());
        double[] net = book.net();
        double[] active = SignalStrategy.activeBook(replay.signals(), dates, nextReturns, settings.horizon(),
                settings.strategy().costBps()).net();
        Map<LocalDate, Double> strategy = new TreeMap<>();
        for (int d = 0; d < dates.size(); d++) {
            strategy.put(dates.get(d), net[d]);
        }
        List<Double> universeReturns = new ArrayList<>(universePeriod.values());
        List<Double> training = new ArrayList<>(between(universe, replay.trainStart(), replay.trainEnd()).values());

        SignalStrategy.Scores scores = SignalStrategy.scores(replay.signals());
        double maxDrawdown = ReturnStats.maxDrawdown(net);
        SharpeRatio.Estimate sharpe = SharpeRatio.estimate(net, 0, periodsPerYear, settings.lags(),
                config.sharpeCi().confidence());
        SharpeRatio.Estimate activeSharpe = SharpeRatio.estimate(active, 0, periodsPerYear, settings.lags(),
                config.sharpeCi().confidence());
        double sortino = ReturnStats.sortino(net, periodsPerYear);
        Baselines.Result baselines = Baselines.of(universeReturns, config.equityWeight(), rf);
        double universeDrawdown = PerformanceStats.maxDrawdown(universeReturns);
        double trainingVol = PerformanceStats.volatility(training);
        double periodVol = PerformanceStats.volatility(universeReturns);
        String mode = FailureMode.classify(new FailureMode.Evidence(replay.inSampleAccuracy(), scores.accuracy(),
                trainingVol, periodVol, universeDrawdown, universeReturns.size()), config.failureModes());
        ResilienceScore.Result resilience = ResilienceScore.of(maxDrawdown, sharpe.sharpe(), scores.precision(),
                scores.noSkillPrecision(), config.resilience());
        Verdict verdict = verdict(sharpe, activeSharpe, resilience, config);

        Map<String, Map<LocalDate, Double>> series = new LinkedHashMap<>();
        series.put(STRATEGY, strategy);
        series.put(UNIVERSE, universePeriod);
        Map<LocalDate, Double> sixtyForty = new TreeMap<>();
        universePeriod.forEach((d, r) -> sixtyForty.put(d, config.equityWeight() * r + (1 - config.equityWeight()) * rf));
        series.put(SIXTY_FORTY, sixtyForty);
        Map<LocalDate, Double> cash = new TreeMap<>();
        universePeriod.keySet().forEach(d -> cash.put(d, rf));
        series.put(CASH, cash);
        return new StressOutcome(period, StressOutcome.TESTED, null, dates.get(0), dates.get(dates.size() - 1),
                scores.rows(), replay.trainRows(), replay.trainEnd(), scores.accuracy(), replay.inSampleAccuracy(),
                maxDrawdown, scores.precision(), scores.recall(), scores.noSkillPrecision(), sharpe, activeSharpe, sortino,
                ReturnStats.mean(book.turnover()), baselines, universeDrawdown, trainingVol, periodVol, mode, resilience,
                verdict.passed(), verdict.text(), teachers(replay, dates, nextReturns, settings), series, List.of());
    }

    /** Whether a tested period passed, and why (or why not). */
    public record Verdict(boolean passed, String text) {
    }

    public static Verdict verdict(SharpeRatio.Estimate sharpe, SharpeRatio.Estimate active, ResilienceScore.Result resilience,
                                  PipelineConfig.StressTests config) {
        PipelineConfig.SharpeCi ci = config.sharpeCi();
        String intervals = interval("Sharpe", sharpe, ci) + ", " + interval("active Sharpe", active, ci);
        List<String> against = new ArrayList<>();
        if (!(sharpe.lower() > ci.passFloor())) {
            against.add(String.format(Locale.ROOT, "the Sharpe interval's lower bound is not above the floor %.2f",
                    ci.passFloor()));
        }
        if (!(active.lower() > ci.passFloor())) {
            against.add(String.format(Locale.ROOT, "the active Sharpe interval's lower bound is not above the floor %.2f "
                    + "(no evidence of earning more than a same-exposure book picking at random)", ci.passFloor()));
        }
        if (resilience.gate() != null) {
            against.add("resilience gate closed: " + resilience.gate());
        } else if (!resilience.passes(config.resilience())) {
            against.add(String.format(Locale.ROOT, "resilience score %.1f is below %s", resilience.score(),
                    Reports.format(config.resilience().passThreshold())));
        }
        if (against.isEmpty()) {
            return new Verdict(true, String.format(Locale.ROOT, "passed: %s, both above the floor %.2f; resilience "
                    + "score %.1f reaches %s", intervals, ci.passFloor(), resilience.score(),
                    Reports.format(config.resilience().passThreshold())));
        }
        return new Verdict(false, "failed: " + intervals + "; " + String.join("; ", against));
    }

    private static String interval(String name, SharpeRatio.Estimate e, PipelineConfig.SharpeCi ci) {
        return String.format(Locale.ROOT, "%s %.2f, %.0f %% interval [%.2f, %.2f]", name, e.sharpe(), 100 * ci.confidence(),
                e.lower(), e.upper());
    }

    /** The teachers' own out-of-sample calls in the period, as the same book; null when no window covers it. */
    private static Map<String, Object> teachers(Replay replay, List<LocalDate> dates,
                                                Map<SignalStrategy.Key, Double> nextReturns, Settings settings) {
        if (replay.teacherSignals().isEmpty()) {
            return null;
        }
        double[] net = SignalStrategy.book(replay.teacherSignals(), dates, nextReturns, settings.horizon(),
                settings.strategy().costBps()).net();
        SignalStrategy.Scores scores = SignalStrategy.scores(replay.teacherSignals());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("rows", scores.rows());
        t.put("coverage", replay.signals().isEmpty() ? null : (double) replay.teacherSignals().size() / replay.signals().size());
        t.put("accuracy", StressOutcome.finite(scores.accuracy()));
        t.put("precision", StressOutcome.finite(scores.precision()));
        t.put("recall", StressOutcome.finite(scores.recall()));
        t.put("max_drawdown", StressOutcome.finite(ReturnStats.maxDrawdown(net)));
        t.put("sharpe", StressOutcome.finite(ReturnStats.sharpe(net, settings.strategy().annualizationDays())));
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
