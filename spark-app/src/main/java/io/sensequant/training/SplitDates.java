package io.sensequant.training;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The student's time-ordered split over the run's sessions: train through {@code trainEnd}, then
 * {@code horizon} purged sessions whose labels would reach into the test period, then test.
 */
public record SplitDates(Date trainStart, Date trainEnd, Date testStart, Date testEnd, int purgedSessions) {

    public static SplitDates of(List<Date> sessions, double trainFraction, int horizon) {
        int cut = (int) Math.floor(sessions.size() * trainFraction);
        int lastTrain = cut - horizon - 1;
        if (lastTrain < 0 || cut >= sessions.size()) {
            throw new IllegalStateException(String.format(
                    "the run has %d labelled sessions, too few for a %.2f train fraction with a %d-session purge; "
                            + "widen the date range", sessions.size(), trainFraction, horizon));
        }
        return new SplitDates(sessions.get(0), sessions.get(lastTrain), sessions.get(cut), sessions.get(sessions.size() - 1), horizon);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("train_start", trainStart.toString());
        map.put("train_end", trainEnd.toString());
        map.put("test_start", testStart.toString());
        map.put("test_end", testEnd.toString());
        map.put("purged_sessions", purgedSessions);
        return map;
    }
}
