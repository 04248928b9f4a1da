package io.sensequant.cli;

import io.sensequant.release.CandidateRegistry;
import io.sensequant.release.RegistryTransitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code sensequant approve}: a reviewer approves a ready-for-review run (a new candidate_runs row). */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approve a run for staging: appends an 'approved' row to candidate_runs (who, from, note, when).",
                "Only a run whose current status is ready-for-review can be approved. Exit 0 approved, 2 refused."})
final class ApproveCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to approve.")
    String runId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who approves.")
    String by;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why (optional).")
    String note;

    @Override
    public Integer call() {
        RegistryTransitions.Transition t = RegistryTransitions.apply(Session.openLake(configOptions.load(List.of())), runId,
                CandidateRegistry.APPROVED, by, note, Set.of(CandidateRegistry.READY_FOR_REVIEW));
        CandidatesCommand.printTransition(t);
        return SenseQuant.OK;
    }
}
