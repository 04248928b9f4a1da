package io.sensequant.snapshot;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fingerprints a snapshot may carry, each with what it covers (written to the snapshot's
 * {@code fingerprint_sources}, so a reader never has to guess). A stage records the ones that apply to what it
 * wrote; {@code sensequant verify} recomputes them.
 */
public enum Fingerprint {
    MODEL_ARTIFACT_SHA256("model_artifact_sha256",
            "SHA-256 of the canonical JSON {path under models/<run_id>/: SHA-256 of the file} of the XGBoost JSON model files the commit refers to"),
    PREDICTIONS_SHA256("predictions_sha256",
            "SHA-256 over the rows of the commit's predictions (every column but run_id, as JSON), independent of row order"),
    METRICS_SHA256("metrics_sha256",
            "SHA-256 over the rows of the scores or metrics the commit wrote for the run (every column but run_id and timings, as JSON), independent of row order"),
    ARTIFACTS_MANIFEST_SHA256("artifacts_manifest_sha256",
            "SHA-256 of the canonical JSON {path under models/<run_id>/: SHA-256 of the file} of every XGBoost JSON model the release verified (Spark ML model directories are left out: their metadata holds a random uid and a timestamp)"),
    FEATURE_FINGERPRINT_INPUT("feature_fingerprint_input",
            "XOR of 64-bit hashes of every bar the features were computed from, with the count"),
    FEATURE_FINGERPRINT_OUTPUT("feature_fingerprint_output",
            "XOR of 64-bit hashes of every feature row written (all feature and label columns), with the count");

    private final String key;
    private final String covers;

    Fingerprint(String key, String covers) {
        this.key = key;
        this.covers = covers;
    }

    public String key() {
        return key;
    }

    public String covers() {
        return covers;
    }

    public static Optional<Fingerprint> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
