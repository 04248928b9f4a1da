package io.sensequant.cli;

import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeaturesPhase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.CodeVersion;
import io.sensequant.repro.RunIds;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sensequant features}: phase 2 alone, over the latest version of what ohlcv holds. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute feature sets and labels from the bars in ohlcv into the features table (phase 2 alone).")
final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--symbols", paramLabel = "A,B,...", description = "Symbols (default: run.symbols, else the universe).")
    String symbols;

    @Option(names = "--feature-set", paramLabel = "S", description = "Feature set from conf/features/ (repeatable; replaces features.sets).")
    List<String> featureSets;

    @Option(names = "--interval", paramLabel = "I", description = "1day, 5minute or 1minute (run.interval).")
    String interval;

    @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First date (run.start_date).")
    String startDate;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last date (run.end_date).")
    String endDate;

    @Override
    public Integer call() {
        List<ConfigRequest.Shorthand> shorthands = new ArrayList<>();
        RunSetup.shorthand(shorthands, "--symbols", "run.symbols", symbols);
        RunSetup.shorthand(shorthands, "--feature-set", "features.sets", featureSets == null ? null : String.join(",", featureSets));
        RunSetup.shorthand(shorthands, "--interval", "run.interval", interval);
        RunSetup.shorthand(shorthands, "--start-date", "run.start_date", startDate);
        RunSetup.shorthand(shorthands, "--end-date", "run.end_date", endDate);
        RunSetup setup = RunSetup.load(configOptions, shorthands);
        EffectiveConfig config = setup.config();
        PipelineConfig typed = config.typed();
        List<String> selected = setup.universe().select(typed.run().symbols(), symbols != null ? "--symbols" : "run.symbols");

        Lake lake = Session.openLake(config);
        Instant started = Instant.now();
        RunContext context = new RunContext(RunIds.next(config.fingerprint(), started), config, CodeVersion.current(),
                setup.universe(), setup.calendar(), selected, lake);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "SenseQuant features %s: %d symbols, %s %s to %s, sets %s, from ohlcv v%d%n", context.runId(),
                selected.size(), typed.run().interval(), typed.run().startDate(), typed.run().endDate(),
                typed.features().sets(), context.inputVersion(LakeTable.OHLCV));
        PhaseResult result = new PipelineRunner(List.of(new FeaturesPhase()), out).run(context).get(0);
        printSummary(out, result, lake, (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        return SenseQuant.OK;
    }

    private static void printSummary(PrintStream out, PhaseResult result, Lake lake, double seconds) {
        Map<String, Object> s = result.summary();
        out.println();
        out.println("Features summary");
        out.printf(Locale.ROOT, "  bars read           %s%n", s.get("bars_read"));
        out.printf(Locale.ROOT, "  rows written        %s (%s used after max_rows_per_symbol)%n", s.get("rows"), s.get("rows_used"));
        out.printf(Locale.ROOT, "  features            %s from %s%n", s.get("features"), s.get("feature_sets"));
        out.printf(Locale.ROOT, "  feature signature   %s%n", s.get("feature_signature"));
        out.printf(Locale.ROOT, "  warm-up             %s bars per symbol%n", s.get("warmup_bars"));
        out.printf(Locale.ROOT, "  table               %s v%s%n", lake.path(LakeTable.FEATURES),
                result.tableVersions().get(LakeTable.FEATURES.tableName()));
        out.printf(Locale.ROOT, "  wall time           %.1f s%n", seconds);
    }
}
