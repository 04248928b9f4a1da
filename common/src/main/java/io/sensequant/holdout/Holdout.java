package io.sensequant.holdout;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's one holdout: the student's test period and the purge before it, fixed once from the run's feature
 * sessions before any selection (ARCHITECTURE.md, "Evaluation principles"). Sessions are cut at
 * {@code floor(sessions × training.student.train_fraction)}: that session is {@code testStart}; the
 * {@code purgeSessions} sessions before it are left out, because an h-day label dated there would look into the
 * test period; {@code selectionEnd} is the last session before the purge. Target ranking, feature selection, the
 * leakage guard, any tuning and the student's training read only rows dated on or before {@code selectionEnd};
 * the student is tested from {@code testStart}.
 *
 * @param purgeSessions the longest label horizon the run may train on (the primary target's and every candidate
 *                      target's), so the boundary does not depend on which target selection later picks
 */
public record Holdout(LocalDate firstSession, LocalDate selectionEnd, LocalDate testStart, LocalDate testEnd,
                      int purgeSessions, double trainFraction, int sessions, int selectionSessions, int testSessions) {
    /** The config keys that move the boundary, named in every error about it. */
    public static final String DATE_KEYS = "run.start_date / run.end_date";
    public static final String FRACTION_KEY = "training.student.train_fraction";
    public static final String PURGE_KEYS = "features.forecast_horizon_days / features.candidate_targets.horizons";
    public static final String MINIMUM_KEY = "ranking.min_selection_sessions";

    /**
     * The purge before the test period: the longest label horizon any target of the run may have (the primary
     * target's and every candidate's), decided before target ranking so the boundary cannot follow its choice.
     */
    public static int purgeSessions(PipelineConfig.Features features) {
        int longestCandidate = features.candidateTargets().horizons().stream().mapToInt(Integer::intValue).max().orElse(0);
        return Math.max(features.forecastHorizonDays(), longestCandidate);
    }

    /**
     * The holdout over {@code sessions} (the distinct dates of the run's features, ascending).
     *
     * @throws ConfigException when the sessions leave no test session or no session before the purge
     */
    public static Holdout of(List<LocalDate> sessions, double trainFraction, int purgeSessions) {
        int n = sessions.size();
        if (n == 0) {
            throw new ConfigException("the run has no feature session to split into selection and test periods; "
                    + "widen " + DATE_KEYS + " (or check the features phase's warm-up and the ingested data)");
        }
        int cut = (int) Math.floor(n * trainFraction);
        int lastSelection = cut - purgeSessions - 1;
        if (cut >= n || lastSelection < 0) {
            throw new ConfigException(String.format(java.util.Locale.ROOT,
                    "the run's %d feature sessions (%s to %s) leave %s: %s %s cuts at session %d and the purge is %d "
                            + "sessions (the longest of %s); widen %s or change %s",
                    n, sessions.get(0), sessions.get(n - 1),
                    cut >= n ? "no test session" : "no session before the holdout's purge",
                    FRACTION_KEY, trainFraction, cut, purgeSessions, PURGE_KEYS, DATE_KEYS, FRACTION_KEY));
        }
        return new Holdout(sessions.get(0), sessions.get(lastSelection), sessions.get(cut), sessions.get(n - 1),
                purgeSessions, trainFraction, n, lastSelection + 1, n - cut);
    }

    /**
     * This holdout, when it leaves {@code stage} at least {@code minimum} sessions to learn from (those up to
     * {@link #selectionEnd}).
     *
     * @throws ConfigException a one-line user error naming the stage, the dates and the keys that change them
     */
    public Holdout requireSelectionSessions(String stage, int minimum) {
        if (selectionSessions < minimum) {
            throw new ConfigException(String.format(java.util.Locale.ROOT,
                    "%s: the holdout leaves %d sessions before it (first session %s, selection_end %s, test_start %s, "
                            + "%d purged sessions), fewer than %s %d; widen %s, lower %s (now %s) or lower %s",
                    stage, selectionSessions, firstSession, selectionEnd, testStart, purgeSessions, MINIMUM_KEY, minimum,
                    DATE_KEYS, FRACTION_KEY, trainFraction, MINIMUM_KEY));
        }
        return this;
    }

    /** The holdout as a phase summary / snapshot map (dates as ISO text), and back ({@link #fromMap}). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("first_session", firstSession.toString());
        map.put("selection_end", selectionEnd.toString());
        map.put("test_start", testStart.toString());
        map.put("test_end", testEnd.toString());
        map.put("purge_sessions", purgeSessions);
        map.put("train_fraction", trainFraction);
        map.put("sessions", sessions);
        map.put("selection_sessions", selectionSessions);
        map.put("test_sessions", testSessions);
        return map;
    }

    /** Reads {@link #asMap} back, also from a summary that went through JSON (run_context, --resume). */
    public static Holdout fromMap(Map<?, ?> map) {
        return new Holdout(date(map, "first_session"), date(map, "selection_end"), date(map, "test_start"),
                date(map, "test_end"), number(map, "purge_sessions").intValue(), number(map, "train_fraction").doubleValue(),
                number(map, "sessions").intValue(), number(map, "selection_sessions").intValue(),
                number(map, "test_sessions").intValue());
    }

    private static LocalDate date(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("recorded holdout has no " + key + ": " + map);
        }
        return LocalDate.parse(value.toString());
    }

    private static Number number(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Number value)) {
            throw new IllegalStateException("recorded holdout has no numeric " + key + ": " + map);
        }
        return value;
    }
}
