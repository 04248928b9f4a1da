package io.sensequant.ranking;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.features.TrainingTarget;
import io.sensequant.holdout.Holdout;
import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * FEATURE_SELECTION: the candidate features ({@code training.feature_columns}, less those target ranking excluded
 * as leaks) ranked on the run's training target by three methods: XGBoost total gain, permutation importance
 * (mean increase of validation log loss when the feature's validation values are shuffled) on a time-ordered,
 * purged validation split, and |Spearman| with the target's forward return on the train rows, all on the sessions
 * before the run's holdout ({@link FeatureInputs#forSelection}). The aggregate rank
 * is the mean of the three ranks. A correlation filter drops the less important of any pair whose |Pearson r|
 * exceeds {@code selection.correlation_threshold}; the {@code selection.top_k} best of the rest are selected.
 * Each attempt writes its rows to {@code feature_selection} and its importances under
 * {@code <lake>/models/<run_id>/selection/attempt_<n>/}; a leak (validation balanced accuracy or training
 * accuracy above the guard's thresholds) excludes the suspects and runs the next attempt.
 */
public final class FeatureSelectionPhase implements Phase {
    public static final String NAME = FeatureInputs.FEATURE_SELECTION_STAGE;
    private static final double LOG_FLOOR = 1e-15;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.FEATURE_SELECTION;
    }

    @Override
    @SuppressWarnings("unchecked")
    public PhaseResult run(RunContext context) {
        PipelineConfig config = context.config();
        PipelineConfig.Selection settings = config.selection();
        List<String> configured = FeatureInputs.selectionCandidates(context);
        if (!settings.enabled()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("status", "skipped");
            summary.put("reason", "selection.enabled is false");
            return PhaseResult.of(this, "skipped (selection.enabled is false); the models use training.feature_columns ("
                    + configured.size() + " features)", summary, Map.of(), List.of());
        }
        long baseSeed = config.run().baseSeed();
        long featuresVersion = context.inputVersion(LakeTable.FEATURES);
        TrainingTarget target = FeatureInputs.target(context);
        Map<String, String> excluded = new LinkedHashMap<>();
        context.result(Stage.TARGET_RANKING).map(r -> (List<String>) r.summary().get(TargetRankingPhase.EXCLUDED_FEATURES))
                .ifPresent(list -> list.forEach(f -> excluded.put(f, "leakage: excluded by target ranking")));
        List<String> candidates = configured;
        Column[] needed = Stream.of(Stream.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS, FeatureColumns.DATE), candidates.stream(),
                Stream.of(FeatureColumns.LABEL, FeatureColumns.FORWARD_RETURN)).flatMap(s -> s).distinct()
                .map(c -> col(c)).toArray(Column[]::new);
        // the validation block and the leakage guard's holdout are the last sessions before the run's holdout
        Holdout holdout = FeatureInputs.holdout(context);
        Dataset<Row> input = FeatureInputs.withTarget(FeatureInputs.forSelection(context, featuresVersion, NAME), target)
                .select(needed);
        long total = input.count();
        List<Row> sampled = Sampling.rows(input, settings.maxRows(), total, Seeds.derive(baseSeed, "selection/sample")).collectAsList();
        Design design = Design.of(sampled, candidates, List.of(FeatureColumns.LABEL, FeatureColumns.FORWARD_RETURN));
        double[] label = design.target(FeatureColumns.LABEL);
        double[] forward = design.target(FeatureColumns.FORWARD_RETURN);
        TimeFolds.Fold split = TimeFolds.holdout(design, settings.validationFraction(), target.horizonDays(),
                i -> Double.isFinite(label[i]));
        if (split.train().length == 0 || split.test().length == 0) {
            throw new IllegalStateException("feature selection: " + split.train().length + " train and " + split.test().length
                    + " validation rows from " + design.rows + " sampled rows; need both (fewer sessions than the split needs?)");
        }
        Map<String, Object> hyperparameters = config.models().xgboost().hyperparameters().selection();
        LeakageGuard guard = new LeakageGuard(config.safety().leakageDetection());
        String modelsDir = context.modelsDir();
        Map<String, Long> inputs = Map.of(LakeTable.FEATURES.tableName(), featuresVersion);
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, LeakageGuard.Suspect> leaks = new LinkedHashMap<>();
        for (int attempt = 1; ; attempt++) {
            List<String> active = candidates.stream().filter(f -> !excluded.containsKey(f)).toList();
            if (active.isEmpty()) {
                throw new LeakageException("feature selection: no candidate feature left; excluded: " + excluded);
            }
            int[] columns = CandidateScorer.columns(design, active);
            Map<String, String> signatures = signatures(context, target, active, hyperparameters, settings, design.rows, split, holdout);
            int seed = Seeds.deriveInt(baseSeed, "selection/attempt_" + attempt + "/model");
            Attempt result;
            try (QuickModel model = QuickModel.fit(design, split.train(), columns, label, hyperparameters, seed, settings.nthread())) {
                result = evaluate(design, model, columns, active, split, label, forward, settings, baseSeed, attempt);
            }
            List<LeakageGuard.Trigger> triggers = new ArrayList<>();
            if (guard.enabled()) {
                triggers.addAll(guard.cvScore(target.labelColumn(), "selection validation", result.validationBalancedAccuracy));
                triggers.addAll(guard.trainingAccuracy(target.labelColumn(), "selection train", result.trainAccuracy,
                        result.trainMajorityShare));
            }
            List<Row> rows = new ArrayList<>();
            for (int j = 0; j < active.size(); j++) {
                rows.add(RowFactory.create(context.runId(), attempt, active.get(j), target.labelColumn(),
                        RankingTables.orNull(result.gain[j]), RankingTables.orNull(result.permutation[j]),
                        RankingTables.orNull(result.spearman[j]), result.rankGain[j], result.rankPermutation[j],
                        result.rankSpearman[j], result.aggregate[j], result.rank[j],
                        triggers.isEmpty() && result.selected.contains(active.get(j)), result.reasons.get(active.get(j))));
            }
            for (Map.Entry<String, String> leak : excluded.entrySet()) {
                rows.add(RowFactory.create(context.runId(), attempt, leak.getKey(), target.labelColumn(),
                        null, null, null, null, null, null, null, null, false, leak.getValue()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempt_id", attempt);
            details.put("target", target.labelColumn());
            details.put("candidates", candidates);
            details.put("excluded", excluded);
            details.put("selected_features", triggers.isEmpty() ? result.selected : List.of());
            details.put("hyperparameters", hyperparameters);
            details.put("seed", seed);
            details.put("sampled_rows", design.rows);
            details.put("train_rows", split.train().length);
            details.put("validation_rows", split.test().length);
            details.put(FeatureInputs.HOLDOUT, holdout.asMap());
            details.put("training_accuracy", RankingTables.orNull(result.trainAccuracy));
            details.put("validation_balanced_accuracy", RankingTables.orNull(result.validationBalancedAccuracy));
            details.put("leakage_triggers", triggers.stream().map(LeakageGuard.Trigger::describe).toList());
            String dir = Artifacts.attemptDir(modelsDir, "selection", attempt);
            Map<String, Object> artifact = new LinkedHashMap<>(details);
            artifact.put("importances", rows.stream().map(FeatureSelectionPhase::asMap).toList());
            details.put("importances_sha256", Artifacts.writeOnce(context.lake().hadoopConf(), dir + "/importances.json", artifact));
            versions.put(LakeTable.FEATURE_SELECTION.tableName(), context.commits().replace(
                    context.spark().createDataFrame(rows, RankingTables.FEATURE_SELECTION), LakeTable.FEATURE_SELECTION,
                    TargetRankingPhase.runPredicate(context) + " AND attempt_id = " + attempt,
                    context.snapshot(Stage.FEATURE_SELECTION, LakeTable.FEATURE_SELECTION)
                            .view(io.sensequant.repro.Signatures.CROSS_SECTIONAL).target(target.labelColumn())
                            .attempt(attempt).signatures(signatures)
                            .fingerprint(io.sensequant.snapshot.Fingerprint.METRICS_SHA256, io.sensequant.repro.RowsSha256.of(
                                    context.spark().createDataFrame(rows, RankingTables.FEATURE_SELECTION), List.of("run_id")))
                            .nEffective(split.train().length).inputs(inputs)
                            .rowCounts(Map.of("candidates", (long) active.size(), "selected", (long) (triggers.isEmpty() ? result.selected.size() : 0)))
                            .details(details).build()));
            if (triggers.isEmpty()) {
                // nothing excluded: creates the (empty) table on first use, so it always exists for queries; Delta skips
                // the commit of an empty replace on an existing table
                versions.put(LakeTable.LEAKAGE_EXCLUSIONS.tableName(), Exclusions.write(context, Stage.FEATURE_SELECTION, attempt, List.of(), inputs, signatures));
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("status", "selected");
                summary.put("attempt_id", attempt);
                summary.put("target", target.labelColumn());
                summary.put(FeatureInputs.SELECTED_FEATURES, result.selected);
                summary.put("candidates", candidates.size());
                summary.put(TargetRankingPhase.EXCLUDED_FEATURES, List.copyOf(excluded.keySet()));
                summary.put("training_accuracy", RankingTables.orNull(result.trainAccuracy));
                summary.put("validation_balanced_accuracy", RankingTables.orNull(result.validationBalancedAccuracy));
                summary.put("artifacts", dir);
                String headline = String.format(Locale.ROOT, "%d of %d features selected for %s (validation balanced accuracy "
                                + "%.3f, train accuracy %.3f): %s%s", result.selected.size(), candidates.size(), target.labelColumn(),
                        result.validationBalancedAccuracy, result.trainAccuracy, String.join(", ", result.selected),
                        leaks.isEmpty() ? "" : "; attempt " + attempt + ", excluded as leaks: " + leaks.keySet());
                return PhaseResult.of(this, headline, summary, versions, List.of(context.lake().path(LakeTable.FEATURE_SELECTION), dir));
            }
            List<LeakageGuard.Suspect> found = new ArrayList<>();
            for (LeakageGuard.Trigger trigger : triggers.subList(0, 1)) {
                found.addAll(guard.suspects(design, columns, label, forward, split, hyperparameters, baseSeed,
                        "selection/attempt_" + attempt, settings.nthread(), trigger));
            }
            Map<String, LeakageGuard.Suspect> suspects = LeakageGuard.byFeature(found);
            versions.put(LakeTable.LEAKAGE_EXCLUSIONS.tableName(), Exclusions.write(context, Stage.FEATURE_SELECTION, attempt, suspects.values(), inputs, signatures));
            String scores = triggers.stream().map(LeakageGuard.Trigger::describe).reduce((a, b) -> a + "; " + b).orElse("");
            if (suspects.isEmpty()) {
                throw new LeakageException("feature selection attempt " + attempt + ": leakage suspected (" + scores
                        + ") but no single feature explains it; check the features for look-ahead");
            }
            if (attempt >= guard.maxAttempts()) {
                throw new LeakageException("feature selection: leakage persists after " + attempt + " attempt(s) "
                        + "(safety.leakage_detection.max_attempts " + guard.maxAttempts() + "): suspect features "
                        + suspects.keySet() + " (" + TargetRankingPhase.describe(suspects.values()) + "); scores: " + scores
                        + (leaks.isEmpty() ? "" : "; already excluded: " + leaks.keySet()));
            }
            leaks.putAll(suspects);
            int next = attempt + 1;
            suspects.values().forEach(s -> excluded.put(s.feature(), "leakage (attempt " + next + "): " + s.reason()));
            context.newAttempt(Stage.FEATURE_SELECTION, next, "leakage suspected (" + scores + "): excluded " + suspects.keySet());
        }
    }

    /** The identity of a selection attempt: target, candidates, the model's parameters and selection rules, the split. */
    private static Map<String, String> signatures(RunContext context, TrainingTarget target, List<String> candidates,
                                                  Map<String, Object> hyperparameters, PipelineConfig.Selection settings,
                                                  int sampledRows, TimeFolds.Fold split, Holdout holdout) {
        PipelineConfig config = context.config();
        Map<String, String> signatures = new LinkedHashMap<>();
        signatures.put(io.sensequant.identity.StageIdentity.TARGET, io.sensequant.repro.Signatures.target(target, config.features()));
        signatures.put(io.sensequant.identity.StageIdentity.FEATURE, io.sensequant.repro.Signatures.features(
                io.sensequant.features.FeaturePlan.load(io.sensequant.config.ConfDir.locate(), config.features()).signature(), candidates));
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("top_k", settings.topK());
        rules.put("permutation_repeats", settings.permutationRepeats());
        rules.put("correlation_threshold", settings.correlationThreshold());
        signatures.put(io.sensequant.identity.StageIdentity.HPARAMS, io.sensequant.repro.Signatures.hparams("selection", hyperparameters, rules));
        Map<String, Object> boundaries = new LinkedHashMap<>();
        boundaries.put("max_rows", settings.maxRows());
        boundaries.put("sampled_rows", sampledRows);
        boundaries.put("validation_fraction", settings.validationFraction());
        boundaries.put("purge_sessions", target.horizonDays());
        boundaries.put("train_rows", split.train().length);
        boundaries.put("validation_rows", split.test().length);
        boundaries.put(FeatureInputs.HOLDOUT, holdout.asMap());
        signatures.put(io.sensequant.identity.StageIdentity.SPLIT, io.sensequant.repro.Signatures.split(boundaries));
        return signatures;
    }

    private static Map<String, Object> asMap(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] names = RankingTables.FEATURE_SELECTION.fieldNames();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], row.get(i));
        }
        return m;
    }

    /** One attempt's importances, ranks and selection. */
    private static final class Attempt {
        double trainAccuracy;
        double trainMajorityShare;
        double validationBalancedAccuracy;
        double[] gain;
        double[] permutation;
        double[] spearman;
        Integer[] rankGain;
        Integer[] rankPermutation;
        Integer[] rankSpearman;
        Double[] aggregate;
        Integer[] rank;
        List<String> selected = new ArrayList<>();
        Map<String, String> reasons = new HashMap<>();
    }

    private static Attempt evaluate(Design design, QuickModel model, int[] columns, List<String> active, TimeFolds.Fold split,
                                    double[] label, double[] forward, PipelineConfig.Selection settings, long baseSeed, int attempt) {
        Attempt a = new Attempt();
        int[] trainTruth = CandidateScorer.labels(label, split.train());
        int[] testTruth = CandidateScorer.labels(label, split.test());
        a.trainAccuracy = Scores.accuracy(trainTruth, QuickModel.classes(model.predict(design, split.train())));
        a.trainMajorityShare = Scores.majorityShare(trainTruth);
        float[] validation = design.slice(split.test(), columns);
        float[][] probabilities = model.predict(validation, split.test().length);
        a.validationBalancedAccuracy = Scores.balancedAccuracy(testTruth, QuickModel.classes(probabilities));
        double baseLoss = logLoss(testTruth, probabilities);
        int p = columns.length;
        int n = split.test().length;
        a.gain = model.gain();
        a.permutation = new double[p];
        a.spearman = new double[p];
        double[] trainForward = CandidateScorer.values(forward, split.train());
        for (int j = 0; j < p; j++) {
            double increase = 0;
            for (int r = 0; r < settings.permutationRepeats(); r++) {
                float[] shuffled = validation.clone();
                SplittableRandom random = new SplittableRandom(Seeds.derive(baseSeed,
                        "selection/attempt_" + attempt + "/permutation/" + active.get(j) + "/" + r));
                for (int i = n - 1; i > 0; i--) {
                    int k = random.nextInt(i + 1);
                    float t = shuffled[i * p + j];
                    shuffled[i * p + j] = shuffled[k * p + j];
                    shuffled[k * p + j] = t;
                }
                increase += logLoss(testTruth, model.predict(shuffled, n)) - baseLoss;
            }
            a.permutation[j] = increase / settings.permutationRepeats();
            double[] values = CandidateScorer.values(design.column(columns[j]), split.train());
            a.spearman[j] = Math.abs(Scores.spearman(values, trainForward));
        }
        a.rankGain = ranks(a.gain);
        a.rankPermutation = ranks(a.permutation);
        a.rankSpearman = ranks(a.spearman);
        a.aggregate = new Double[p];
        for (int j = 0; j < p; j++) {
            a.aggregate[j] = (a.rankGain[j] + a.rankPermutation[j] + a.rankSpearman[j]) / 3.0;
        }
        Integer[] order = IntStream.range(0, p).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> a.aggregate[j]).thenComparing(active::get)).toArray(Integer[]::new);
        a.rank = new Integer[p];
        List<Integer> kept = new ArrayList<>();
        for (int position = 0; position < order.length; position++) {
            int j = order[position];
            a.rank[j] = position + 1;
            double[] values = CandidateScorer.values(design.column(columns[j]), split.train());
            String reason = null;
            for (int k : kept) {
                double r = Scores.pearson(values, CandidateScorer.values(design.column(columns[k]), split.train()));
                if (Double.isFinite(r) && Math.abs(r) > settings.correlationThreshold()) {
                    reason = String.format(Locale.ROOT, "correlated with %s (|r| = %.3f > %s), which ranks higher",
                            active.get(k), Math.abs(r), settings.correlationThreshold());
                    break;
                }
            }
            if (reason != null) {
                a.reasons.put(active.get(j), reason);
            } else {
                kept.add(j);
                if (a.selected.size() < settings.topK()) {
                    a.selected.add(active.get(j));
                } else {
                    a.reasons.put(active.get(j), "below top_k " + settings.topK());
                }
            }
        }
        return a;
    }

    /** Rank 1 = largest value; NaN ranks last. */
    private static Integer[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().sorted(Comparator.comparingDouble(
                (Integer j) -> Double.isFinite(values[j]) ? -values[j] : Double.POSITIVE_INFINITY).thenComparingInt(j -> j))
                .toArray(Integer[]::new);
        Integer[] out = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            out[order[i]] = i + 1;
        }
        return out;
    }

    private static double logLoss(int[] truth, float[][] probabilities) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            float[] p = probabilities[i];
            double q = p.length == 1 ? (truth[i] == 1 ? p[0] : 1 - p[0]) : p[truth[i]];
            sum -= Math.log(Math.max(q, LOG_FLOOR));
        }
        return truth.length == 0 ? Double.NaN : sum / truth.length;
    }
}
