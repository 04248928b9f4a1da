package io.sensequant.pipeline;

import io.sensequant.snapshot.Stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a phase did: one-line headline for the console, a structured summary for the briefing, the Delta
 * versions it committed per table, and the files it wrote. {@code seconds} is filled in by the runner.
 */
public record PhaseResult(String phase, Stage stage, String headline, Map<String, Object> summary,
                          Map<String, Long> tableVersions, List<String> outputs, double seconds) {

    public PhaseResult {
        summary = new LinkedHashMap<>(summary);
        tableVersions = new LinkedHashMap<>(tableVersions);
        outputs = List.copyOf(outputs);
    }

    public static PhaseResult of(Phase phase, String headline, Map<String, Object> summary,
                                 Map<String, Long> tableVersions, List<String> outputs) {
        return new PhaseResult(phase.name(), phase.stage(), headline, summary, tableVersions, outputs, 0);
    }

    PhaseResult timed(double elapsedSeconds) {
        return new PhaseResult(phase, stage, headline, summary, tableVersions, outputs, elapsedSeconds);
    }
}
