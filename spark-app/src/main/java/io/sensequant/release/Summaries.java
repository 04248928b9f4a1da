package io.sensequant.release;

import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;

import java.util.Map;
import java.util.Optional;

/** The summaries of the run's earlier phases, by phase name. */
final class Summaries {
    private Summaries() {
    }

    /** A phase's summary; the release cannot be built without it. */
    static Map<String, Object> required(RunContext context, String phase) {
        return find(context, phase)
                .orElseThrow(() -> new IllegalStateException("the release needs the '" + phase + "' phase's results"));
    }

    /** A phase's summary, empty when the phase did not run (ranking, selection, stat and stress tests may be absent). */
    static Map<String, Object> optional(RunContext context, String phase) {
        return find(context, phase).orElse(Map.of());
    }

    static Optional<Map<String, Object>> find(RunContext context, String phase) {
        return context.results().stream().filter(r -> r.phase().equals(phase)).reduce((a, b) -> b).map(PhaseResult::summary);
    }
}
