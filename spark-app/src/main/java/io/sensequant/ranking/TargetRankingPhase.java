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
import io.sensequant.features.FeaturePlan;
import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.RowsSha256;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.Fingerprint;
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
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * TARGET_RANKING: every candidate target scored by purged, expanding-window, time-series cross-validation of a
 * quick XGBoost, CROSS_SECTIONAL (a seeded sample of all symbols pooled, on the driver) and SYMBOL_SPECIFIC (per
 * symbol in Spark tasks, then mean and spread across symbols), into {@code target_ranking}, on the sessions before
 * the run's holdout only ({@link FeatureInputs#forSelection}). The best 3-class
 * target of the {@code ranking.choose_by} view becomes the run's training target. A score above the leakage
 * thresholds excludes the features that explain it and reruns the ranking as the next attempt.
 */
public final class TargetRankingPhase implements Phase {
    public static final String NAME = FeatureInputs.TARGET_RANKING_STAGE;
    /** Summary key: features the leakage guard excluded here (feature selection leaves them out too). */
    public static final String EXCLUDED_FEATURES = "excluded_features";
    static final String CROSS_SECTIONAL = "CROSS_SECTIONAL";
    static final String SYMBOL_SPECIFIC = "SYMBOL_SPECIFIC";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.TARGET_RANKING;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig config = context.config();
        PipelineConfig.Ranking settings = config.ranking();
        if (!settings.enabled()) {
            TrainingTarget primary = TrainingTarget.primary(config.features());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("status", "skipped");
            summary.put("reason", "ranking.enabled is false");
            summary.put("target", primary.labelColumn());
            return PhaseResult.of(this, "skipped (ranking.enabled is false); the models train on the primary target '"
                    + primary.labelColumn() + "'", summary, Map.of(), List.of());
        }
        long baseSeed = config.run().baseSeed();
        long featuresVersion = context.inputVersion(LakeTable.FEATURES);
        List<TargetCandidate> candidates = TargetCandidate.all(config.features().candidateTargets());
        List<String> features = FeatureInputs.selectionCandidates(context);
        List<String> targetColumns = candidates.stream().flatMap(c -> Stream.of(c.column(), c.returnColumn())).distinct().toList();
        Column[] needed = Stream.of(Stream.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS, FeatureColumns.DATE), features.stream(),
                targetColumns.stream()).flatMap(s -> s).distinct().map(c -> col(c)).toArray(Column[]::new);
        // both views and the leakage guard see only the sessions before the holdout (selection_end)
        Holdout holdout = FeatureInputs.holdout(context);
        Dataset<Row> input = FeatureInputs.forSelection(context, featuresVersion, NAME).select(needed);
        long total = input.count();
        List<Row> sampled = Sampling.rows(input, settings.maxRows(), total, Seeds.derive(baseSeed, "ranking/sample")).collectAsList();
        Design pooled = Design.of(sampled, features, targetColumns);
        List<String> symbols = Sampling.symbols(context.symbols(), settings.maxSymbols(), baseSeed, "ranking/symbols");
        Dataset<Row> perSymbol = input.where(col(OhlcvSchema.SYMBOL).isin(symbols.toArray()));

        LeakageGuard guard = new LeakageGuard(config.safety().leakageDetection());
        Map<String, Object> treeParameters = config.models().xgboost().hyperparameters().ranking();
        String modelsDir = context.modelsDir();
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, LeakageGuard.Suspect> excluded = new LinkedHashMap<>();
        Map<String, Long> inputs = Map.of(LakeTable.FEATURES.tableName(), featuresVersion);
        for (int attempt = 1; ; attempt++) {
            List<String> active = features.stream().filter(f -> !excluded.containsKey(f)).toList();
            if (active.isEmpty()) {
                throw new LeakageException("target ranking: every candidate feature was excluded as a leak: " + excluded.keySet());
            }
            Map<String, String> signatures = signatures(context, active, treeParameters, settings, pooled.rows, symbols, holdout);
            RankSpec spec = new RankSpec(baseSeed, attempt, active, candidates, new HashMap<>(treeParameters),
                    settings.objectives(), settings.nthread(), settings.folds(), settings.purgeSessions(),
                    settings.minTrainRows(), settings.maxRowsPerSymbol());
            int[] columns = CandidateScorer.columns(pooled, active);
            List<LeakageGuard.Trigger> triggers = new ArrayList<>();
            List<Object[]> table = new ArrayList<>();
            for (TargetCandidate candidate : candidates) {
                List<FoldScore> folds = CandidateScorer.score(pooled, columns, candidate, spec, "pooled");
                double[] scores = folds.stream().mapToDouble(FoldScore::score).toArray();
                double raw = Scores.mean(folds.stream().mapToDouble(FoldScore::raw).toArray());
                double maxTrain = folds.stream().mapToDouble(FoldScore::trainAccuracy).filter(Double::isFinite).max().orElse(Double.NaN);
                triggers.addAll(guard.cvScore(candidate.column(), CROSS_SECTIONAL, raw));
                folds.forEach(f -> triggers.addAll(guard.trainingAccuracy(candidate.column(), CROSS_SECTIONAL + " fold " + f.fold(),
                        f.trainAccuracy(), f.trainMajorityShare())));
                table.add(row(context, attempt, candidate, CROSS_SECTIONAL, Scores.mean(scores), Scores.std(scores), raw, maxTrain,
                        folds.size(), (int) java.util.Arrays.stream(pooled.symbols).distinct().count(),
                        folds.isEmpty() ? 0 : folds.get(folds.size() - 1).trainRows() + folds.get(folds.size() - 1).testRows()));
            }
            Map<String, List<Row>> bySymbol = new HashMap<>();
            for (Row r : SymbolRanking.score(perSymbol, spec).collectAsList()) {
                bySymbol.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r);
            }
            for (TargetCandidate candidate : candidates) {
                List<Row> rows = bySymbol.getOrDefault(candidate.column(), List.of()).stream().filter(r -> !r.isNullAt(3)).toList();
                double[] scores = rows.stream().mapToDouble(r -> r.getDouble(3)).toArray();
                double raw = Scores.mean(rows.stream().mapToDouble(r -> r.getDouble(4)).toArray());
                double maxTrain = rows.stream().filter(r -> !r.isNullAt(5)).mapToDouble(r -> r.getDouble(5)).max().orElse(Double.NaN);
                triggers.addAll(guard.cvScore(candidate.column(), SYMBOL_SPECIFIC, raw));
                table.add(row(context, attempt, candidate, SYMBOL_SPECIFIC, Scores.mean(scores), Scores.std(scores), raw, maxTrain,
                        rows.stream().mapToInt(r -> r.getInt(2)).sum(), rows.size(), rows.stream().mapToLong(r -> r.getLong(6)).sum()));
            }
            if (!guard.enabled()) {
                triggers.clear();
            }
            rank(table);
            Object[] chosen = triggers.isEmpty() ? choose(table, settings.chooseBy()) : null;
            if (chosen != null) {
                chosen[15] = true;
                for (Object[] r : table) {
                    if (r[2].equals(chosen[2])) {
                        r[15] = true;
                    }
                }
            }
            List<Row> rows = table.stream().map(RowFactory::create).toList();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempt_id", attempt);
            details.put("candidates", candidates.stream().map(TargetCandidate::column).toList());
            details.put("features", active);
            details.put("excluded_features", List.copyOf(excluded.keySet()));
            details.put("hyperparameters", treeParameters);
            details.put("objectives", settings.objectives());
            details.put("folds", settings.folds());
            details.put("purge_sessions", settings.purgeSessions());
            details.put(FeatureInputs.HOLDOUT, holdout.asMap());
            details.put("sampled_rows", pooled.rows);
            details.put("symbol_specific_symbols", symbols);
            details.put("choose_by", settings.chooseBy());
            details.put("chosen_target", chosen == null ? null : chosen[2]);
            details.put("leakage_triggers", triggers.stream().map(LeakageGuard.Trigger::describe).toList());
            String dir = Artifacts.attemptDir(modelsDir, "ranking", attempt);
            String sha = Artifacts.writeOnce(context.lake().hadoopConf(), dir + "/scores.json", artifact(table, details));
            details.put("scores_sha256", sha);
            versions.put(LakeTable.TARGET_RANKING.tableName(), context.commits().replace(
                    context.spark().createDataFrame(rows, RankingTables.TARGET_RANKING), LakeTable.TARGET_RANKING,
                    runPredicate(context) + " AND attempt_id = " + attempt,
                    context.snapshot(Stage.TARGET_RANKING, LakeTable.TARGET_RANKING).view(settings.chooseBy())
                            .attempt(attempt).signatures(signatures)
                            .fingerprint(Fingerprint.METRICS_SHA256, RowsSha256.of(
                                    context.spark().createDataFrame(rows, RankingTables.TARGET_RANKING), List.of("run_id")))
                            .nEffective(pooled.rows).inputs(inputs)
                            .rowCounts(Map.of(CROSS_SECTIONAL, (long) candidates.size(), SYMBOL_SPECIFIC, (long) candidates.size()))
                            .details(details).build()));
            if (triggers.isEmpty()) {
                // nothing excluded: creates the (empty) table on first use, so it always exists for queries; Delta skips
                // the commit of an empty replace on an existing table
                versions.put(LakeTable.LEAKAGE_EXCLUSIONS.tableName(), Exclusions.write(context, Stage.TARGET_RANKING, attempt, List.of(), inputs, signatures));
                return result(context, attempt, table, chosen, excluded, versions, dir, pooled.rows, symbols.size());
            }

            List<LeakageGuard.Suspect> found = new ArrayList<>();
            Map<String, LeakageGuard.Trigger> firstByTarget = new LinkedHashMap<>();
            triggers.forEach(t -> firstByTarget.putIfAbsent(t.target(), t));
            for (LeakageGuard.Trigger trigger : firstByTarget.values()) {
                TargetCandidate candidate = candidates.stream().filter(c -> c.column().equals(trigger.target())).findFirst().orElseThrow();
                double[] label = candidate.classification() ? pooled.target(candidate.column()) : null;
                Map<String, Object> params = new HashMap<>(treeParameters);
                params.putAll(settings.objectives().get(candidate.classification() ? candidate.kind() : TargetCandidate.THREE_CLASS));
                TimeFolds.Fold guardSplit = TimeFolds.holdout(pooled, 1.0 / (settings.folds() + 1),
                        Math.max(settings.purgeSessions(), candidate.horizonDays()), i -> true);
                found.addAll(guard.suspects(pooled, columns, label, pooled.target(candidate.returnColumn()), guardSplit, params,
                        baseSeed, "ranking/attempt_" + attempt, settings.nthread(), trigger));
            }
            Map<String, LeakageGuard.Suspect> suspects = LeakageGuard.byFeature(found);
            versions.put(LakeTable.LEAKAGE_EXCLUSIONS.tableName(), Exclusions.write(context, Stage.TARGET_RANKING, attempt, suspects.values(), inputs, signatures));
            String scores = triggers.stream().map(LeakageGuard.Trigger::describe).distinct().limit(6)
                    .reduce((a, b) -> a + "; " + b).orElse("");
            if (suspects.isEmpty()) {
                throw new LeakageException("target ranking attempt " + attempt + ": leakage suspected (" + scores
                        + ") but no single feature explains it; check the features for look-ahead");
            }
            if (attempt >= guard.maxAttempts()) {
                throw new LeakageException("target ranking: leakage persists after " + attempt + " attempt(s) "
                        + "(safety.leakage_detection.max_attempts " + guard.maxAttempts() + "): suspect features "
                        + suspects.keySet() + " (" + describe(suspects.values()) + "); scores: " + scores
                        + (excluded.isEmpty() ? "" : "; already excluded: " + excluded.keySet()));
            }
            excluded.putAll(suspects);
            context.newAttempt(Stage.TARGET_RANKING, attempt + 1, "leakage suspected (" + scores + "): excluded "
                    + suspects.keySet());
        }
    }

    /**
     * The identity of a ranking attempt: every candidate target, the candidate features, the quick models' parameters
     * and the fold rules with the rows and symbols they were applied to, and the holdout they stopped before.
     */
    private static Map<String, String> signatures(RunContext context, List<String> features, Map<String, Object> treeParameters,
                                                  PipelineConfig.Ranking settings, int sampledRows, List<String> symbols,
                                                  Holdout holdout) {
        PipelineConfig config = context.config();
        Map<String, String> signatures = new LinkedHashMap<>();
        signatures.put(StageIdentity.TARGET, Signatures.targets(config.features()));
        signatures.put(StageIdentity.FEATURE, Signatures.features(
                FeaturePlan.load(io.sensequant.config.ConfDir.locate(), config.features()).signature(), features));
        signatures.put(StageIdentity.HPARAMS, Signatures.hparams("ranking", treeParameters,
                Map.of("objectives", settings.objectives())));
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("folds", settings.folds());
        split.put("purge_sessions", settings.purgeSessions());
        split.put("min_train_rows", settings.minTrainRows());
        split.put("max_rows", settings.maxRows());
        split.put("sampled_rows", sampledRows);
        split.put("max_rows_per_symbol", settings.maxRowsPerSymbol());
        split.put("symbol_specific_symbols", symbols);
        split.put(FeatureInputs.HOLDOUT, holdout.asMap());
        signatures.put(StageIdentity.SPLIT, Signatures.split(split));
        return signatures;
    }

    static String describe(java.util.Collection<LeakageGuard.Suspect> suspects) {
        return suspects.stream().map(s -> s.feature() + ": " + s.reason()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static Object[] row(RunContext context, int attempt, TargetCandidate candidate, String view, double mean, double std,
                                double raw, double maxTrain, int folds, int symbols, long rows) {
        return new Object[]{context.runId(), attempt, candidate.column(), candidate.kind(), candidate.horizonDays(),
                candidate.threshold(), view, RankingTables.orNull(mean), RankingTables.orNull(std), RankingTables.orNull(raw),
                RankingTables.orNull(maxTrain), folds, symbols, rows, null, false};
    }

    /** Rank 1 = the best score within each view; candidates without a score get no rank. */
    private static void rank(List<Object[]> table) {
        for (String view : List.of(CROSS_SECTIONAL, SYMBOL_SPECIFIC)) {
            List<Object[]> scored = table.stream().filter(r -> r[6].equals(view) && r[7] != null)
                    .sorted(Comparator.<Object[]>comparingDouble(r -> -(Double) r[7]).thenComparing(r -> (String) r[2])).toList();
            for (int i = 0; i < scored.size(); i++) {
                scored.get(i)[14] = i + 1;
            }
        }
    }

    /** The best-ranked 3-class candidate of {@code view} (the models are 3-class), or null when none was scored. */
    private static Object[] choose(List<Object[]> table, String view) {
        return table.stream().filter(r -> r[6].equals(view) && r[3].equals(TargetCandidate.THREE_CLASS) && r[14] != null)
                .min(Comparator.comparingInt(r -> (Integer) r[14])).orElse(null);
    }

    private static Map<String, Object> artifact(List<Object[]> table, Map<String, Object> details) {
        Map<String, Object> out = new LinkedHashMap<>(details);
        List<Map<String, Object>> scores = new ArrayList<>();
        String[] names = RankingTables.TARGET_RANKING.fieldNames();
        for (Object[] r : table) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], r[i]);
            }
            scores.add(m);
        }
        out.put("scores", scores);
        return out;
    }

    private PhaseResult result(RunContext context, int attempt, List<Object[]> table, Object[] chosen,
                               Map<String, LeakageGuard.Suspect> excluded, Map<String, Long> versions, String dir,
                               int sampledRows, int symbols) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("attempt_id", attempt);
        summary.put("candidates", table.size() / 2);
        summary.put("sampled_rows", sampledRows);
        summary.put("symbol_specific_symbols", symbols);
        summary.put(EXCLUDED_FEATURES, List.copyOf(excluded.keySet()));
        summary.put("artifacts", dir);
        String headline;
        if (chosen == null) {
            TrainingTarget primary = TrainingTarget.primary(context.config().features());
            summary.put("status", "no 3-class candidate could be scored; primary target used");
            headline = String.format(Locale.ROOT, "%d candidates, none of the 3-class ones scored; the models train on '%s'",
                    table.size() / 2, primary.labelColumn());
        } else {
            summary.put("status", "chosen");
            summary.put(FeatureInputs.CHOSEN_TARGET, chosen[2]);
            summary.put(FeatureInputs.CHOSEN_HORIZON_DAYS, chosen[4]);
            summary.put("chosen_score", chosen[7]);
            Object[] best = table.stream().filter(r -> r[6].equals(chosen[6]) && Integer.valueOf(1).equals(r[14])).findFirst().orElse(chosen);
            summary.put("best_any_kind", best[2]);
            headline = String.format(Locale.ROOT, "%d candidates × 2 views on %,d sampled rows and %d symbols; chosen %s "
                            + "(%s skill %.3f ± %.3f)%s", table.size() / 2, sampledRows, symbols, chosen[2], chosen[6],
                    (Double) chosen[7], chosen[8] == null ? 0.0 : (Double) chosen[8],
                    excluded.isEmpty() ? "" : "; attempt " + attempt + ", excluded as leaks: " + excluded.keySet());
        }
        return PhaseResult.of(this, headline, summary, versions, List.of(context.lake().path(LakeTable.TARGET_RANKING), dir));
    }

    static String runPredicate(RunContext context) {
        return "run_id = '" + context.runId() + "'";
    }
}
