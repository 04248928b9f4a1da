package io.sensequant.holdout;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The holdout boundary as a pure function of the run's sessions, its user errors, and its round trip through JSON. */
class HoldoutTest {
    /** 100 consecutive days from 2024-01-01 (session i is 2024-01-01 + i days). */
    static final List<LocalDate> SESSIONS = IntStream.range(0, 100).mapToObj(i -> LocalDate.of(2024, 1, 1).plusDays(i)).toList();

    @Test
    void cutsAtTheTrainFractionAndPurgesBeforeIt() {
        Holdout holdout = Holdout.of(SESSIONS, 0.8, 15);
        // cut = floor(100 * 0.8) = 80: the test period is sessions 80..99; sessions 65..79 are purged; 0..64 selectable
        assertEquals(SESSIONS.get(80), holdout.testStart());
        assertEquals(SESSIONS.get(99), holdout.testEnd());
        assertEquals(SESSIONS.get(64), holdout.selectionEnd());
        assertEquals(SESSIONS.get(0), holdout.firstSession());
        assertEquals(65, holdout.selectionSessions());
        assertEquals(20, holdout.testSessions());
        assertEquals(100, holdout.selectionSessions() + holdout.purgeSessions() + holdout.testSessions());
        // a label dated selection_end looks purge sessions ahead: it still ends before test_start
        assertTrue(SESSIONS.get(64 + 15).isBefore(holdout.testStart()));
    }

    @Test
    void purgeIsTheLongestHorizonWhicheverTargetIsChosen() {
        PipelineConfig config = new ConfigLoader(ConfDir.of(Path.of("..", "conf"))).load(new ConfigRequest(List.of(), null, null,
                Map.of(), List.of(), List.of("features.candidate_targets.horizons=3,11", "features.forecast_horizon_days=7"))).typed();
        assertEquals(11, Holdout.purgeSessions(config.features()));
        PipelineConfig shorter = new ConfigLoader(ConfDir.of(Path.of("..", "conf"))).load(new ConfigRequest(List.of(), null, null,
                Map.of(), List.of(), List.of("features.candidate_targets.horizons=3,5", "features.forecast_horizon_days=9"))).typed();
        assertEquals(9, Holdout.purgeSessions(shorter.features()));
    }

    @Test
    void tooFewSessionsAreAOneLineUserErrorNamingTheStageDatesAndKeys() {
        Holdout holdout = Holdout.of(SESSIONS, 0.8, 15);
        assertEquals(holdout, holdout.requireSelectionSessions("target ranking", 65));
        ConfigException error = assertThrows(ConfigException.class, () -> holdout.requireSelectionSessions("feature selection", 66));
        String message = error.getMessage();
        assertEquals(1, message.lines().count(), message);
        for (String part : List.of("feature selection", "65 sessions", "first session 2024-01-01", "selection_end 2024-03-05",
                "test_start 2024-03-21", "ranking.min_selection_sessions 66", "run.start_date / run.end_date",
                "training.student.train_fraction")) {
            assertTrue(message.contains(part), part + " in: " + message);
        }

        ConfigException noRoom = assertThrows(ConfigException.class, () -> Holdout.of(SESSIONS.subList(0, 18), 0.8, 15));
        assertTrue(noRoom.getMessage().contains("no session before the holdout's purge")
                && noRoom.getMessage().contains("2024-01-01 to 2024-01-18"), noRoom.getMessage());
        ConfigException noTest = assertThrows(ConfigException.class, () -> Holdout.of(SESSIONS.subList(0, 3), 1.0, 0));
        assertTrue(noTest.getMessage().contains("no test session"), noTest.getMessage());
        assertThrows(ConfigException.class, () -> Holdout.of(List.of(), 0.8, 7));
    }

    @Test
    void survivesARecordedSummary() throws Exception {
        Holdout holdout = Holdout.of(SESSIONS, 0.75, 7);
        assertEquals(holdout, Holdout.fromMap(holdout.asMap()));
        // run_context stores phase summaries as JSON; --resume reads them back as generic maps
        Map<String, Object> recorded = Yaml.JSON.readValue(Yaml.JSON.writeValueAsString(holdout.asMap()),
                new TypeReference<Map<String, Object>>() { });
        assertEquals(holdout, Holdout.fromMap(recorded));
    }
}
