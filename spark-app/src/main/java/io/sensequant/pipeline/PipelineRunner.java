package io.sensequant.pipeline;

import io.sensequant.config.ConfigException;
import io.sensequant.repro.RunContextTable;
import io.sensequant.repro.SnapshotIndex;
import io.sensequant.spark.DeltaCommits;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs the phases in order, printing each phase's progress line and timing; stops at the first failure. Every
 * transition goes to {@code run_context} (a stage's start is committed before it runs); the phases' commits go to
 * {@code snapshot_index} in one append when the run ends, also when it fails (its commits are real).
 */
public final class PipelineRunner {
    private static final int MAX_REASON = 500;

    private final List<Phase> phases;
    private final PrintStream console;

    public PipelineRunner(List<Phase> phases, PrintStream console) {
        this.phases = List.copyOf(phases);
        this.console = console;
    }

    public List<PhaseResult> run(RunContext context) {
        return run(context, java.util.Map.of(), phases.size() + " phase(s): "
                + String.join(", ", phases.stream().map(Phase::name).toList()));
    }

    /**
     * Continues an interrupted run: the phases it completed (by name, with their recorded results) are not run
     * again, their results stand for them; every other phase runs, the first of them on whatever the interrupted
     * attempt left (every phase replaces its own rows, so that leaves no duplicates).
     */
    public List<PhaseResult> resume(RunContext context, java.util.Map<String, PhaseResult> completed) {
        String first = phases.stream().map(Phase::name).filter(n -> !completed.containsKey(n)).findFirst().orElse("none");
        return run(context, completed, "resumed: " + completed.size() + " completed phase(s) reused, continuing at '" + first + "'");
    }

    private List<PhaseResult> run(RunContext context, java.util.Map<String, PhaseResult> completed, String reason) {
        RunContextTable transitions = new RunContextTable(context);
        context.attachTransitions(transitions);
        transitions.runStarted(phases.get(0).stage(), reason);
        context.commits().drain();
        try (ProgressSnapshots progress = new ProgressSnapshots(context, phases.size())) {
            runPhases(context, completed, transitions, progress);
        }
        SnapshotIndex.append(context, phases.get(phases.size() - 1).stage(), context.stageCommits());
        transitions.runFinished(true, phases.size() + " phase(s) completed");
        context.commits().drain();
        context.enterScope(null);
        return context.results();
    }

    private void runPhases(RunContext context, java.util.Map<String, PhaseResult> completed, RunContextTable transitions,
                           ProgressSnapshots progress) {
        int index = 0;
        for (Phase phase : phases) {
            index++;
            console.printf(Locale.ROOT, "Phase %d/%d: %s%n", index, phases.size(), phase.name());
            PhaseResult done = completed.get(phase.name());
            if (done != null) {
                context.record(done);
                progress.phaseCompleted(done);
                console.printf(Locale.ROOT, "  ⊘ completed in the interrupted run, reused: %s%n", done.headline());
                continue;
            }
            progress.phaseStarted(index, phase);
            context.clearReads();
            context.enterScope(phase.stage());
            transitions.stageStarted(phase.stage(), phase.name());
            context.commits().drain();
            long started = System.nanoTime();
            PhaseResult result;
            try {
                result = phase.run(context);
            } catch (Exception e) {  // Spark's checked exceptions arrive undeclared from Scala
                double seconds = (System.nanoTime() - started) / 1e9;
                recordFailure(context, transitions, phase, e);
                if (e instanceof ConfigException || e instanceof io.sensequant.identity.IdentityIncompleteException) {
                    throw (RuntimeException) e;
                }
                console.printf(Locale.ROOT, "  ✗ %s failed after %.1f s%n", phase.name(), seconds);
                throw new PhaseFailedException(phase.name(), e);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            PhaseResult timed = result.timed(seconds);
            context.recordCommits(context.commits().drain());
            context.record(timed);
            transitions.stageCompleted(phase.stage(), timed, context.reads());
            context.commits().drain();
            progress.phaseCompleted(timed);
            console.printf(Locale.ROOT, "  ✓ %s (%.1f s)%n", timed.headline(), seconds);
        }
    }

    private static void recordFailure(RunContext context, RunContextTable transitions, Phase phase, Exception e) {
        try {
            context.recordCommits(context.commits().drain());
            SnapshotIndex.append(context, phase.stage(), context.stageCommits());
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 3) + "..." : reason;
            transitions.stageFailed(phase.stage(), phase.name(), reason, context.reads());
            transitions.runFinished(false, "stage " + phase.stage() + " failed");
        } catch (RuntimeException bookkeeping) {
            e.addSuppressed(bookkeeping);   // the phase's own failure is what the user needs to see
        } finally {
            context.enterScope(null);
        }
    }
}
