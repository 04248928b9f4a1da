package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;
import io.sensequant.ingest.CoverageAudit;
import io.sensequant.ingest.IngestPhase;
import io.sensequant.market.SymbolNames;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.CodeVersion;
import io.sensequant.repro.RunIds;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeFiles;
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

/** {@code sensequant ingest}: phase 1 alone, or {@code --audit} of what ohlcv holds against the calendar. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Fetch bars into ohlcv in resumable chunks (or --audit the coverage of what is there).")
final class IngestCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--provider", paramLabel = "P", description = "synthetic, csv or http (ingest.provider).")
    String provider;

    @Option(names = "--path", paramLabel = "DIR_OR_FILE", description = "CSV directory of SYMBOL.csv files, or one long file (ingest.csv.path).")
    String path;

    @Option(names = "--symbols", paramLabel = "A,B,...", description = "Symbols to ingest.")
    String symbols;

    @Option(names = "--universe", paramLabel = "NAME", description = "nifty100 (the universe file), metals (its metals group) or all.")
    String universeSelection;

    @Option(names = "--interval", paramLabel = "I", description = "1day, 5minute or 1minute (run.interval).")
    String interval;

    @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First date to ingest (run.start_date).")
    String startDate;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last date to ingest (run.end_date).")
    String endDate;

    @Option(names = "--force", description = "Refetch chunks that ingest_log already has.")
    boolean force;

    @Option(names = "--allow-partial", description = "Continue, with a warning, when required symbols are missing.")
    boolean allowPartial;

    @Option(names = "--audit", description = "Report coverage per symbol against the trading calendar; fetches nothing.")
    boolean audit;

    @Override
    public Integer call() throws Exception {
        List<ConfigRequest.Shorthand> shorthands = new ArrayList<>();
        RunSetup.shorthand(shorthands, "--provider", "ingest.provider", provider);
        RunSetup.shorthand(shorthands, "--path", "ingest.csv.path", path);
        RunSetup.shorthand(shorthands, "--interval", "run.interval", interval);
        RunSetup.shorthand(shorthands, "--start-date", "run.start_date", startDate);
        RunSetup.shorthand(shorthands, "--end-date", "run.end_date", endDate);
        if (force) {
            RunSetup.shorthand(shorthands, "--force", "ingest.force", "true");
        }
        if (allowPartial) {
            RunSetup.shorthand(shorthands, "--allow-partial", "ingest.allow_partial", "true");
        }
        RunSetup setup = RunSetup.load(configOptions, shorthands);
        EffectiveConfig config = setup.config();
        PipelineConfig typed = config.typed();
        Universe universe = setup.universe();
        TradingCalendar calendar = setup.calendar();
        List<String> selected = selectSymbols(typed, universe);

        Lake lake = Session.openLake(config);
        PrintStream out = System.out;
        if (audit) {
            return printAudit(out, lake, calendar, selected, typed);
        }
        Instant started = Instant.now();
        RunContext context = new RunContext(RunIds.next(config.fingerprint(), started), config, CodeVersion.current(),
                universe, calendar, selected, lake);
        out.printf(Locale.ROOT, "SenseQuant ingest %s: %d symbols, %s %s to %s from %s%n", context.runId(), selected.size(),
                typed.run().interval(), typed.run().startDate(), typed.run().endDate(), typed.ingest().provider());
        PhaseResult result = new PipelineRunner(List.of(new IngestPhase()), out).run(context).get(0);
        printSummary(out, result, (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        return SenseQuant.OK;
    }

    private List<String> selectSymbols(PipelineConfig config, Universe universe) {
        if (symbols != null && universeSelection != null) {
            throw new ConfigException("--symbols and --universe both given; use one");
        }
        if (symbols != null) {
            List<String> requested = List.of(symbols.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (config.ingest().provider().equals("csv")) {
                requested.forEach(s -> SymbolNames.requireValid(s, "--symbols"));
                return requested;
            }
            return universe.select(requested, "--symbols");
        }
        if (universeSelection == null) {
            if (config.ingest().provider().equals("csv") && config.run().symbols().isEmpty()) {
                List<String> available = io.sensequant.ingest.Providers.csvSymbols(config);
                available.forEach(s -> SymbolNames.requireValid(s, config.ingest().csv().path()));
                return available;
            }
            return universe.select(config.run().symbols(), "run.symbols");
        }
        return switch (universeSelection) {
            case "all" -> universe.allSymbols();
            case "metals" -> universe.groups().getOrDefault("metals", List.of());
            default -> {
                if (!universeSelection.equals(universe.name())) {
                    throw new ConfigException("--universe '" + universeSelection + "': use " + universe.name()
                            + ", metals or all (or set run.universe)");
                }
                yield universe.allSymbols();
            }
        };
    }

    private static int printAudit(PrintStream out, Lake lake, TradingCalendar calendar, List<String> symbols, PipelineConfig config)
            throws Exception {
        List<CoverageAudit.SymbolCoverage> report = CoverageAudit.audit(lake, calendar, symbols, config.run().interval(),
                config.run().startDate(), config.run().endDate());
        out.printf(Locale.ROOT, "%-12s %9s %9s %9s %8s %10s %11s  %s%n", "symbol", "expected", "present", "missing",
                "coverage", "duplicates", "quarantined", "gaps");
        for (CoverageAudit.SymbolCoverage c : report) {
            String gaps = c.gaps().stream().limit(3).map(g -> g.from() + ".." + g.to() + " (" + g.sessions() + ")")
                    .reduce((a, b) -> a + ", " + b).orElse("");
            if (c.gaps().size() > 3) {
                gaps += ", +" + (c.gaps().size() - 3) + " more";
            }
            out.printf(Locale.ROOT, "%-12s %9d %9d %9d %7.1f%% %10d %11d  %s%n", c.symbol(), c.expectedSessions(),
                    c.presentSessions(), c.expectedSessions() - c.presentSessions(), c.coveragePct(), c.duplicateKeys(),
                    c.quarantined(), gaps);
        }
        String file = lake.root() + "/_audit/coverage_" + config.run().interval() + "_" + config.run().startDate() + "_"
                + config.run().endDate() + ".json";
        LakeFiles.write(lake.hadoopConf(), file, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                Map.of("interval", config.run().interval(), "start_date", config.run().startDate().toString(),
                        "end_date", config.run().endDate().toString(), "symbols", report)));
        out.println("coverage report: " + file);
        boolean complete = report.stream().allMatch(c -> c.presentSessions() == c.expectedSessions() && c.duplicateKeys() == 0);
        return complete ? SenseQuant.OK : SenseQuant.FAILED;
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(PrintStream out, PhaseResult result, double seconds) {
        Map<String, Object> s = result.summary();
        Map<String, Object> chunks = (Map<String, Object>) s.get("chunks");
        out.println();
        out.println("Ingest summary");
        out.printf(Locale.ROOT, "  requests            %s%n", s.get("requests"));
        out.printf(Locale.ROOT, "  chunks              %s planned, %s fetched, %s cache hits, %s failed%n",
                chunks.get("planned"), chunks.get("fetched"), chunks.get("cached"), chunks.get("failed"));
        out.printf(Locale.ROOT, "  rows written        %s%n", s.get("rows"));
        out.printf(Locale.ROOT, "  guardrails          %s%n", s.get("guardrails"));
        out.printf(Locale.ROOT, "  quarantined         %s%n", s.get("quarantined"));
        List<String> warnings = (List<String>) s.get("source_warnings");
        out.printf(Locale.ROOT, "  source warnings     %d%s%n", warnings.size(), warnings.isEmpty() ? "" : ": " + String.join("; ", warnings));
        for (String failed : (List<String>) s.get("failed_chunks")) {
            out.println("  failed chunk        " + failed);
        }
        List<String> missing = (List<String>) s.get("missing_symbols");
        if (!missing.isEmpty()) {
            out.println("  WARNING missing     " + String.join(", ", missing) + " (continued because of --allow-partial)");
        }
        out.printf(Locale.ROOT, "  wall time           %.1f s%n", seconds);
    }

}
