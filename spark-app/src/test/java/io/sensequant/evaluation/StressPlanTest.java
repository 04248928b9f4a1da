package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;
import io.sensequant.market.StressPeriod;
import io.sensequant.spark.SharedSpark;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which stress periods can be tested, and the purged train end, on a fixed calendar of sessions. */
class StressPlanTest {
    static final PipelineConfig.StressTests CONFIG = SharedSpark.testConfig().stressTests();
    static final List<LocalDate> SESSIONS = new ArrayList<>();
    static final Map<LocalDate, Double> UNIVERSE = new TreeMap<>();

    static {
        // weekdays of 2020-01-01 .. 2020-06-30
        for (LocalDate d = LocalDate.of(2020, 1, 1); !d.isAfter(LocalDate.of(2020, 6, 30)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                SESSIONS.add(d);
                UNIVERSE.put(d, 0.0);
            }
        }
    }

    static StressPeriod period(String start, String end) {
        return new StressPeriod("p", "p", LocalDate.parse(start), LocalDate.parse(end), "", "moderate", -0.1);
    }

    @Test
    void aPeriodOutsideTheDataIsSkippedWithTheReason() {
        StressPlan plan = StressPlan.of(period("2008-01-08", "2009-03-09"), SESSIONS, UNIVERSE, 7, d -> 1_000, CONFIG);
        assertEquals("no overlap: the period runs 2008-01-08 to 2009-03-09, the run's labelled data 2020-01-01 to 2020-06-30",
                plan.skipReason());
    }

    @Test
    void trainEndIsThePurgeBeforeTheFirstSession() {
        // first session in the period: Mon 2020-03-02; 7 purged sessions 02-20 .. 02-28; train end Wed 02-19
        StressPlan plan = StressPlan.of(period("2020-03-01", "2020-03-31"), SESSIONS, UNIVERSE, 7, d -> 1_000, CONFIG);
        assertFalse(plan.skipped());
        assertNull(plan.skipReason());
        assertEquals(LocalDate.of(2020, 2, 19), plan.trainEnd());
        assertEquals(1_000, plan.trainRows());
    }

    @Test
    void tooLittleHistoryOrTooShortAnOverlapIsSkipped() {
        assertEquals("only 99 teacher-labelled rows up to 2020-02-19 (the period start less a 7-session purge); "
                        + "stress_tests.min_train_rows is " + CONFIG.minTrainRows(),
                StressPlan.of(period("2020-03-01", "2020-03-31"), SESSIONS, UNIVERSE, 7, d -> 99, CONFIG).skipReason());
        assertEquals("no data before the period: the run's labelled data starts 2020-01-01, not 7 sessions (the purge) "
                        + "before the period start 2020-01-03",
                StressPlan.of(period("2020-01-03", "2020-02-28"), SESSIONS, UNIVERSE, 7, d -> 1_000, CONFIG).skipReason());
        assertEquals("only 2 sessions with returns inside the period, fewer than stress_tests.min_period_sessions "
                        + CONFIG.minPeriodSessions() + " (too few for a Sharpe interval)",
                StressPlan.of(period("2020-06-29", "2020-07-31"), SESSIONS, UNIVERSE, 7, d -> 1_000, CONFIG).skipReason());
    }

    @Test
    void aPeriodNeedsTheConfiguredMinimumOfSessions() {
        assertEquals(20, CONFIG.minPeriodSessions(), "the default of conf/pipeline.yaml");
        // Mon 2020-03-02 .. Thu 2020-03-26: 19 weekdays; .. Fri 2020-03-27: 20
        StressPlan short19 = StressPlan.of(period("2020-03-02", "2020-03-26"), SESSIONS, UNIVERSE, 7, d -> 1_000, CONFIG);
        assertEquals("only 19 sessions with returns inside the period, fewer than stress_tests.min_period_sessions 20 "
                + "(too few for a Sharpe interval)", short19.skipReason());
        StressPlan enough = StressPlan.of(period("2020-03-02", "2020-03-27"), SESSIONS, UNIVERSE, 7, d -> 1_000, CONFIG);
        assertFalse(enough.skipped(), String.valueOf(enough.skipReason()));
        // only sessions with a return count: drop one from the universe and the 20-weekday period is short again
        Map<LocalDate, Double> gap = new TreeMap<>(UNIVERSE);
        gap.remove(LocalDate.of(2020, 3, 10));
        assertTrue(StressPlan.of(period("2020-03-02", "2020-03-27"), SESSIONS, gap, 7, d -> 1_000, CONFIG).skipped());
    }
}
