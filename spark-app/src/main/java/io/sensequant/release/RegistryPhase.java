package io.sensequant.release;

import io.sensequant.identity.CanonicalJson;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry phase: registers the run in {@code candidate_runs} as ready-for-review, pointing at its manifest
 * and briefing; with {@code candidate.auto_approve} on, then approves it when {@link AutoApproval} allows.
 */
public final class RegistryPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "candidate registry";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.RELEASE;
    }

    @Override
    public PhaseResult run(RunContext context) {
        Map<String, Object> release = context.results().stream().filter(r -> r.phase().equals(ReleasePhase.NAME)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the registry needs the release phase's results")).summary();
        String training = trainingSummary(context);
        String validation = CanonicalJson.write(context.result(Stage.VALIDATION).orElseThrow().summary());
        String manifest = (String) release.get("manifest");
        String briefing = (String) release.get("briefing_md");
        // a run re-released after a failed audit moves on from 'failed'; a fresh run has no earlier row
        String previous = CandidateRegistry.latest(context.outputs(), context.runId()).map(r -> r.<String>getAs("status")).orElse(null);
        long version = CandidateRegistry.record(context, CandidateRegistry.READY_FOR_REVIEW, previous,
                "registered by run; recommendation " + release.get("recommendation"), training, validation, manifest, briefing);
        String status = CandidateRegistry.READY_FOR_REVIEW;
        Map<String, Object> summary = new LinkedHashMap<>();
        AutoApproval.Decision auto = AutoApproval.decide(context.config().candidate(), studentTestAccuracy(context),
                String.valueOf(release.get("recommendation")));
        summary.put("auto_approval", auto.reason());
        if (auto.approve()) {
            version = CandidateRegistry.record(context, CandidateRegistry.APPROVED, status, CandidateRegistry.AUTO_APPROVAL,
                    auto.reason(), training, validation, manifest, briefing);
            status = CandidateRegistry.APPROVED;
        }
        summary.put("status", status);
        return PhaseResult.of(this, "candidate_runs: " + context.runId() + " is " + status,
                summary, Map.of(LakeTable.CANDIDATE_RUNS.tableName(), version),
                List.of(context.lake().path(LakeTable.CANDIDATE_RUNS)));
    }

    /** The training phases' summaries, as one JSON document (what the registry row keeps of the run). */
    static String trainingSummary(RunContext context) {
        Map<String, Object> training = new LinkedHashMap<>();
        context.results().stream().filter(r -> r.stage() == Stage.TRAINING).forEach(r -> training.put(r.phase(), r.summary()));
        return CanonicalJson.write(training);
    }

    @SuppressWarnings("unchecked")
    private static double studentTestAccuracy(RunContext context) {
        Map<String, Object> test = (Map<String, Object>) context.result(Stage.VALIDATION).orElseThrow().summary().get("student/test");
        return ((Number) test.get("accuracy")).doubleValue();
    }
}
