package io.sensequant.pipeline;

import io.sensequant.snapshot.Stage;

/**
 * One step of the run. A phase reads its inputs from the lake (at the versions earlier phases recorded in the
 * context), writes its own tables with its stage snapshot, and returns a summary for the console and briefing.
 */
public interface Phase {
    String name();

    Stage stage();

    PhaseResult run(RunContext context);
}
