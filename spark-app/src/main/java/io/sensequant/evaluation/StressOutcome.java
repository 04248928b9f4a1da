package io.sensequant.evaluation;

import io.sensequant.market.StressPeriod;
import io.sensequant.stats.SharpeRatio;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stress period's result: tested (every figure, and the verdict with its reason) or skipped (the reason only).
 * {@code sharpe} is the strategy's (the STAT_TESTS definition) with its interval; {@code activeSharpe} the same
 * book on returns less the session's market mean ({@link SignalStrategy#activeBook}): what it earned beyond its net
 * exposure.
 * {@code series} holds the daily returns (strategy net of costs, universe, 60/40, cash) the charts are drawn from;
 * {@code charts} the PNGs once written. Drawdowns are fractions ≤ 0.
 */
public record StressOutcome(StressPeriod period, String status, String reason, LocalDate testedStart, LocalDate testedEnd,
                            long rows, long trainRows, LocalDate trainEnd, double accuracy, double inSampleAccuracy,
                            double maxDrawdown, double precision, double recall, double noSkillPrecision,
                            SharpeRatio.Estimate sharpe, SharpeRatio.Estimate activeSharpe, double sortino, double turnover, Baselines.Result baselines,
                            double universeDrawdown, double trainingVolatility, double periodVolatility, String failureMode,
                            ResilienceScore.Result resilience, Boolean passed, String verdict,
                            Map<String, Object> teachers, Map<String, Map<LocalDate, Double>> series, List<String> charts) {
    public static final String TESTED = "tested";
    public static final String SKIPPED = "skipped";

    public static StressOutcome skipped(StressPeriod period, String reason) {
        return new StressOutcome(period, SKIPPED, reason, null, null, 0, 0, null, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, null, null, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN,
                null, null, null, null, null, Map.of(), List.of());
    }

    public StressOutcome withCharts(List<String> paths) {
        return new StressOutcome(period, status, reason, testedStart, testedEnd, rows, trainRows, trainEnd, accuracy,
                inSampleAccuracy, maxDrawdown, precision, recall, noSkillPrecision, sharpe, activeSharpe, sortino, turnover, baselines,
                universeDrawdown, trainingVolatility, periodVolatility, failureMode, resilience, passed, verdict, teachers,
                series, List.copyOf(paths));
    }

    public boolean tested() {
        return TESTED.equals(status);
    }

    /** The point Sharpe ratio; NaN when skipped or undefined. */
    public double sharpeRatio() {
        return sharpe == null ? Double.NaN : sharpe.sharpe();
    }

    /** The resilience score; NaN when skipped. */
    public double resilienceScore() {
        return resilience == null ? Double.NaN : resilience.score();
    }

    /** The period entry of the phase summary (the briefing's contract), plus the evidence behind it. */
    public Map<String, Object> asSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", period.id());
        m.put("title", period.name());
        m.put("start", period.start().toString());
        m.put("end", period.end().toString());
        m.put("status", status);
        m.put("reason", reason);
        m.put("max_drawdown", finite(maxDrawdown));
        m.put("precision", finite(precision));
        m.put("recall", finite(recall));
        m.put("sharpe", finite(sharpeRatio()));
        m.put("sharpe_ci", sharpe == null ? null : sharpe.asMap());
        m.put("active_sharpe", activeSharpe == null ? null : finite(activeSharpe.sharpe()));
        m.put("active_sharpe_ci", activeSharpe == null ? null : activeSharpe.asMap());
        m.put("sortino", finite(sortino));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("buy_and_hold", baselines == null ? null : finite(baselines.buyAndHold()));
        b.put("sixty_forty", baselines == null ? null : finite(baselines.sixtyForty()));
        b.put("cash", baselines == null ? null : finite(baselines.cash()));
        m.put("baselines", b);
        m.put("failure_mode", failureMode);
        m.put("resilience_score", finite(resilienceScore()));
        m.put("passed", passed);
        m.put("verdict", verdict);
        m.put("charts", charts);
        if (tested()) {
            m.put("tested_start", testedStart.toString());
            m.put("tested_end", testedEnd.toString());
            m.put("sessions", series.get(StressEvaluation.STRATEGY).size());
            m.put("rows", rows);
            m.put("accuracy", finite(accuracy));
            m.put("in_sample_accuracy", finite(inSampleAccuracy));
            m.put("no_skill_precision", finite(noSkillPrecision));
            m.put("train_rows", trainRows);
            m.put("train_end", trainEnd.toString());
            m.put("strategy_return", finite(PerformanceStats.totalReturn(new ArrayList<>(series.get(StressEvaluation.STRATEGY).values()))));
            m.put("turnover", finite(turnover));
            m.put("universe_max_drawdown", finite(universeDrawdown));
            m.put("training_volatility", finite(trainingVolatility));
            m.put("period_volatility", finite(periodVolatility));
            m.put("score_components", resilience.components());
            m.put("resilience_gate", resilience.gate());
            m.put("teachers", teachers);
        }
        return m;
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
