package io.sensequant.ranking;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a target-ranking task needs (serialised once per Spark task for the SYMBOL_SPECIFIC view): the candidate
 * features and targets, the quick model's tree parameters and the objective per candidate kind, and the folds.
 */
record RankSpec(long baseSeed, int attempt, List<String> features, List<TargetCandidate> candidates,
                Map<String, Object> treeParameters, Map<String, Map<String, Object>> objectives, int nthread, int folds,
                int purgeSessions, int minTrainRows, int maxRowsPerSymbol) implements Serializable {
}
