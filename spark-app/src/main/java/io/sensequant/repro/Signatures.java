package io.sensequant.repro;

import io.sensequant.config.PipelineConfig;
import io.sensequant.features.TrainingTarget;
import io.sensequant.identity.StageIdentity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each signature covers (README, "Run identity"), as the content whose canonical JSON is hashed. Every
 * stage computes its signatures through these functions, so two stages that mean the same thing by a signature
 * produce the same value.
 */
public final class Signatures {
    /** The view of stages that handle each symbol on its own (ingest, features, teachers). */
    public static final String SYMBOL_SPECIFIC = "SYMBOL_SPECIFIC";
    /** The view of stages that pool the universe (ranking's pooled view, selection, the student, validation). */
    public static final String CROSS_SECTIONAL = "CROSS_SECTIONAL";

    private Signatures() {
    }

    /** The target a model learns: its label and return columns and horizon (the threshold is in the column name). */
    public static String target(TrainingTarget target, PipelineConfig.Features features) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("label_column", target.labelColumn());
        content.put("return_column", target.returnColumn());
        content.put("horizon_days", target.horizonDays());
        if (target.isPrimary()) {
            content.put("label_threshold", features.labelThreshold());
        }
        return StageIdentity.signature(content);
    }

    /** Every target the features stage labels (and target ranking scores): the primary one and the candidates. */
    public static String targets(PipelineConfig.Features features) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("primary", Map.of("horizon_days", features.forecastHorizonDays(), "label_threshold", features.labelThreshold()));
        content.put("candidates", Map.of("horizons", features.candidateTargets().horizons(),
                "thresholds", features.candidateTargets().thresholds(), "kinds", features.candidateTargets().kinds()));
        return StageIdentity.signature(content);
    }

    /** The model inputs: the feature definitions' signature and the columns a model reads, in order. */
    public static String features(String featureSetSignature, List<String> modelInputs) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("feature_signature", featureSetSignature);
        content.put("model_inputs", modelInputs);
        return StageIdentity.signature(content);
    }

    /** One model family's hyperparameters (after variants and overlays), plus what else shapes its fit. */
    public static String hparams(String family, Map<String, Object> hyperparameters, Map<String, Object> extra) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("family", family);
        content.put("hyperparameters", new TreeMap<>(hyperparameters));
        if (!extra.isEmpty()) {
            content.put("settings", new TreeMap<>(extra));
        }
        return StageIdentity.signature(content);
    }

    /** Fold or split boundaries: dates and row rules, as the stage recorded them. */
    public static String split(Object boundaries) {
        return StageIdentity.signature(boundaries);
    }

    /** Where a model applies: its view and its symbol (or the batch, for a model over the whole batch). */
    public static String routing(String view, String symbolOrBatch) {
        return StageIdentity.signature(Map.of("view", view, "symbol", symbolOrBatch));
    }
}
