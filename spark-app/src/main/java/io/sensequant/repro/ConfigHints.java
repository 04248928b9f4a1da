package io.sensequant.repro;

import io.sensequant.identity.StageIdentity;

import java.util.List;
import java.util.Map;

/**
 * Which config sections can move each signature (and the seed). Used only to point a user at the config keys
 * that most likely explain a difference; the signatures themselves are the proof, so an over-broad section here
 * costs a longer hint, never a wrong verdict.
 */
final class ConfigHints {
    static final String TRAIN_SEED = "train_seed";

    private static final Map<String, List<String>> SECTIONS = Map.of(
            StageIdentity.DATASET, List.of("run.symbols", "run.universe", "run.start_date", "run.end_date", "run.interval",
                    "run.calendar", "ingest", "sentiment"),
            StageIdentity.TARGET, List.of("features.forecast_horizon_days", "features.label_threshold",
                    "features.candidate_targets", "ranking"),
            StageIdentity.FEATURE, List.of("features", "training.feature_columns", "selection", "safety"),
            StageIdentity.HPARAMS, List.of("models", "training.teacher", "training.student", "training.min_samples",
                    "ranking", "selection", "reward"),
            StageIdentity.SPLIT, List.of("training.window_days", "training.step_days", "training.train_fraction",
                    "training.min_train_fraction", "training.student.train_fraction", "selection.validation_fraction",
                    "validation"),
            StageIdentity.ROUTING, List.of("run.symbols", "run.universe"),
            TRAIN_SEED, List.of("run.base_seed"));

    private ConfigHints() {
    }

    /** The differences (locations excluded) under a section that can move {@code signature}. */
    static List<ConfigDiff.Difference> explaining(String signature, List<ConfigDiff.Difference> differences) {
        List<String> sections = SECTIONS.getOrDefault(signature, List.of());
        return differences.stream().filter(d -> !d.location())
                .filter(d -> sections.stream().anyMatch(s -> d.key().equals(s) || d.key().startsWith(s + ".")))
                .toList();
    }

    static String line(ConfigDiff.Difference difference) {
        return "differs in config: " + difference.key() + " " + ConfigDiff.render(difference.a()) + " → "
                + ConfigDiff.render(difference.b());
    }
}
