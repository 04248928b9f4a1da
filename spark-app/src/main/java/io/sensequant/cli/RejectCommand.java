package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.release.CandidateRegistry;
import io.sensequant.release.RegistryTransitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code sensequant reject}: a reviewer rejects a run, with the reason (a new candidate_runs row). */
@Command(name = "reject", mixinStandardHelpOptions = true,
        description = {"Reject a run: appends a 'rejected' row to candidate_runs (who, from, note, when). The note is required.",
                "A ready-for-review or approved run can be rejected. Exit 0 rejected, 2 refused or no note."})
final class RejectCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to reject.")
    String runId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who rejects.")
    String by;

    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why (required).")
    String note;

    @Override
    public Integer call() {
        if (note.isBlank()) {
            throw new ConfigException("reject needs a --note saying why run " + runId + " is rejected");
        }
        RegistryTransitions.Transition t = RegistryTransitions.apply(Session.openLake(configOptions.load(List.of())), runId,
                CandidateRegistry.REJECTED, by, note, Set.of(CandidateRegistry.READY_FOR_REVIEW, CandidateRegistry.APPROVED));
        CandidatesCommand.printTransition(t);
        return SenseQuant.OK;
    }
}
