package io.sensequant.ranking;

import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The leakage guard shared by target ranking and feature selection. A stage reports its scores; a score above
 * {@code safety.leakage_detection.auto_fix_thresholds} is a {@link Trigger}. The guard then looks for the features
 * that explain it: a one-feature model whose balanced accuracy on the held-out sessions reaches
 * {@code single_feature_accuracy}, or a feature whose |Spearman| with the target's forward return reaches
 * {@code future_return_spearman}.
 */
final class LeakageGuard {
    /** A score that tripped a threshold. */
    record Trigger(String target, String scope, String metric, double value, double threshold) {
        String describe() {
            return String.format(Locale.ROOT, "%s %.4f > %s for %s (%s)", metric, value, threshold, target, scope);
        }
    }

    /** A feature that explains a trigger. */
    record Suspect(String feature, String target, Double singleFeatureScore, Double spearman, String trigger, String reason) {
    }

    private final PipelineConfig.LeakageDetection settings;

    LeakageGuard(PipelineConfig.LeakageDetection settings) {
        this.settings = settings;
    }

    boolean enabled() {
        return settings.enabled();
    }

    int maxAttempts() {
        return settings.enabled() ? settings.maxAttempts() : 1;
    }

    /** A cross-validated score (balanced accuracy, or rank IC) above cv_score. */
    List<Trigger> cvScore(String target, String scope, double raw) {
        double threshold = settings.autoFixThresholds().cvScore();
        return Double.isFinite(raw) && raw > threshold ? List.of(new Trigger(target, scope, "cv_score", raw, threshold)) : List.of();
    }

    /**
     * A training accuracy above training_accuracy; ignored when the train rows' majority class alone reaches the
     * threshold (a constant predictor is not a leak).
     */
    List<Trigger> trainingAccuracy(String target, String scope, double accuracy, double majorityShare) {
        double threshold = settings.autoFixThresholds().trainingAccuracy();
        return Double.isFinite(accuracy) && accuracy > threshold && !(majorityShare >= threshold)
                ? List.of(new Trigger(target, scope, "training_accuracy", accuracy, threshold)) : List.of();
    }

    /**
     * The features among {@code columns} that explain {@code trigger}.
     *
     * @param label    the target's class labels (NaN where null), or null for a return target
     * @param forward  the target's forward return (NaN where null)
     * @param holdout  a time-ordered train / validation split for the one-feature models
     * @param params   XGBoost parameters for the one-feature models (a classification objective)
     */
    List<Suspect> suspects(Design design, int[] columns, double[] label, double[] forward, TimeFolds.Fold holdout,
                           Map<String, Object> params, long baseSeed, String seedScope, int nthread, Trigger trigger) {
        List<Suspect> out = new ArrayList<>();
        for (int column : columns) {
            String feature = design.features.get(column);
            double rho = Scores.spearman(design.column(column), forward);
            Double single = null;
            boolean correlated = Double.isFinite(rho) && Math.abs(rho) >= settings.futureReturnSpearman();
            if (label != null && !correlated) {
                int[] train = finite(holdout.train(), label, design, column);
                int[] test = finite(holdout.test(), label, design, column);
                int[] trainTruth = CandidateScorer.labels(label, train);
                int[] testTruth = CandidateScorer.labels(label, test);
                if (train.length > 0 && Scores.classesPresent(trainTruth) >= 2 && Scores.classesPresent(testTruth) >= 2) {
                    int seed = Seeds.deriveInt(baseSeed, "leakage/" + seedScope + "/" + trigger.target() + "/" + feature);
                    try (QuickModel model = QuickModel.fit(design, train, new int[]{column}, label, params, seed, nthread)) {
                        single = Scores.balancedAccuracy(testTruth, QuickModel.classes(model.predict(design, test)));
                    }
                }
            }
            List<String> why = new ArrayList<>();
            if (single != null && single >= settings.singleFeatureAccuracy()) {
                why.add(String.format(Locale.ROOT, "one-feature balanced accuracy %.4f >= %s", single, settings.singleFeatureAccuracy()));
            }
            if (correlated) {
                why.add(String.format(Locale.ROOT, "|Spearman| with the forward return %.4f >= %s", Math.abs(rho),
                        settings.futureReturnSpearman()));
            }
            if (!why.isEmpty()) {
                out.add(new Suspect(feature, trigger.target(), single, Double.isFinite(rho) ? rho : null, trigger.describe(),
                        String.join("; ", why)));
            }
        }
        return out;
    }

    /** Suspects by feature (the first found for each), in the order found. */
    static Map<String, Suspect> byFeature(List<Suspect> suspects) {
        Map<String, Suspect> out = new LinkedHashMap<>();
        suspects.forEach(s -> out.putIfAbsent(s.feature(), s));
        return out;
    }

    private static int[] finite(int[] rows, double[] label, Design design, int column) {
        int p = design.features.size();
        return java.util.Arrays.stream(rows)
                .filter(i -> Double.isFinite(label[i]) && Float.isFinite(design.x[i * p + column])).toArray();
    }
}
