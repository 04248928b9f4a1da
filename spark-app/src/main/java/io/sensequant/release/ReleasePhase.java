package io.sensequant.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sensequant.config.Yaml;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;
import org.apache.hadoop.conf.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release phase: audits the run's artifacts ({@link ReleaseAudit}) and writes the verdict to
 * {@code deployment_readiness.json}; failures stop the release there. Otherwise writes {@code manifest.yaml} and
 * the promotion briefing as JSON, Markdown and self-contained HTML to the run's release directory.
 */
public final class ReleasePhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "release";

    public static final String READY_FOR_REVIEW = CandidateRegistry.READY_FOR_REVIEW;

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
        ReleaseAudit.Result audit = ReleaseAudit.run(context);
        String readinessPath = ReleaseAudit.write(context, audit);
        ReleaseAudit.requirePassed(audit, readinessPath);
        Map<String, Object> briefing = Briefing.build(context, audit, READY_FOR_REVIEW);
        String dir = context.releaseDir();
        String manifestPath = dir + "/manifest.yaml";
        String briefingJsonPath = dir + "/promotion_briefing.json";
        String briefingMdPath = dir + "/promotion_briefing.md";
        String briefingHtmlPath = dir + "/promotion_briefing.html";
        Map<String, Object> manifest = ReleaseManifest.build(context, briefing, audit, READY_FOR_REVIEW);
        Configuration conf = context.lake().hadoopConf();
        try {
            LakeFiles.write(conf, manifestPath, Yaml.YAML.writeValueAsString(manifest));
            LakeFiles.write(conf, briefingJsonPath, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(briefing));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the release manifest", e);
        }
        Doc document = BriefingDocument.build(briefing, context.config().validation().classes());
        LakeFiles.write(conf, briefingMdPath, DocMarkdown.render(document, dir));
        LakeFiles.write(conf, briefingHtmlPath, DocHtml.render(document, "Promotion briefing: " + context.runId(), dir,
                path -> readQuietly(conf, path)));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", READY_FOR_REVIEW);
        summary.put("recommendation", ((Map<String, Object>) briefing.get("recommendation")).get("decision"));
        summary.put("manifest", manifestPath);
        summary.put("briefing_md", briefingMdPath);
        summary.put("briefing_json", briefingJsonPath);
        summary.put("briefing_html", briefingHtmlPath);
        summary.put("readiness", readinessPath);
        summary.put("warnings", audit.warnings().size());
        summary.put("models_verified", audit.models().verified().size());
        summary.put("reports_verified", audit.reports().verified().size());
        summary.put(ARTIFACTS_MANIFEST_SHA256, artifactsManifest(context, audit.models()));
        return PhaseResult.of(this, String.format("%d model and %d report files verified, %d warning(s); manifest and briefing in %s",
                        audit.models().verified().size(), audit.reports().verified().size(), audit.warnings().size(), dir),
                summary, Map.of(), List.of(readinessPath, manifestPath, briefingMdPath, briefingJsonPath, briefingHtmlPath));
    }

    /** A chart that cannot be read shows as missing in the page (the audit has already failed a missing listed file). */
    private static byte[] readQuietly(Configuration conf, String path) {
        try {
            return RawFiles.read(conf, path);
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }
}
