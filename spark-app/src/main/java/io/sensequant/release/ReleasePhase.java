package io.sensequant.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sensequant.config.Yaml;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 6: audits the run's model files against their recorded hashes (a mismatch stops the release), then
 * writes {@code manifest.yaml}, {@code promotion_briefing.json} and {@code promotion_briefing.md} to the
 * run's release directory.
 */
public final class ReleasePhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "release";

    public static final String READY_FOR_REVIEW = "ready-for-review";

    @Override
    public String name() {
        return NAME;
    }

    /** Summary key of the release's artifacts manifest hash (the registry records it in its snapshot). */
    public static final String ARTIFACTS_MANIFEST_SHA256 = "artifacts_manifest_sha256";

    /**
     * The release's artifacts: every XGBoost JSON model the audit verified, by path under the run's models
     * directory. Spark ML model directories are left out: their metadata holds a random uid and a timestamp.
     */
    static String artifactsManifest(RunContext context, ModelAudit.Result audit) {
        Map<String, String> files = new java.util.TreeMap<>();
        audit.verified().stream().filter(a -> !a.kind().endsWith(ModelAudit.SPARK_MODEL_SUFFIX))
                .forEach(a -> files.put(io.sensequant.repro.ArtifactHashes.relativeToRun(a.path(), context.runId()), a.sha256()));
        return io.sensequant.repro.ArtifactHashes.sha256(files);
    }

    @Override
    public Stage stage() {
        return Stage.RELEASE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public PhaseResult run(RunContext context) {
        ModelAudit.Result audit = ModelAudit.verify(context);
        audit.requireClean();
        Map<String, Object> briefing = Briefing.build(context, audit, READY_FOR_REVIEW);
        String dir = context.releaseDir();
        String manifestPath = dir + "/manifest.yaml";
        String briefingJsonPath = dir + "/promotion_briefing.json";
        String briefingMdPath = dir + "/promotion_briefing.md";

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("release_id", context.runId());
        manifest.put("status", READY_FOR_REVIEW);
        manifest.put("created_at", briefing.get("generated_at"));
        manifest.put("config_fingerprint", briefing.get("config_fingerprint"));
        manifest.put("effective_config", dir + "/" + RunArtifacts.EFFECTIVE_CONFIG);
        manifest.put("training", Map.of("symbols", context.symbols(), "data", briefing.get("data"),
                "teachers", ((Map<String, Object>) briefing.get("training")).get("teachers"),
                "student", ((Map<String, Object>) briefing.get("training")).get("student")));
        Map<String, Object> validation = (Map<String, Object>) briefing.get("validation");
        manifest.put("validation", Map.of("student_test", validation.get("student/test"),
                "teacher_out_of_sample", validation.get("teacher/validation")));
        manifest.put("statistical_tests", briefing.get("statistical_tests"));
        manifest.put("stress_tests", briefing.get("stress_tests"));
        manifest.put("artifacts", Map.of("models", audit.verified().stream()
                .map(a -> Map.of("kind", a.kind(), "path", a.path(), "sha256", a.sha256())).toList()));
        manifest.put("tables", briefing.get("tables"));

        try {
            LakeFiles.write(context.lake().hadoopConf(), manifestPath, Yaml.YAML.writeValueAsString(manifest));
            LakeFiles.write(context.lake().hadoopConf(), briefingJsonPath,
                    Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(briefing));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the release manifest", e);
        }
        LakeFiles.write(context.lake().hadoopConf(), briefingMdPath,
                BriefingMarkdown.render(briefing, context.config().validation().classes()));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", READY_FOR_REVIEW);
        summary.put("recommendation", ((Map<String, Object>) briefing.get("recommendation")).get("decision"));
        summary.put("manifest", manifestPath);
        summary.put("briefing_md", briefingMdPath);
        summary.put("briefing_json", briefingJsonPath);
        summary.put("models_verified", audit.verified().size());
        summary.put(ARTIFACTS_MANIFEST_SHA256, artifactsManifest(context, audit));
        return PhaseResult.of(this, String.format("%d model files verified; manifest and briefing in %s", audit.verified().size(), dir),
                summary, Map.of(), List.of(manifestPath, briefingMdPath, briefingJsonPath));
    }
}
