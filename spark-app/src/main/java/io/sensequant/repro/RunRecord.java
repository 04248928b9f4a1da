package io.sensequant.repro;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the lake holds about one run, read once so that the comparison is a plain function: its effective config
 * (null when it has no RUN_STARTED row), its stage commits in snapshot order, its metrics, and notes on what
 * could not be read.
 */
public record RunRecord(String runId, JsonNode effectiveConfig, List<RunCommit> commits, List<Metric> metrics,
                        List<String> notes) {
    /** One metrics row; {@code scoringSchemaVersion} is null for rows written before metrics carried it. */
    public record Metric(String stage, String scope, String metric, double value, String scoringSchemaVersion) {
        public Metric(String stage, String scope, String metric, double value) {
            this(stage, scope, metric, value, null);
        }
    }

    public RunRecord {
        commits = List.copyOf(commits);
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    public boolean hasLegacySnapshots() {
        return commits.stream().anyMatch(RunCommit::legacy);
    }
}
