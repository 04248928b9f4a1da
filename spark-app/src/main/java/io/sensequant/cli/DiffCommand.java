package io.sensequant.cli;

import io.sensequant.config.Yaml;
import io.sensequant.repro.RunDiff;
import io.sensequant.repro.RunDiffReport;
import io.sensequant.repro.RunLake;
import io.sensequant.spark.Lake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sensequant diff RUN_A RUN_B}: what differs between two runs of the lake and whether their outputs may be
 * compared. A report, not a check: the exit code is 0 whatever the verdict, so scripts read the verdict from
 * {@code --json}.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two runs: config keys, data versions read, the identity and fingerprints of every stage commit, "
                + "metric deltas, and a verdict: identical, comparable (replicates differing only by seed or outputs) "
                + "or not comparable.", "Exit code 0 whatever the verdict; 2 for an unknown run."})
final class DiffCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The run compared from (a).")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run compared to (b).")
    String runB;

    @Option(names = "--json", description = "Print the whole comparison as one JSON object (every metric, not only those that differ).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Lake lake = Session.openLake(configOptions.load(List.of()));
        RunLake runs = new RunLake(lake);
        RunDiffReport report = RunDiff.compare(runs.load(runA), runs.load(runB));
        if (json) {
            System.out.println(Yaml.JSON.writeValueAsString(report.toJson()));
        } else {
            DiffText.print(System.out, report);
        }
        return SenseQuant.OK;
    }
}
