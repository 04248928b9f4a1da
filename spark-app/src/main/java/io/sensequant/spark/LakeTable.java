package io.sensequant.spark;

/** The lake's tables (ARCHITECTURE.md), each with its natural key. A package owns the tables it writes. */
public enum LakeTable {
    OHLCV("ohlcv"),
    INGEST_LOG("ingest_log"),
    OHLCV_QUARANTINE("ohlcv_quarantine"),
    SENTIMENT("sentiment"),
    FEATURES("features"),
    TEACHER_RUNS("teacher_runs"),
    STUDENT_RUNS("student_runs"),
    PREDICTIONS("predictions"),
    METRICS("metrics"),
    CANDIDATE_RUNS("candidate_runs");

    private final String tableName;

    LakeTable(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }
}
