package io.sensequant.spark;

import io.sensequant.evaluation.MetricsTable;
import io.sensequant.ingest.Guardrails;
import io.sensequant.ingest.IngestLog;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.ingest.SentimentIngestion;
import io.sensequant.ranking.RankingTables;
import io.sensequant.release.CandidateRegistry;
import io.sensequant.training.TeacherRows;
import io.sensequant.training.TrainingTables;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's natural keys agree with the keys the writers MERGE on and with the tables' schemas. */
class LakeTableTest {
    @Test
    void keysMatchTheWritersKeys() {
        assertEquals(OhlcvSchema.KEY, LakeTable.OHLCV.key());
        assertEquals(OhlcvSchema.KEY, LakeTable.FEATURES.key());
        assertEquals(IngestLog.KEY, LakeTable.INGEST_LOG.key());
        assertEquals(SentimentIngestion.KEY, LakeTable.SENTIMENT.key());
        assertEquals(TrainingTables.PREDICTION_KEY, LakeTable.PREDICTIONS.key());
        assertEquals(RankingTables.TARGET_RANKING_KEY, LakeTable.TARGET_RANKING.key());
        assertEquals(RankingTables.FEATURE_SELECTION_KEY, LakeTable.FEATURE_SELECTION.key());
        assertEquals(RankingTables.LEAKAGE_EXCLUSIONS_KEY, LakeTable.LEAKAGE_EXCLUSIONS.key());
        assertEquals(io.sensequant.training.RewardRows.KEY, LakeTable.REWARDS.key());
        assertEquals(io.sensequant.evaluation.StressTables.KEY, LakeTable.STRESS_RESULTS.key());
        assertEquals(io.sensequant.evaluation.StatTestsTables.FOLDS_KEY, LakeTable.STAT_TEST_FOLDS.key());
        assertEquals(io.sensequant.evaluation.StatTestsTables.STRATEGY_KEY, LakeTable.STRATEGY_RETURNS.key());
        assertEquals(Guardrails.REASON, LakeTable.OHLCV_QUARANTINE.key().get(LakeTable.OHLCV_QUARANTINE.key().size() - 1));
    }

    @Test
    void keysAreColumnsOfTheTables() {
        assertKeyIn(LakeTable.INGEST_LOG, IngestLog.SCHEMA);
        assertKeyIn(LakeTable.SENTIMENT, SentimentIngestion.SCHEMA);
        assertKeyIn(LakeTable.PREDICTIONS, TrainingTables.PREDICTIONS);
        assertKeyIn(LakeTable.REWARDS, io.sensequant.training.RewardRows.SCHEMA);
        assertKeyIn(LakeTable.TEACHER_RUNS, TeacherRows.SCHEMA);
        assertKeyIn(LakeTable.METRICS, MetricsTable.SCHEMA);
        assertKeyIn(LakeTable.STRESS_RESULTS, io.sensequant.evaluation.StressTables.SCHEMA);
        assertKeyIn(LakeTable.CANDIDATE_RUNS, CandidateRegistry.SCHEMA);
        assertKeyIn(LakeTable.TARGET_RANKING, RankingTables.TARGET_RANKING);
        assertKeyIn(LakeTable.FEATURE_SELECTION, RankingTables.FEATURE_SELECTION);
        assertKeyIn(LakeTable.LEAKAGE_EXCLUSIONS, RankingTables.LEAKAGE_EXCLUSIONS);
        assertKeyIn(LakeTable.STAT_TEST_FOLDS, io.sensequant.evaluation.StatTestsTables.FOLDS);
        assertKeyIn(LakeTable.STRATEGY_RETURNS, io.sensequant.evaluation.StatTestsTables.STRATEGY);
    }

    @Test
    void lookupByName() {
        assertEquals(LakeTable.OHLCV, LakeTable.byName("ohlcv").orElseThrow());
        assertTrue(LakeTable.byName("OHLCV").isEmpty());
        assertEquals(LakeTable.values().length, Set.copyOf(LakeTable.names()).size());
    }

    private static void assertKeyIn(LakeTable table, StructType schema) {
        List<String> columns = List.of(schema.fieldNames());
        assertTrue(columns.containsAll(table.key()), table + " key " + table.key() + " not in " + columns);
    }
}
