package io.sensequant.ranking;

/**
 * One fold of one candidate: {@code score} (skill over the majority baseline, see {@link Scores}), {@code raw}
 * (balanced accuracy, or rank IC for returns: what the leakage guard compares with its cv_score threshold),
 * the accuracy on the fold's own train rows and the train rows' majority-class share.
 */
record FoldScore(int fold, double score, double raw, double trainAccuracy, double trainMajorityShare, int trainRows,
                 int testRows) {
}
