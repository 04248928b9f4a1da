package io.sensequant.cli;

import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.evaluation.ValidationPhase;
import io.sensequant.features.FeatureInputs;
import io.sensequant.features.FeaturesPhase;
import io.sensequant.ingest.IngestPhase;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.ranking.FeatureSelectionPhase;
import io.sensequant.ranking.TargetRankingPhase;
import io.sensequant.release.RegistryPhase;
import io.sensequant.release.ReleasePhase;
import io.sensequant.release.RunArtifacts;
import io.sensequant.repro.CodeVersion;
import io.sensequant.repro.RunIds;
import io.sensequant.spark.Lake;
import io.sensequant.training.StudentPhase;
import io.sensequant.training.TeacherPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sensequant run}: every phase, from bars to a registered release candidate. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline: ingest, features and labels, target ranking, feature selection, teachers, student, validation, release, registry.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--symbols", paramLabel = "A,B,...", description = "Symbols to run (default: the whole universe).")
    String symbols;

    @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First date (run.start_date).")
    String startDate;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last date (run.end_date).")
    String endDate;

    @Option(names = "--release-dir", paramLabel = "DIR", description = "Where release bundles go (paths.release_dir).")
    String releaseDir;

    static List<Phase> phases() {
        return List.of(new IngestPhase(), new FeaturesPhase(), new TargetRankingPhase(),
                new FeatureSelectionPhase(), new TeacherPhase(), new StudentPhase(),
                new ValidationPhase(), new io.sensequant.evaluation.StatTestsPhase(), new ReleasePhase(), new RegistryPhase());
    }

    @Override
    public Integer call() {
        List<ConfigRequest.Shorthand> shorthands = new ArrayList<>();
        RunSetup.shorthand(shorthands, "--symbols", "run.symbols", symbols);
        RunSetup.shorthand(shorthands, "--start-date", "run.start_date", startDate);
        RunSetup.shorthand(shorthands, "--end-date", "run.end_date", endDate);
        RunSetup.shorthand(shorthands, "--release-dir", "paths.release_dir", releaseDir);
        RunSetup setup = RunSetup.load(configOptions, shorthands);
        EffectiveConfig config = setup.config();
        PipelineConfig typed = config.typed();
        Universe universe = setup.universe();
        TradingCalendar calendar = setup.calendar();
        List<String> selected = universe.select(typed.run().symbols(), symbols != null ? "--symbols" : "run.symbols");
        // Fail before any work if the models would ask for a column no feature set produces.
        FeatureInputs.modelInputs(typed);

        PrintStream out = System.out;
        Instant started = Instant.now();
        Lake lake = Session.openLake(config);
        String runId = RunIds.next(config.fingerprint(), started);
        EffectiveConfig absolute = withAbsoluteReleaseDir(config);
        RunContext context = new RunContext(runId, absolute, CodeVersion.current(), universe, calendar, selected, lake);
        out.printf(Locale.ROOT, "SenseQuant run %s%n  %d symbols, %s to %s, %s bars; config sha256:%s (profile %s, variant %s)%n",
                runId, selected.size(), typed.run().startDate(), typed.run().endDate(), typed.run().interval(),
                config.fingerprint().substring(0, 12), typed.run().profile(), typed.models().xgboost().activeVariant());
        RunArtifacts.writeEffectiveConfig(context);
        List<PhaseResult> results = new PipelineRunner(phases(), out).run(context);
        printSummary(out, context, results, started);
        return SenseQuant.OK;
    }

    private static EffectiveConfig withAbsoluteReleaseDir(EffectiveConfig config) {
        PipelineConfig typed = config.typed();
        PipelineConfig.Paths paths = new PipelineConfig.Paths(Session.absolute(typed.paths().lakeRoot()),
                Session.absolute(typed.paths().releaseDir()));
        PipelineConfig resolved = typed.withPaths(paths);
        // the fingerprint stays that of the config as written: where it ran does not change what it means
        return new EffectiveConfig(config.tree(), resolved, config.fingerprint(), config.sources());
    }

    private static void printSummary(PrintStream out, RunContext context, List<PhaseResult> results, Instant started) {
        double total = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        PhaseResult release = results.stream().filter(r -> r.phase().equals(ReleasePhase.NAME)).findFirst().orElseThrow();
        out.println();
        out.printf(Locale.ROOT, "Run %s finished in %.1f s: %s (recommendation: %s)%n", context.runId(), total,
                release.summary().get("status"), release.summary().get("recommendation"));
        out.println("  phase timings:");
        for (PhaseResult result : results) {
            out.printf(Locale.ROOT, "    %-34s %8.1f s%n", result.phase(), result.seconds());
        }
        out.println("  lake:      " + context.lake().root());
        StringBuilder versions = new StringBuilder();
        results.forEach(r -> r.tableVersions().forEach((t, v) -> versions.append(t).append(" v").append(v).append("  ")));
        out.println("  tables:    " + versions.toString().trim());
        out.println("  models:    " + context.lake().modelsDir(context.runId()));
        out.println("  release:   " + context.releaseDir());
        out.println("             manifest.yaml, promotion_briefing.md, promotion_briefing.json, " + RunArtifacts.EFFECTIVE_CONFIG);
        out.println("Next steps:");
        out.println("  review   " + release.summary().get("briefing_md"));
        out.println("  query    deploy/bin/sensequant sql \"select scope, metric, value from metrics where run_id = '"
                + context.runId() + "'\" --lake " + context.lake().root());
        out.println("  audit    deploy/bin/sensequant history --table features --lake " + context.lake().root());
    }

}
