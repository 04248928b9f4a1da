package io.sensequant.training;

import io.sensequant.holdout.Holdout;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The student's time-ordered split: the run's {@link Holdout}, never computed here. Train through
 * {@code trainEnd} (the holdout's selection_end), then {@code purgedSessions} sessions whose labels would reach
 * into the test period, then test from {@code testStart}.
 */
public record SplitDates(Date trainStart, Date trainEnd, Date testStart, Date testEnd, int purgedSessions) {

    public static SplitDates of(Holdout holdout) {
        return new SplitDates(Date.valueOf(holdout.firstSession()), Date.valueOf(holdout.selectionEnd()),
                Date.valueOf(holdout.testStart()), Date.valueOf(holdout.testEnd()), holdout.purgeSessions());
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
