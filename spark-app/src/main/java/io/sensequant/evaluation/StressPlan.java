package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.market.StressPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Whether a stress period can be tested on the run's data, and up to which session its replay student trains:
 * the session {@code horizon} sessions before the period's first (the purge keeps the training labels, which look
 * {@code horizon} sessions ahead, out of the period). A period is skipped, with the reason, when it does not
 * overlap the data, has fewer than {@code min_period_sessions} sessions with returns (too few for the Sharpe
 * interval the verdict rests on: skipped, never failed), starts within the purge of
 * the data's start, or has fewer than {@code min_train_rows} teacher-labelled rows before it.
 */
public record StressPlan(LocalDate trainEnd, long trainRows, String skipReason) {

    public boolean skipped() {
        return skipReason != null;
    }

    /**
     * @param sessions     the run's sessions, in order
     * @param universe     date → universe return (the sessions that have a next-session return)
     * @param rowsUpTo     teacher-labelled rows on or before a date
     */
    public static StressPlan of(StressPeriod period, List<LocalDate> sessions, Map<LocalDate, Double> universe, int horizon,
                                ToLongFunction<LocalDate> rowsUpTo, PipelineConfig.StressTests config) {
        if (sessions.isEmpty()) {
            return skip("the run has no labelled sessions");
        }
        LocalDate first = sessions.get(0);
        LocalDate last = sessions.get(sessions.size() - 1);
        if (period.end().isBefore(first) || period.start().isAfter(last)) {
            return skip("no overlap: the period runs " + period.start() + " to " + period.end() + ", the run's labelled data "
                    + first + " to " + last);
        }
        long periodSessions = StressEvaluation.between(universe, period.start(), period.end()).size();
        if (periodSessions < config.minPeriodSessions()) {
            return skip("only " + periodSessions + " sessions with returns inside the period, fewer than "
                    + "stress_tests.min_period_sessions " + config.minPeriodSessions() + " (too few for a Sharpe interval)");
        }
        int firstInPeriod = 0;
        while (sessions.get(firstInPeriod).isBefore(period.start())) {
            firstInPeriod++;
        }
        int lastTrain = firstInPeriod - horizon - 1;
        if (lastTrain < 0) {
            return skip("no data before the period: the run's labelled data starts " + first + ", not " + horizon
                    + " sessions (the purge) before the period start " + period.start());
        }
        LocalDate trainEnd = sessions.get(lastTrain);
        long rows = rowsUpTo.applyAsLong(trainEnd);
        if (rows < config.minTrainRows()) {
            return skip("only " + rows + " teacher-labelled rows up to " + trainEnd + " (the period start less a " + horizon
                    + "-session purge); stress_tests.min_train_rows is " + config.minTrainRows());
        }
        return new StressPlan(trainEnd, rows, null);
    }

    private static StressPlan skip(String reason) {
        return new StressPlan(null, 0, reason);
    }
}
