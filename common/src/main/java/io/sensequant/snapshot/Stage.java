package io.sensequant.snapshot;

/** The pipeline stages of the reproducibility vocabulary, in pipeline order. */
public enum Stage {
    INGEST, FEATURES, TARGET_RANKING, FEATURE_SELECTION, TRAINING, VALIDATION, STAT_TESTS, STRESS_TESTS, RELEASE
}
