package io.sensequant.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lake's tables (ARCHITECTURE.md), each with its natural key: the columns that identify a row, in the order
 * that reads naturally (exports sort by it). The writing packages keep their own key constants for MERGE; a
 * test checks they agree with these.
 */
public enum LakeTable {
    OHLCV("ohlcv", "symbol", "interval", "ts"),
    INGEST_LOG("ingest_log", "symbol", "interval", "chunk_start"),
    OHLCV_QUARANTINE("ohlcv_quarantine", "symbol", "interval", "ts", "reason"),
    SENTIMENT("sentiment", "symbol", "date"),
    FEATURES("features", "symbol", "interval", "ts"),
    TEACHER_RUNS("teacher_runs", "run_id", "symbol", "window_label"),
    STUDENT_RUNS("student_runs", "run_id", "model"),
    PREDICTIONS("predictions", "run_id", "model", "symbol", "ts"),
    REWARDS("rewards", "run_id", "model", "symbol", "ts"),
    METRICS("metrics", "run_id", "stage", "scope", "metric"),
    TARGET_RANKING("target_ranking", "run_id", "attempt_id", "target", "view"),
    FEATURE_SELECTION("feature_selection", "run_id", "attempt_id", "feature"),
    LEAKAGE_EXCLUSIONS("leakage_exclusions", "run_id", "stage", "attempt_id", "feature"),
    CANDIDATE_RUNS("candidate_runs", "run_id", "seq"),
    STAT_TEST_FOLDS("stat_test_folds", "run_id", "fold"),
    STRATEGY_RETURNS("strategy_returns", "run_id", "date"),
    RUN_CONTEXT("run_context", "run_id", "seq"),
    SNAPSHOT_INDEX("snapshot_index", "run_id", "stage", "table_name", "version"),
    STRESS_RESULTS("stress_results", "run_id", "period"),
    RUN_PROGRESS("run_progress", "run_id", "seq");

    /** Tables of the run's own bookkeeping: their commits carry no identity and are not indexed. */
    public static boolean isBookkeeping(String tableName) {
        return tableName.equals(RUN_CONTEXT.tableName) || tableName.equals(SNAPSHOT_INDEX.tableName)
                || tableName.equals(RUN_PROGRESS.tableName);
    }

    private final String tableName;
    private final List<String> key;

    LakeTable(String tableName, String... key) {
        this.tableName = tableName;
        this.key = List.of(key);
    }

    public String tableName() {
        return tableName;
    }

    /** The natural key; empty for a table that has none. */
    public List<String> key() {
        return key;
    }

    public static Optional<LakeTable> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(LakeTable::tableName).toList();
    }
}
