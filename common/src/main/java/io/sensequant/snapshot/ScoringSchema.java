package io.sensequant.snapshot;

/**
 * The version of how scores are defined (metric names, scopes, class order, reward formula). One value,
 * written to every snapshot, every metrics row and the briefing: scores of different versions are not compared.
 */
public final class ScoringSchema {
    public static final String VERSION = "1";

    private ScoringSchema() {
    }
}
