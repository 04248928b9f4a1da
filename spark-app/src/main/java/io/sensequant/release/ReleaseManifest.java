package io.sensequant.release;

import io.sensequant.pipeline.RunContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of {@code manifest.yaml}: what is released, from what, with which evidence and which exact files. */
final class ReleaseManifest {
    private ReleaseManifest() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> build(RunContext context, Map<String, Object> briefing, ReleaseAudit.Result audit, String status) {
        Map<String, Object> training = (Map<String, Object>) briefing.get("training");
        Map<String, Object> validation = (Map<String, Object>) briefing.get("validation");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("release_id", context.runId());
        manifest.put("status", status);
        manifest.put("created_at", briefing.get("generated_at"));
        manifest.put("config_fingerprint", briefing.get("config_fingerprint"));
        manifest.put("effective_config", context.releaseDir() + "/" + RunArtifacts.EFFECTIVE_CONFIG);
        manifest.put("identity", briefing.get("identity"));
        manifest.put("training", Map.of("symbols", context.symbols(),
                "date_range", Map.of("start", context.config().run().startDate().toString(),
                        "end", context.config().run().endDate().toString()),
                "data", briefing.get("data"), "teachers", training.get("teachers"), "student", training.get("student")));
        Map<String, Object> evaluated = new LinkedHashMap<>();
        evaluated.put("student_test", validation.get("student/test"));
        evaluated.put("teacher_out_of_sample", validation.get("teacher/validation"));
        if (validation.get("ic") != null) {
            evaluated.put("ic", validation.get("ic"));
        }
        manifest.put("validation", evaluated);
        manifest.put("statistical_tests", briefing.get("statistical_tests"));
        manifest.put("stress_tests", briefing.get("stress_tests"));
        manifest.put("recommendation", ((Map<String, Object>) briefing.get("recommendation")).get("decision"));
        manifest.put("readiness", Map.of("file", ReleaseAudit.READINESS_FILE, "warnings", audit.warnings().size()));
        manifest.put("artifacts", Map.of("models", entries(audit.models().verified()), "reports", entries(audit.reports().verified())));
        manifest.put("tables", briefing.get("tables"));
        return manifest;
    }

    private static List<Map<String, Object>> entries(List<ModelAudit.Artifact> artifacts) {
        return artifacts.stream().map(a -> Map.<String, Object>of("kind", a.kind(), "path", a.path(), "sha256", a.sha256())).toList();
    }
}
