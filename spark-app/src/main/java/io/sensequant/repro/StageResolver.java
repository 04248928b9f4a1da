package io.sensequant.repro;

import io.sensequant.config.ConfigException;
import io.sensequant.snapshot.Stage;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * resolve_stage(explicit, scope, run): the stage an output belongs to, by priority. An explicit stage (a
 * {@code --stage} option, a phase naming its stage) wins; else the stage of the enclosing scope (the phase
 * running now); else the run's current stage from {@code run_context}. Nothing at all is an error, never a guess.
 */
public final class StageResolver {
    private StageResolver() {
    }

    public static Stage resolve(Optional<Stage> explicit, Optional<Stage> scope, Supplier<Optional<Stage>> run, String what) {
        return explicit.or(() -> scope).or(run)
                .orElseThrow(() -> new ConfigException("cannot tell which stage " + what + " belongs to: no stage was "
                        + "given, no phase is running and run_context has no transition for the run; pass --stage"));
    }

    /** Parses a stage name as users type it (training, TRAINING, target-ranking). */
    public static Stage parse(String name) {
        String normalised = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return Stage.valueOf(normalised);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("unknown stage '" + name + "'; stages are " + java.util.Arrays.toString(Stage.values()));
        }
    }
}
