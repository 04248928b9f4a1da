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

/** Phase 7: registers the run in {@code candidate_runs} as ready-for-review, pointing at its manifest and briefing. */
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
        Map<String, Object> training = new LinkedHashMap<>();
        context.results().stream().filter(r -> r.stage() == Stage.TRAINING)
                .forEach(r -> training.put(r.phase(), r.summary()));
        Map<String, Object> validation = context.result(Stage.VALIDATION).orElseThrow().summary();
        long version = CandidateRegistry.record(context, ReleasePhase.READY_FOR_REVIEW, null,
                "registered by run; recommendation " + release.get("recommendation"),
                CanonicalJson.write(training), CanonicalJson.write(validation),
                (String) release.get("manifest"), (String) release.get("briefing_md"));
        return PhaseResult.of(this, "candidate_runs: " + context.runId() + " is " + ReleasePhase.READY_FOR_REVIEW,
                Map.of("status", ReleasePhase.READY_FOR_REVIEW), Map.of(LakeTable.CANDIDATE_RUNS.tableName(), version),
                List.of(context.lake().path(LakeTable.CANDIDATE_RUNS)));
    }
}
