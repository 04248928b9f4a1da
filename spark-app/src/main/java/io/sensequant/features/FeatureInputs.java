package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.holdout.Holdout;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * How every stage after phase 2 reads features: the run's slice (symbols, interval, dates) of the version the
 * features phase wrote, capped by {@code features.max_rows_per_symbol}, and the model input columns. Selection
 * stages read through {@link #forSelection}, which ends at the run's {@link Holdout}: the only filter that keeps
 * them off the student's test period.
 */
public final class FeatureInputs {
    private FeatureInputs() {
    }

    public static Dataset<Row> read(RunContext context, long version) {
        PipelineConfig.Run run = context.config().run();
        Dataset<Row> slice = context.lake().readVersion(LakeTable.FEATURES, version)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(run.interval()))
                        .and(col(FeatureColumns.DATE).between(lit(Date.valueOf(run.startDate())), lit(Date.valueOf(run.endDate())))));
        return FeatureRows.limitPerSymbol(slice, context.config().features().maxRowsPerSymbol());
    }

    /** Summary key of the FEATURES stage: the run's {@link Holdout#asMap() holdout}, read back by {@link #holdout}. */
    public static final String HOLDOUT = "holdout";
    private static final String HOLDOUT_ERROR = "error";

    /** Summary keys through which the ranking and selection stages hand their choice to training. */
    public static final String CHOSEN_TARGET = "chosen_target";
    public static final String CHOSEN_HORIZON_DAYS = "chosen_horizon_days";
    public static final String SELECTED_FEATURES = "selected_features";

    /**
     * The rows the models train on: {@link #read} with the run's training target exposed as {@code label} and
     * {@code fwd_return}, so the trainers never need to know which candidate was chosen. A candidate with a longer
     * horizon than {@code forecast_horizon_days} has no label on each symbol's last rows (no future that far);
     * those rows are left out, as the features phase leaves out rows without the primary target's future.
     */
    public static Dataset<Row> forTraining(RunContext context, long version) {
        return withTarget(read(context, version), target(context));
    }

    /** {@code rows} with {@code target} exposed as {@code label} and {@code fwd_return} (see {@link #forTraining}). */
    public static Dataset<Row> withTarget(Dataset<Row> rows, TrainingTarget target) {
        return target.isPrimary() ? rows : rows.where(col(target.labelColumn()).isNotNull())
                .withColumn(FeatureColumns.LABEL, col(target.labelColumn()))
                .withColumn(FeatureColumns.FORWARD_RETURN, col(target.returnColumn()));
    }

    /**
     * The rows a selection stage ({@code stage}: target ranking, feature selection and their leakage guard, any
     * tuning) may look at: {@link #read} up to the holdout's {@code selection_end}, after checking that they span
     * at least {@code ranking.min_selection_sessions} sessions. Every label here ends before the test period.
     */
    public static Dataset<Row> forSelection(RunContext context, long version, String stage) {
        Holdout holdout = holdout(context).requireSelectionSessions(stage, context.config().ranking().minSelectionSessions());
        return read(context, version).where(col(FeatureColumns.DATE).leq(lit(Date.valueOf(holdout.selectionEnd()))));
    }

    /**
     * The run's holdout: the one the FEATURES stage recorded in its summary (this run, or the recorded run a
     * {@code --resume} continues); when the features were not written by a phase of this context (a stage run on
     * its own over an existing features table), the same {@link #planHoldout} over the features version read.
     */
    public static Holdout holdout(RunContext context) {
        return context.result(Stage.FEATURES)
                .map(r -> r.summary().get(HOLDOUT))
                .filter(m -> m instanceof Map<?, ?> map && map.get(HOLDOUT_ERROR) == null)
                .map(m -> Holdout.fromMap((Map<?, ?>) m))
                .orElseGet(() -> planHoldout(context, context.inputVersion(LakeTable.FEATURES)));
    }

    /**
     * The FEATURES summary's {@link #HOLDOUT} entry: the holdout's map, or, when the sessions are too few for one,
     * {@code {error: <the user error>}} (the features themselves are still written, e.g. for the {@code features}
     * command; the first stage that needs the holdout stops with that error).
     */
    public static Map<String, Object> holdoutSummary(PipelineConfig config, List<LocalDate> sessions) {
        try {
            return holdout(config, sessions).asMap();
        } catch (io.sensequant.config.ConfigException tooFew) {
            return Map.of(HOLDOUT_ERROR, tooFew.getMessage());
        }
    }

    /** The holdout of the run's feature sessions in {@code version}: the FEATURES stage calls this once and records it. */
    public static Holdout planHoldout(RunContext context, long version) {
        return holdout(context.config(), sessions(read(context, version)));
    }

    /** The distinct dates of {@code rows}, ascending. */
    public static List<LocalDate> sessions(Dataset<Row> rows) {
        return rows.select(FeatureColumns.DATE).distinct().orderBy(FeatureColumns.DATE)
                .collectAsList().stream().map(r -> r.getDate(0).toLocalDate()).toList();
    }

    /** The holdout over the run's feature {@code sessions}, with the train fraction and purge from {@code config}. */
    public static Holdout holdout(PipelineConfig config, List<LocalDate> sessions) {
        return Holdout.of(sessions, config.training().student().trainFraction(), Holdout.purgeSessions(config.features()));
    }

    /**
     * The stages that learn from the sessions before the holdout, in run order, as {@link Holdout#requireSelectionSessions}
     * names them: the enabled selection stages, then the student.
     */
    public static List<String> selectionStages(PipelineConfig config) {
        List<String> stages = new ArrayList<>();
        if (config.ranking().enabled()) {
            stages.add(TARGET_RANKING_STAGE);
        }
        if (config.selection().enabled()) {
            stages.add(FEATURE_SELECTION_STAGE);
        }
        stages.add(STUDENT_STAGE);
        return stages;
    }

    /** Every stage of {@link #selectionStages} has at least {@code ranking.min_selection_sessions} sessions before the holdout. */
    public static Holdout requireSelectionSessions(PipelineConfig config, Holdout holdout) {
        selectionStages(config).forEach(stage -> holdout.requireSelectionSessions(stage, config.ranking().minSelectionSessions()));
        return holdout;
    }

    /**
     * The sessions the features phase will keep, planned from the calendar's {@code tradingDays} of the run
     * (for {@code run --dryrun}): less the warm-up bars (warmup_policy drop), less the last
     * {@code forecast_horizon_days} (no label), capped at the last {@code max_rows_per_symbol}. Exact for a symbol
     * with a bar on every session; missing bars only shift the real holdout, which the FEATURES stage computes.
     */
    public static List<LocalDate> plannedSessions(List<LocalDate> tradingDays, int warmupBars, PipelineConfig.Features settings) {
        int from = settings.warmupPolicy().equals(PipelineConfig.Features.KEEP) ? 0 : Math.min(warmupBars, tradingDays.size());
        int to = Math.max(from, tradingDays.size() - settings.forecastHorizonDays());
        if (settings.maxRowsPerSymbol() > 0) {
            from = Math.max(from, to - settings.maxRowsPerSymbol());
        }
        return tradingDays.subList(from, to);
    }

    /** Stage names in holdout errors (the phases' console names, which live above this package). */
    public static final String TARGET_RANKING_STAGE = "target ranking";
    public static final String FEATURE_SELECTION_STAGE = "feature selection";
    public static final String STUDENT_STAGE = "student model (cross-sectional)";

    /** The target chosen by this run's TARGET_RANKING stage, else the primary target from config. */
    public static TrainingTarget target(RunContext context) {
        return context.result(io.sensequant.snapshot.Stage.TARGET_RANKING)
                .filter(r -> r.summary().get(CHOSEN_TARGET) != null)
                .map(r -> TrainingTarget.candidate((String) r.summary().get(CHOSEN_TARGET),
                        ((Number) r.summary().get(CHOSEN_HORIZON_DAYS)).intValue()))
                .orElse(TrainingTarget.primary(context.config().features()));
    }

    /** The features selected by this run's FEATURE_SELECTION stage, else {@link #modelInputs(PipelineConfig)}. */
    @SuppressWarnings("unchecked")
    public static List<String> modelInputs(RunContext context) {
        java.util.Set<String> leaking = pointInTimeExcluded(context);
        return context.result(io.sensequant.snapshot.Stage.FEATURE_SELECTION)
                .filter(r -> r.summary().get(SELECTED_FEATURES) != null)
                .map(r -> List.copyOf((List<String>) r.summary().get(SELECTED_FEATURES)))
                .orElseGet(() -> modelInputs(context.config()))
                .stream().filter(f -> !leaking.contains(f)).toList();
    }

    /**
     * The candidates the selection stages (target ranking, feature selection) start from: {@link
     * #modelInputs(PipelineConfig)} less the features the point-in-time check excluded, so that selection never
     * sees a feature that reads later bars, whatever {@code point_in_time.action} says.
     */
    public static List<String> selectionCandidates(RunContext context) {
        java.util.Set<String> leaking = pointInTimeExcluded(context);
        return modelInputs(context.config()).stream().filter(f -> !leaking.contains(f)).toList();
    }

    /** The features the FEATURES phase's point-in-time check excluded (action: exclude). */
    private static java.util.Set<String> pointInTimeExcluded(RunContext context) {
        return context.result(io.sensequant.snapshot.Stage.FEATURES)
                .map(r -> PointInTimeOutcome.excluded(r.summary())).orElse(java.util.Set.of());
    }

    /** {@code training.feature_columns} with every {@code @set} expanded to the set's features. */
    public static List<String> modelInputs(PipelineConfig config) {
        return FeaturePlan.load(ConfDir.locate(), config.features())
                .resolve(config.training().featureColumns(), "training.feature_columns");
    }
}
