package io.sensequant.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The walk-forward folds over a run's sessions: {@code folds} consecutive test periods of {@code testMonths}
 * calendar months, the last ending at the last session, each preceded by a rolling train period of
 * {@code trainMonths} months that ends {@code purge} sessions before the test period starts (so no train label,
 * which looks {@code purge} sessions ahead, reaches into the test period). Fold 0 is the oldest. A fold the
 * data cannot hold carries the reason and no dates where there are none.
 */
public final class WalkForwardPlan {
    private WalkForwardPlan() {
    }

    /** One fold's periods (inclusive dates); {@code reason} non-null when it cannot be run. */
    public record Fold(int fold, LocalDate trainStart, LocalDate trainEnd, LocalDate testStart, LocalDate testEnd,
                       String reason) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("fold", fold);
            map.put("train_start", text(trainStart));
            map.put("train_end", text(trainEnd));
            map.put("test_start", text(testStart));
            map.put("test_end", text(testEnd));
            return map;
        }

        private static String text(LocalDate date) {
            return date == null ? null : date.toString();
        }
    }

    /** {@code sessions}: the run's labelled sessions, sorted ascending without duplicates. */
    public static List<Fold> of(List<LocalDate> sessions, int trainMonths, int testMonths, int folds, int purge) {
        List<Fold> planned = new ArrayList<>();
        int end = sessions.size() - 1;
        for (int fold = folds - 1; fold >= 0; fold--) {
            if (end < 0) {
                planned.add(new Fold(fold, null, null, null, null, "no sessions left for the test period before the "
                        + "later folds (" + sessions.size() + " labelled sessions in the run)"));
                continue;
            }
            LocalDate testEnd = sessions.get(end);
            int testStart = firstAfter(sessions, testEnd.minusMonths(testMonths));
            int trainEnd = testStart - purge - 1;
            if (trainEnd < 0) {
                planned.add(new Fold(fold, null, null, sessions.get(testStart), testEnd, "no sessions before the test "
                        + "period after a purge of " + purge + " sessions"));
            } else {
                LocalDate trainEndDate = sessions.get(trainEnd);
                int trainStart = firstAfter(sessions, trainEndDate.minusMonths(trainMonths));
                planned.add(new Fold(fold, sessions.get(trainStart), trainEndDate, sessions.get(testStart), testEnd, null));
            }
            end = testStart - 1;
        }
        Collections.reverse(planned);
        return planned;
    }

    /** Index of the first session strictly after {@code bound}. */
    private static int firstAfter(List<LocalDate> sessions, LocalDate bound) {
        int index = Collections.binarySearch(sessions, bound);
        return index >= 0 ? index + 1 : -index - 1;
    }
}
