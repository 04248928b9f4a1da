package io.sensequant.repro;

import io.sensequant.snapshot.Stage;

/**
 * One comparison of {@code sensequant verify}: a recorded value (fingerprint, key or signature) of one commit
 * against the value recomputed by re-running the stage ({@link #RERUN}) or from the files stored now
 * ({@link #STORED}).
 */
public record FingerprintCheck(Stage stage, String table, long version, String name, String source, String recorded,
                               String actual, String note) {
    public static final String RERUN = "re-run";
    public static final String STORED = "stored files";

    public boolean matches() {
        return recorded != null && recorded.equals(actual);
    }

    public String verdict() {
        return matches() ? "MATCH" : "MISMATCH";
    }
}
