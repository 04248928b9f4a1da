package io.sensequant.cli;

import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.evaluation.StressTestsPhase;
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
import io.sensequant.release.RunFailures;
import io.sensequant.repro.CodeVersion;
import io.sensequant.repro.RunIds;
import io.sensequant.snapshot.Stage;
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
        description = "Run the whole pipeline: ingest, features and labels, target ranking, feature selection, teachers, student, validation, stress tests, release, registry.")
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

    @Option(names = "--resume", paramLabel = "RUN_ID",
            description = "Continue a failed or killed run from its first incomplete phase, with its recorded config.")
    String resume;

    @Option(names = "--skip-fetch", description = "Use the bars already in ohlcv (ingest.skip_fetch); fails naming the symbols or sessions they lack.")
    boolean skipFetch;

    @Option(names = "--dryrun", description = "Validate config, universe, calendar and paths and print the plan; fetch and train nothing (run.dryrun).")
    boolean dryrun;

    @Option(names = "--run-stress-tests", description = "Run the stress tests (stress_tests.enabled=true).")
    boolean runStressTests;

    static List<Phase> phases() {
        return List.of(new IngestPhase(), new FeaturesPhase(), new TargetRankingPhase(),
                new FeatureSelectionPhase(), new TeacherPhase(), new StudentPhase(),
                new ValidationPhase(), new io.sensequant.evaluation.StatTestsPhase(), new StressTestsPhase(), new ReleasePhase(),
                new RegistryPhase());
    }

    @Override
    public Integer call() {
        if (resume != null) {
            return resumeRun();
        }
        List<ConfigRequest.Shorthand> shorthands = new ArrayList<>();
        RunSetup.shorthand(shorthands, "--symbols", "run.symbols", symbols);
        RunSetup.shorthand(shorthands, "--start-date", "run.start_date", startDate);
        RunSetup.shorthand(shorthands, "--end-date", "run.end_date", endDate);
        RunSetup.shorthand(shorthands, "--release-dir", "paths.release_dir", releaseDir);
        if (skipFetch) {
            RunSetup.shorthand(shorthands, "--skip-fetch", "ingest.skip_fetch", "true");
        }
        if (dryrun) {
            RunSetup.shorthand(shorthands, "--dryrun", "run.dryrun", "true");
        }
        RunSetup.shorthand(shorthands, "--run-stress-tests", "stress_tests.enabled", runStressTests ? "true" : null);
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
        if (typed.run().dryrun()) {
            DryRun.run(context, phases(), out);
            return SenseQuant.OK;
        }
        RunArtifacts.writeEffectiveConfig(context);
        List<Phase> phases = phases();
        List<PhaseResult> results;
        try {
            results = new PipelineRunner(phases, out).run(context);
        } catch (RuntimeException failure) {
            // the registry keeps failed runs too, with where they failed; the original error is what propagates
            RunFailures.record(context, phases.stream().map(Phase::name).toList(), failure);
            throw failure;
        }
        printSummary(out, context, results, started);
        return SenseQuant.OK;
    }

    /**
     * {@code --resume RUN_ID}: the run's recorded effective config, symbols and run id; the phases it completed
     * (run_context) are reused, the rest run. Options that would change the config are refused: a resumed run
     * must be the same run.
     */
    private Integer resumeRun() {
        if (symbols != null || startDate != null || endDate != null || releaseDir != null || skipFetch || runStressTests || dryrun
                || !configOptions.sets.isEmpty() || !configOptions.overlays.isEmpty() || configOptions.profile != null
                || configOptions.variant != null) {
            throw new io.sensequant.config.ConfigException("--resume " + resume + " continues the run with its recorded "
                    + "config; pass only --lake (and nothing that changes the config)");
        }
        Lake lake = Session.openLake(configOptions.load(List.of()));
        io.sensequant.repro.RecordedRun recorded = io.sensequant.repro.RecordedRun.load(lake, resume);
        EffectiveConfig config = withAbsoluteReleaseDir(recorded.effectiveConfig(lake.root()));
        if (!config.fingerprint().equals(recorded.configFingerprint())) {
            throw new io.sensequant.config.ConfigException("run " + resume + ": the effective config recorded in run_context "
                    + "does not match its fingerprint " + recorded.configFingerprint() + "; it cannot be resumed safely");
        }
        io.sensequant.market.MarketData market = new io.sensequant.market.MarketData(io.sensequant.config.ConfDir.locate());
        PipelineConfig typed = config.typed();
        RunContext context = new RunContext(resume, config, CodeVersion.current(), market.universe(typed.run().universe()),
                market.calendar(typed.run().calendar()), recorded.symbols(), lake);
        java.util.Map<String, PhaseResult> completed = new java.util.LinkedHashMap<>();
        recorded.phases().forEach(p -> completed.put(p.name(), p.asResult()));
        if (completed.keySet().containsAll(phases().stream().map(Phase::name).toList())) {
            throw new io.sensequant.config.ConfigException("run " + resume + " completed every phase; nothing to resume");
        }
        context.continueSnapshotSeqAfter(io.sensequant.repro.SnapshotIndex.backfill(context, resume, Stage.INGEST));
        PrintStream out = System.out;
        Instant started = Instant.now();
        out.printf(Locale.ROOT, "SenseQuant run %s (resumed)%n  %d symbols, %s to %s, %s bars; config sha256:%s; %d of %d phases completed before%n",
                resume, recorded.symbols().size(), typed.run().startDate(), typed.run().endDate(), typed.run().interval(),
                config.fingerprint().substring(0, 12), completed.size(), phases().size());
        List<PhaseResult> results = new PipelineRunner(phases(), out).resume(context, completed);
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
        Object status = results.stream().filter(r -> r.phase().equals(RegistryPhase.NAME)).reduce((a, b) -> b)
                .map(r -> r.summary().get("status")).orElse(release.summary().get("status"));
        out.printf(Locale.ROOT, "Run %s finished in %.1f s: %s (recommendation: %s)%n", context.runId(), total,
                status, release.summary().get("recommendation"));
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
        out.println("             deployment_readiness.json, manifest.yaml, promotion_briefing.html, promotion_briefing.md, "
                + "promotion_briefing.json, " + RunArtifacts.EFFECTIVE_CONFIG);
        out.println("Next steps:");
        out.println("  review   " + release.summary().get("briefing_html") + " (or .md)");
        out.println("  decide   deploy/bin/sensequant approve " + context.runId() + " --by <name> --note <text> --lake "
                + context.lake().root() + "   (or: reject ... --note <why>)");
        out.println("  query    deploy/bin/sensequant sql \"select scope, metric, value from metrics where run_id = '"
                + context.runId() + "'\" --lake " + context.lake().root());
        out.println("  audit    deploy/bin/sensequant history --table features --lake " + context.lake().root());
    }

}
