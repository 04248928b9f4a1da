package io.sensequant.features;

import io.sensequant.config.PipelineConfig;

/**
 * What the models learn: the label column, the realised-return column that goes with it, and its horizon
 * (which sets the purge between train and validation). The primary target unless target ranking chose another.
 */
public record TrainingTarget(String labelColumn, String returnColumn, int horizonDays) {
    public static TrainingTarget primary(PipelineConfig.Features settings) {
        return new TrainingTarget(FeatureColumns.LABEL, FeatureColumns.FORWARD_RETURN, settings.forecastHorizonDays());
    }

    /** A 3-class candidate target column, e.g. {@code label_3c_15d_100bp}, with its horizon. */
    public static TrainingTarget candidate(String labelColumn, int horizonDays) {
        return new TrainingTarget(labelColumn, FeatureColumns.forwardReturn(horizonDays), horizonDays);
    }

    public boolean isPrimary() {
        return labelColumn.equals(FeatureColumns.LABEL);
    }
}
