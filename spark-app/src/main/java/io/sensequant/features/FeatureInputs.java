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

    /** {@code training.feature_columns} with every {@code @set} expanded to the set's features. */
    public static List<String> modelInputs(PipelineConfig config) {
        return FeaturePlan.load(ConfDir.locate(), config.features())
                .resolve(config.training().featureColumns(), "training.feature_columns");
    }
}
