package io.sensequant.features;

import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bars in, features out: {@link FeatureEngine#compute} in production. An interface so that the point-in-time
 * check can be shown to catch a computation that reads the next bar, which the expression language itself cannot
 * express (window arguments are positive literals).
 */
@FunctionalInterface
public interface FeatureComputation {
    Dataset<Row> compute(Dataset<Row> bars, FeaturePlan plan, PipelineConfig.Features settings);
}
