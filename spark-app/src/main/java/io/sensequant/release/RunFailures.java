package io.sensequant.release;

import io.sensequant.pipeline.PhaseFailedException;
import io.sensequant.pipeline.RunContext;

import java.util.List;

/**
 * Records a failed run: a {@code failed} row in the candidate registry naming the phase and why, and a partial
 * briefing (status FAILED) saying what was done, what failed and how to continue, so a failed overnight run still
 * leaves something to read.
 */
public final class RunFailures {
    private static final int MAX_NOTE = 1000;

    private RunFailures() {
    }

    /**
     * Appends a {@code failed} row for the run; {@code phases} are the run's phases in order, so the failure point
     * is the first one without a result. Never throws: a failure to record is attached to {@code failure} as
     * suppressed, so the run's own error stays what the user sees.
     */
    public static void record(RunContext context, List<String> phases, Throwable failure) {
        try {
            String phase = failure instanceof PhaseFailedException failed ? failed.phase()
                    : phases.get(Math.min(context.results().size(), phases.size() - 1));
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            String note = "failed at phase '" + phase + "': " + reason.lines().findFirst().orElse(reason);
            note = note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE - 3) + "..." : note;
            String from = CandidateRegistry.latest(context.outputs(), context.runId()).map(r -> r.<String>getAs("status")).orElse(null);
            String validation = context.result(io.sensequant.snapshot.Stage.VALIDATION)
                    .map(r -> io.sensequant.identity.CanonicalJson.write(r.summary())).orElse("{}");
            String briefing = writePartialBriefing(context, phases, phase, reason);
            CandidateRegistry.record(context, CandidateRegistry.FAILED, from, note, RegistryPhase.trainingSummary(context),
                    validation, null, briefing);
        } catch (RuntimeException | LinkageError bookkeeping) {
            failure.addSuppressed(bookkeeping);
        }
    }

    /** promotion_briefing.json and .md with status FAILED: the phases done (headlines), the failure, next steps. */
    private static String writePartialBriefing(RunContext context, List<String> phases, String failedPhase, String reason) {
        java.util.Map<String, Object> briefing = new java.util.LinkedHashMap<>();
        briefing.put("run_id", context.runId());
        briefing.put("status", "FAILED");
        briefing.put("config_fingerprint", context.effectiveConfig().fingerprint());
        briefing.put("failed_phase", failedPhase);
        briefing.put("reason", reason);
        java.util.List<java.util.Map<String, Object>> done = context.results().stream()
                .map(r -> java.util.Map.<String, Object>of("phase", r.phase(), "headline", r.headline(), "seconds", r.seconds()))
                .toList();
        briefing.put("completed_phases", done);
        briefing.put("not_run", phases.stream().filter(p -> done.stream().noneMatch(d -> d.get("phase").equals(p))
                && !p.equals(failedPhase)).toList());
        String resume = "deploy/bin/sensequant run --resume " + context.runId() + " --lake " + context.lake().root();
        briefing.put("next_steps", java.util.List.of("fix the cause above", resume));
        StringBuilder md = new StringBuilder("# Promotion briefing: " + context.runId() + " (FAILED)\n\n")
                .append("**Status:** FAILED at phase `").append(failedPhase).append("`: ").append(reason).append("\n\n")
                .append("This run produced no release candidate. Nothing below is a result of the failed phase.\n\n")
                .append("## Completed phases\n\n");
        done.forEach(d -> md.append("- ").append(d.get("phase")).append(": ").append(d.get("headline")).append('\n'));
        md.append("\n## Not run\n\n");
        ((java.util.List<?>) briefing.get("not_run")).forEach(p -> md.append("- ").append(p).append('\n'));
        md.append("\n## Next steps\n\n1. Fix the cause above.\n2. Continue the run: `").append(resume).append("`\n");
        String dir = context.releaseDir();
        try {
            io.sensequant.spark.LakeFiles.write(context.lake().hadoopConf(), dir + "/promotion_briefing.json",
                    io.sensequant.config.Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(briefing));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the partial briefing", e);
        }
        io.sensequant.spark.LakeFiles.write(context.lake().hadoopConf(), dir + "/promotion_briefing.md", md.toString());
        return dir + "/promotion_briefing.md";
    }
}
