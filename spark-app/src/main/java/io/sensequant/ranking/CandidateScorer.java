package io.sensequant.ranking;

import io.sensequant.identity.Seeds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cross-validated predictability of one candidate target on one {@link Design} (all symbols, or one symbol). */
final class CandidateScorer {
    private CandidateScorer() {
    }

    /** The scored folds (folds with too few rows, or a single class in the test block, are left out). */
    static List<FoldScore> score(Design design, int[] columns, TargetCandidate candidate, RankSpec spec, String scope) {
        double[] target = design.target(candidate.column());
        int purge = Math.max(spec.purgeSessions(), candidate.horizonDays());
        Map<String, Object> params = new HashMap<>(spec.treeParameters());
        params.putAll(spec.objectives().get(candidate.kind()));
        List<FoldScore> out = new ArrayList<>();
        for (TimeFolds.Fold fold : TimeFolds.plan(design, spec.folds(), purge, i -> Double.isFinite(target[i]))) {
            if (fold.train().length < spec.minTrainRows() || fold.test().length < spec.minTrainRows()) {
                continue;
            }
            int seed = Seeds.deriveInt(spec.baseSeed(), "ranking/attempt_" + spec.attempt() + "/" + scope + "/"
                    + candidate.column() + "/fold_" + fold.number());
            if (candidate.classification()) {
                int[] testTruth = labels(target, fold.test());
                int[] trainTruth = labels(target, fold.train());
                if (Scores.classesPresent(testTruth) < 2 || Scores.classesPresent(trainTruth) < 2) {
                    continue;
                }
                try (QuickModel model = QuickModel.fit(design, fold.train(), columns, target, params, seed, spec.nthread())) {
                    int[] predicted = QuickModel.classes(model.predict(design, fold.test()));
                    int[] trainPredicted = QuickModel.classes(model.predict(design, fold.train()));
                    out.add(new FoldScore(fold.number(), Scores.adjustedBalancedAccuracy(testTruth, predicted),
                            Scores.balancedAccuracy(testTruth, predicted), Scores.accuracy(trainTruth, trainPredicted),
                            Scores.majorityShare(trainTruth), fold.train().length, fold.test().length));
                }
            } else {
                try (QuickModel model = QuickModel.fit(design, fold.train(), columns, target, params, seed, spec.nthread())) {
                    double ic = Scores.spearman(QuickModel.values(model.predict(design, fold.test())), values(target, fold.test()));
                    out.add(new FoldScore(fold.number(), ic, ic, Double.NaN, Double.NaN, fold.train().length, fold.test().length));
                }
            }
        }
        return out;
    }

    static int[] labels(double[] target, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (int) target[rows[i]];
        }
        return out;
    }

    static double[] values(double[] target, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = target[rows[i]];
        }
        return out;
    }

    static int[] columns(Design design, List<String> features) {
        return features.stream().mapToInt(f -> {
            int j = design.features.indexOf(f);
            if (j < 0) {
                throw new IllegalArgumentException("feature '" + f + "' was not loaded");
            }
            return j;
        }).toArray();
    }
}
