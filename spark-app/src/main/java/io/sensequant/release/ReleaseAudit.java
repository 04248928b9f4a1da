package io.sensequant.release;

import io.sensequant.config.Yaml;
import io.sensequant.identity.IdentityMode;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeFiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release audit: every model and report the run recorded is present and intact (failures), plus data
 * coverage, quality and identity warnings. Its verdict goes to {@code deployment_readiness.json} whether or not
 * it passes.
 */
final class ReleaseAudit {
    static final String READINESS_FILE = "deployment_readiness.json";

    record Result(ModelAudit.Result models, ReportAudit.Result reports, List<Finding> failures, List<Finding> warnings) {
        boolean passed() {
            return failures.isEmpty();
        }

        /** The release's files with their SHA-256: XGBoost JSON and Spark ML models, then reports and charts. */
        List<ModelAudit.Artifact> artifacts() {
            List<ModelAudit.Artifact> all = new ArrayList<>(models.verified());
            all.addAll(reports.verified());
            return all;
        }
    }

    private ReleaseAudit() {
    }

    static Result run(RunContext context) {
        ModelAudit.Result models = ModelAudit.verify(context);
        ReportAudit.Result reports = ReportAudit.verify(context.lake().hadoopConf(), ReportFiles.of(context));
        List<Finding> failures = new ArrayList<>();
        for (int i = 0; i < models.problems().size(); i++) {
            failures.add(new Finding("model_integrity", models.problems().get(i),
                    "do not release this run: find out who changed the file, then re-run training (sensequant run)",
                    models.refusedPaths().get(i)));
        }
        failures.addAll(reports.failures());
        List<Finding> warnings = new ArrayList<>(DataQuality.warnings(context.config(),
                Summaries.required(context, io.sensequant.ingest.IngestPhase.NAME),
                Summaries.required(context, io.sensequant.training.TeacherPhase.NAME)));
        IdentityMode mode = IdentityMode.parse(context.config().identity().mode(), "identity.mode");
        List<Finding> identity = IdentityAudit.findings(context.stageCommits(), mode);
        (mode == IdentityMode.STRICT ? failures : warnings).addAll(identity);
        return new Result(models, reports, failures, warnings);
    }

    /** Writes deployment_readiness.json to the run's release directory; returns its path. */
    static String write(RunContext context, Result result) {
        Map<String, Object> readiness = new LinkedHashMap<>();
        readiness.put("run_id", context.runId());
        readiness.put("generated_at", Instant.now().toString());
        readiness.put("ready", result.passed());
        readiness.put("identity_mode", context.config().identity().mode());
        readiness.put("checked", Map.of("model_files", result.models().verified().size(),
                "report_files", result.reports().verified().size() + result.reports().failures().size()));
        readiness.put("failures", result.failures().stream().map(Finding::asMap).toList());
        readiness.put("warnings", result.warnings().stream().map(Finding::asMap).toList());
        String path = context.releaseDir() + "/" + READINESS_FILE;
        try {
            LakeFiles.write(context.lake().hadoopConf(), path, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(readiness));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + READINESS_FILE, e);
        }
        return path;
    }

    /** Stops the release when the audit failed, naming the first failure and where the full list is. */
    static void requirePassed(Result result, String readinessPath) {
        if (!result.passed()) {
            Finding first = result.failures().get(0);
            String more = result.failures().size() == 1 ? "" : " (and " + (result.failures().size() - 1) + " more)";
            throw new ReleaseAuditException("release audit failed: " + first.message() + more + "; the run is not released. "
                    + "What to do: " + first.action() + ". All findings: " + readinessPath);
        }
    }
}
