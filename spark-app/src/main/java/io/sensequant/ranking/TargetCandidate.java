package io.sensequant.ranking;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One candidate target column of the features table, with its kind, horizon, threshold and realised return. */
record TargetCandidate(String column, String kind, int horizonDays, Double threshold, String returnColumn)
        implements Serializable {
    static final String THREE_CLASS = "three_class";
    static final String BINARY = "binary";
    static final String REGRESSION = "regression";

    boolean classification() {
        return !kind.equals(REGRESSION);
    }

    /** Every candidate of {@code features.candidate_targets}, in the features table's column order. */
    static List<TargetCandidate> all(PipelineConfig.CandidateTargets targets) {
        List<TargetCandidate> out = new ArrayList<>();
        for (int h : new TreeSet<>(targets.horizons())) {
            String ret = FeatureColumns.forwardReturn(h);
            for (double t : new TreeSet<>(targets.thresholds())) {
                if (targets.kinds().contains(THREE_CLASS)) {
                    out.add(new TargetCandidate(FeatureColumns.threeClass(h, t), THREE_CLASS, h, t, ret));
                }
                if (targets.kinds().contains(BINARY)) {
                    out.add(new TargetCandidate(FeatureColumns.binary(h, t), BINARY, h, t, ret));
                }
            }
            if (targets.kinds().contains(REGRESSION)) {
                out.add(new TargetCandidate(ret, REGRESSION, h, null, ret));
            }
        }
        return out;
    }
}
