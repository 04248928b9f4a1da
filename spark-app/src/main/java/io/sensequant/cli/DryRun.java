package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;
import io.sensequant.config.ConfDir;
import io.sensequant.features.FeatureEngine;
import io.sensequant.features.FeatureInputs;
import io.sensequant.features.FeaturePlan;
import io.sensequant.holdout.Holdout;
import io.sensequant.training.SplitDates;
import io.sensequant.ingest.ChunkRequest;
import io.sensequant.ingest.IngestLog;
import io.sensequant.ingest.IngestPhase;
import io.sensequant.ingest.Providers;
import io.sensequant.market.MarketData;
import io.sensequant.market.StressPeriod;
import io.sensequant.market.TrainingWindow;
import io.sensequant.market.WindowPlanner;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.RunContextTable;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.LakeTable;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code run --dryrun}: checks config, universe, calendar, provider settings, feature inputs and that the lake and
 * release directories are writable, then plans the run (chunks to fetch or already cached, teacher windows, the
 * holdout and the student's split, ranking folds, stress periods in range) and prints it; a holdout leaving a
 * selection stage too few sessions fails as the run would. Nothing is fetched or trained; the only
 * writes are the run's {@code run_context} rows and a briefing marked DRYRUN, which holds the plan and no metric.
 */
final class DryRun {
    static final String STATUS = "DRYRUN";

    private DryRun() {
    }

    static void run(RunContext context, List<Phase> phases, PrintStream out) {
        PipelineConfig config = context.config();
        Providers.checkConfigured(config);
        FeatureInputs.modelInputs(config);
        List<LocalDate> sessions = context.calendar().tradingDays(config.run().startDate(), config.run().endDate());
        if (sessions.isEmpty()) {
            throw new ConfigException("run dates " + config.run().startDate() + " to " + config.run().endDate()
                    + " hold no trading session of calendar " + config.run().calendar());
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("symbols", context.symbols());
        plan.put("sessions", sessions.size());
        plan.put("ingest", ingestPlan(context));
        plan.put("teacher_windows", windowPlan(context));
        // the holdout the FEATURES stage will fix, from the sessions it will keep; a plan too short fails here
        Holdout holdout = FeatureInputs.requireSelectionSessions(config, FeatureInputs.holdout(config,
                FeatureInputs.plannedSessions(sessions, FeatureEngine.warmupBars(FeaturePlan.load(ConfDir.locate(),
                        config.features()), config.features()), config.features())));
        plan.put("holdout", holdout.asMap());
        plan.put("student", SplitDates.of(holdout).asMap());
        plan.put("target_ranking", config.ranking().enabled() ? Map.of("folds", config.ranking().folds(),
                "candidates", config.features().candidateTargets().horizons().size()
                        * config.features().candidateTargets().thresholds().size() * config.features().candidateTargets().kinds().size())
                : Map.of("enabled", false));
        plan.put("stress_periods_in_range", new MarketData(io.sensequant.config.ConfDir.locate()).stressPeriods().stream()
                .filter(p -> !p.end().isBefore(config.run().startDate()) && !p.start().isAfter(config.run().endDate()))
                .map(StressPeriod::id).toList());
        plan.put("phases", phases.stream().map(Phase::name).toList());

        RunContextTable transitions = new RunContextTable(context);
        transitions.runStarted(Stage.INGEST, "dryrun: validated and planned, nothing fetched or trained");
        writeBriefing(context, plan);
        transitions.runFinished(true, "dryrun");

        int index = 0;
        for (Phase phase : phases) {
            index++;
            out.printf(Locale.ROOT, "Phase %d/%d: %s%n  ⊘ dry run: not executed%n", index, phases.size(), phase.name());
        }
        out.println();
        out.println("Dry run " + context.runId() + ": config, universe, calendar, provider settings and paths are valid.");
        out.println("  plan:      " + plan.get("ingest"));
        out.println("             teacher windows " + plan.get("teacher_windows") + "; student " + plan.get("student"));
        out.println("             holdout " + plan.get("holdout"));
        out.println("             stress periods in range: " + plan.get("stress_periods_in_range"));
        out.println("  briefing:  " + context.releaseDir() + "/promotion_briefing.md (DRYRUN: no metrics, nothing was trained)");
        out.println("Next step: the same command without --dryrun.");
    }

    private static Map<String, Object> ingestPlan(RunContext context) {
        PipelineConfig config = context.config();
        List<ChunkRequest> chunks = IngestPhase.plan(context);
        long cached = 0;
        if (context.lake().exists(LakeTable.INGEST_LOG) && !config.ingest().force()) {
            Map<String, IngestLog.Complete> complete = new IngestLog(context.lake())
                    .completeChunks(config.ingest().provider(), config.run().interval());
            cached = chunks.stream().filter(c -> {
                IngestLog.Complete done = complete.get(IngestLog.key(c.symbol(), c.interval(), c.start()));
                return done != null && done.end().equals(c.end());
            }).count();
        }
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("provider", config.ingest().skipFetch() ? "none (--skip-fetch)" : config.ingest().provider());
        ingest.put("chunks", chunks.size());
        ingest.put("already_ingested", cached);
        ingest.put("to_fetch", config.ingest().skipFetch() ? 0 : chunks.size() - cached);
        return ingest;
    }

    private static Map<String, Object> windowPlan(RunContext context) {
        PipelineConfig config = context.config();
        WindowPlanner planner = new WindowPlanner(config.training().windowDays(), config.training().stepDays());
        List<TrainingWindow> perSymbol = planner.plan("", config.run().startDate(), config.run().endDate());
        return Map.of("per_symbol", perSymbol.size(), "total", perSymbol.size() * context.symbols().size());
    }

    private static void writeBriefing(RunContext context, Map<String, Object> plan) {
        Map<String, Object> briefing = new LinkedHashMap<>();
        briefing.put("run_id", context.runId());
        briefing.put("status", STATUS);
        briefing.put("config_fingerprint", context.effectiveConfig().fingerprint());
        briefing.put("note", "dry run: the config was validated and the run planned; nothing was fetched or trained, so "
                + "there are no metrics, tests or models");
        briefing.put("plan", plan);
        StringBuilder md = new StringBuilder("# Promotion briefing: " + context.runId() + " (DRYRUN)\n\n")
                .append("**Status:** DRYRUN. Nothing was fetched or trained: this briefing holds the plan, no metrics.\n\n")
                .append("- config sha256: `").append(context.effectiveConfig().fingerprint()).append("`\n");
        plan.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        try {
            String dir = context.releaseDir();
            LakeFiles.write(context.lake().hadoopConf(), dir + "/promotion_briefing.json",
                    Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(briefing));
            LakeFiles.write(context.lake().hadoopConf(), dir + "/promotion_briefing.md", md.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the dry-run briefing", e);
        }
    }
}
