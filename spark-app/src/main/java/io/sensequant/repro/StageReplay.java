package io.sensequant.repro;

import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.DeltaCommits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-runs stages of a recorded run: every phase of those stages runs again with the recorded config and seed,
 * reading each input at the version it recorded (time travel), while {@code context} sends its writes to a
 * scratch lake. The phases before and between them are not re-run: their recorded results stand in, so a later
 * phase sees exactly what it saw in the run (the chosen target, the selected features).
 */
public final class StageReplay {
    private StageReplay() {
    }

    /** The re-run commits per stage, in commit order; a phase that throws is reported as the stage's failure. */
    public static Map<Stage, Outcome> replay(RecordedRun run, Set<Stage> stages, Map<String, Phase> phases, RunContext context) {
        Map<Stage, Outcome> outcomes = new LinkedHashMap<>();
        for (RecordedRun.Phase recorded : run.phases()) {
            if (stages.contains(recorded.stage()) && !outcomes.getOrDefault(recorded.stage(), Outcome.EMPTY).failed()) {
                Phase phase = phases.get(recorded.name());
                Outcome so_far = outcomes.getOrDefault(recorded.stage(), Outcome.EMPTY);
                if (phase == null) {
                    outcomes.put(recorded.stage(), so_far.failedWith("phase '" + recorded.name() + "' no longer exists in this build"));
                } else {
                    context.clearReads();
                    recorded.reads().forEach(context::pin);
                    context.commits().drain();
                    try {
                        phase.run(context);
                        List<DeltaCommits.Committed> commits = new ArrayList<>(so_far.commits());
                        commits.addAll(context.commits().drain());
                        outcomes.put(recorded.stage(), new Outcome(commits, null));
                    } catch (RuntimeException e) {
                        outcomes.put(recorded.stage(), so_far.failedWith(recorded.name() + ": " + e.getClass().getSimpleName()
                                + ": " + e.getMessage()));
                    }
                }
            }
            context.record(recorded.asResult());
        }
        return outcomes;
    }

    /** What a stage's re-run committed, or why it could not run. */
    public record Outcome(List<DeltaCommits.Committed> commits, String failure) {
        static final Outcome EMPTY = new Outcome(List.of(), null);

        public boolean failed() {
            return failure != null;
        }

        Outcome failedWith(String reason) {
            return new Outcome(commits, reason);
        }
    }
}
