package io.sensequant.pipeline;

import io.sensequant.config.ConfigException;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Runs the phases in order, printing each phase's progress line and timing; stops at the first failure. */
public final class PipelineRunner {
    private final List<Phase> phases;
    private final PrintStream console;

    public PipelineRunner(List<Phase> phases, PrintStream console) {
        this.phases = List.copyOf(phases);
        this.console = console;
    }

    public List<PhaseResult> run(RunContext context) {
        int index = 0;
        for (Phase phase : phases) {
            index++;
            console.printf(Locale.ROOT, "Phase %d/%d: %s%n", index, phases.size(), phase.name());
            long started = System.nanoTime();
            PhaseResult result;
            try {
                result = phase.run(context);
            } catch (ConfigException e) {
                throw e;
            } catch (Exception e) {  // Spark's checked exceptions arrive undeclared from Scala
                double seconds = (System.nanoTime() - started) / 1e9;
                console.printf(Locale.ROOT, "  ✗ %s failed after %.1f s%n", phase.name(), seconds);
                throw new PhaseFailedException(phase.name(), e);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            PhaseResult timed = result.timed(seconds);
            context.record(timed);
            console.printf(Locale.ROOT, "  ✓ %s (%.1f s)%n", timed.headline(), seconds);
        }
        return context.results();
    }
}
