package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * How every stage after phase 2 reads features: the run's slice (symbols, interval, dates) of the version the
 * features phase wrote, capped by {@code features.max_rows_per_symbol}, and the model input columns.
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
        Dataset<Row> rows = read(context, version);
        TrainingTarget target = target(context);
        return target.isPrimary() ? rows : rows.where(col(target.labelColumn()).isNotNull())
                .withColumn(FeatureColumns.LABEL, col(target.labelColumn()))
                .withColumn(FeatureColumns.FORWARD_RETURN, col(target.returnColumn()));
    }

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
        // minus the features the FEATURES phase's point-in-time check excluded (action: exclude)
        java.util.Set<String> leaking = context.result(io.sensequant.snapshot.Stage.FEATURES)
                .map(r -> PointInTimeOutcome.excluded(r.summary())).orElse(java.util.Set.of());
        return context.result(io.sensequant.snapshot.Stage.FEATURE_SELECTION)
                .filter(r -> r.summary().get(SELECTED_FEATURES) != null)
                .map(r -> List.copyOf((List<String>) r.summary().get(SELECTED_FEATURES)))
                .orElseGet(() -> modelInputs(context.config()))
                .stream().filter(f -> !leaking.contains(f)).toList();
    }

    /** {@code training.feature_columns} with every {@code @set} expanded to the set's features. */
    public static List<String> modelInputs(PipelineConfig config) {
        return FeaturePlan.load(ConfDir.locate(), config.features())
                .resolve(config.training().featureColumns(), "training.feature_columns");
    }
}
