package io.sensequant.release;

import io.sensequant.pipeline.PhaseFailedException;
import io.sensequant.pipeline.RunContext;

import java.util.List;

/** Records a failed run in the candidate registry, naming the phase it failed in and why. */
public final class RunFailures {
    private static final int MAX_NOTE = 1000;

    private RunFailures() {
    }

    /**
     * Appends a {@code failed} row for the run; {@code phases} are the run's phases in order, so the failure point
     * is the first one without a result. Never throws: a failure to record is attached to {@code failure} as
     * suppressed, so the run's own error stays what the user sees.
     */
    public static void record(RunContext context, List<String> phases, Throwable failure) {
        try {
            String phase = failure instanceof PhaseFailedException failed ? failed.phase()
                    : phases.get(Math.min(context.results().size(), phases.size() - 1));
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            String note = "failed at phase '" + phase + "': " + reason.lines().findFirst().orElse(reason);
            note = note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE - 3) + "..." : note;
            String from = CandidateRegistry.latest(context.outputs(), context.runId()).map(r -> r.<String>getAs("status")).orElse(null);
            String validation = context.result(io.sensequant.snapshot.Stage.VALIDATION)
                    .map(r -> io.sensequant.identity.CanonicalJson.write(r.summary())).orElse("{}");
            CandidateRegistry.record(context, CandidateRegistry.FAILED, from, note, RegistryPhase.trainingSummary(context),
                    validation, null, null);
        } catch (RuntimeException | LinkageError bookkeeping) {
            failure.addSuppressed(bookkeeping);
        }
    }
}
