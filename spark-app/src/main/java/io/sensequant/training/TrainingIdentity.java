package io.sensequant.training;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeaturePlan;
import io.sensequant.features.TrainingTarget;
import io.sensequant.identity.StageIdentity;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.Signatures;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signatures of the models of a run. The student's are kept in its phase summary ({@link #SIGNATURES}) so
 * that the stages that evaluate and release it (validation, release) record the identity of the model they are
 * about without recomputing it.
 */
public final class TrainingIdentity {
    /** Summary key of the student phase that holds the student's signatures. */
    public static final String SIGNATURES = "signatures";

    private TrainingIdentity() {
    }

    /** Target, features and hyperparameters of a model family; the split is the caller's. */
    static Map<String, String> model(RunContext context, String family, Map<String, Object> hyperparameters,
                                     Map<String, Object> settings, List<String> featureColumns, TrainingTarget target) {
        PipelineConfig config = context.config();
        Map<String, String> signatures = new LinkedHashMap<>();
        signatures.put(StageIdentity.TARGET, Signatures.target(target, config.features()));
        signatures.put(StageIdentity.FEATURE, Signatures.features(
                FeaturePlan.load(ConfDir.locate(), config.features()).signature(), featureColumns));
        signatures.put(StageIdentity.HPARAMS, Signatures.hparams(family, hyperparameters, settings));
        return signatures;
    }

    /** The teachers' split: the window rules and every window's boundaries and row split, in label order. */
    static String teacherSplit(PipelineConfig.Training training, int horizonDays, List<Row> windows) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("window_days", training.windowDays());
        content.put("step_days", training.stepDays());
        content.put("min_samples", training.minSamples());
        content.put("train_fraction", training.trainFraction());
        content.put("min_train_fraction", training.minTrainFraction());
        content.put("purge_sessions", horizonDays);
        content.put("windows", windows.stream().map(w -> List.of(w.getString(0), w.get(1).toString(), w.get(2).toString(),
                w.getString(3), w.get(4), w.get(5), w.get(6))).toList());
        return Signatures.split(content);
    }

    /** The signatures of this run's (baseline) student, as its phase recorded them. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> student(RunContext context) {
        return context.results().stream().filter(r -> r.phase().equals(StudentPhase.NAME)).reduce((a, b) -> b)
                .map(PhaseResult::summary).map(s -> (Map<String, String>) s.get(SIGNATURES)).orElse(Map.of());
    }

    /** The view and target of the student, for the stages that evaluate it. */
    public static String studentTarget(RunContext context) {
        return io.sensequant.features.FeatureInputs.target(context).labelColumn();
    }
}
