package io.sensequant.repro;

import io.sensequant.config.ConfigException;
import io.sensequant.snapshot.Stage;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** resolve_stage: explicit beats scope beats the run's current stage; nothing at all is an error. */
class StageResolverTest {
    @Test
    void priorityIsExplicitThenScopeThenRun() {
        assertEquals(Stage.VALIDATION, StageResolver.resolve(Optional.of(Stage.VALIDATION), Optional.of(Stage.TRAINING),
                () -> Optional.of(Stage.FEATURES), "x"));
        assertEquals(Stage.TRAINING, StageResolver.resolve(Optional.empty(), Optional.of(Stage.TRAINING),
                () -> Optional.of(Stage.FEATURES), "x"));
        assertEquals(Stage.FEATURES, StageResolver.resolve(Optional.empty(), Optional.empty(),
                () -> Optional.of(Stage.FEATURES), "x"));
        ConfigException none = assertThrows(ConfigException.class,
                () -> StageResolver.resolve(Optional.empty(), Optional.empty(), Optional::empty, "metrics of run_x"));
        assertTrue(none.getMessage().contains("metrics of run_x") && none.getMessage().contains("--stage"), none.getMessage());
    }

    @Test
    void stageNamesAreParsedAsUsersTypeThem() {
        assertEquals(Stage.TARGET_RANKING, StageResolver.parse("target-ranking"));
        assertEquals(Stage.TRAINING, StageResolver.parse("training"));
        assertThrows(ConfigException.class, () -> StageResolver.parse("trainig"));
    }
}
