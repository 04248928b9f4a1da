package io.sensequant.training;

import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** The run's slice of {@code features} at the version the features phase wrote: its symbols, interval and dates. */
final class FeatureInputs {
    private FeatureInputs() {
    }

    static Dataset<Row> read(RunContext context, long version) {
        return context.lake().readVersion(LakeTable.FEATURES, version)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(context.config().run().interval()))
                        .and(col("date").between(lit(Date.valueOf(context.config().run().startDate())),
                                lit(Date.valueOf(context.config().run().endDate())))));
    }
}
