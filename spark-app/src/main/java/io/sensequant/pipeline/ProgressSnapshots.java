package io.sensequant.pipeline;

import io.sensequant.config.Yaml;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.LakeTable;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress snapshots of a running run, readable while it runs: {@code <state_dir>/<run_id>/progress.json}
 * (rewritten atomically at every phase boundary and every {@code progress.snapshot_seconds}) and a row in
 * {@code run_progress} every {@code snapshot_seconds}. A snapshot holds the phase, the phases completed with their
 * headlines and times, the run's elapsed time, and Spark's own progress of the work under way (tasks of the
 * active stages, with an ETA from their completion rate). A failure to write a snapshot never stops the run.
 */
final class ProgressSnapshots implements AutoCloseable {
    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("seq", DataTypes.LongType, false)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("phase", DataTypes.StringType, true)
            .add("phase_index", DataTypes.IntegerType, false)
            .add("phases_total", DataTypes.IntegerType, false)
            .add("phases_completed", DataTypes.IntegerType, false)
            .add("elapsed_seconds", DataTypes.DoubleType, false)
            .add("tasks_completed", DataTypes.LongType, false)
            .add("tasks_total", DataTypes.LongType, false)
            .add("eta_seconds", DataTypes.DoubleType, true)
            .add("snapshot_json", DataTypes.StringType, false);

    private final RunContext context;
    private final int phasesTotal;
    private final long startedNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final List<Map<String, Object>> completed = new ArrayList<>();
    private String phase;
    private Stage stage;
    private int phaseIndex;
    private long phaseStartedNanos = System.nanoTime();
    private long seq;

    ProgressSnapshots(RunContext context, int phasesTotal) {
        this.context = context;
        this.phasesTotal = phasesTotal;
        int seconds = context.config().progress().snapshotSeconds();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sensequant-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> write(true), seconds, seconds, TimeUnit.SECONDS);
    }

    synchronized void phaseStarted(int index, Phase next) {
        phaseIndex = index;
        phase = next.name();
        stage = next.stage();
        phaseStartedNanos = System.nanoTime();
        write(false);
    }

    synchronized void phaseCompleted(PhaseResult result) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("phase", result.phase());
        done.put("seconds", result.seconds());
        done.put("headline", result.headline());
        Object reward = result.summary().get("reward");
        if (reward != null) {
            done.put("reward", reward);
        }
        completed.add(done);
        write(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One snapshot: always the JSON file; with {@code toTable}, also a row of run_progress. */
    private synchronized void write(boolean toTable) {
        try {
            Map<String, Object> snapshot = snapshot();
            String json = Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot);
            LakeFiles.write(context.lake().hadoopConf(), stateDir() + "/progress.json", json);
            if (toTable && phase != null) {
                Row row = RowFactory.create(context.runId(), seq, Timestamp.from(Instant.now()), phase, phaseIndex, phasesTotal,
                        completed.size(), snapshot.get("elapsed_seconds"), snapshot.get("tasks_completed"),
                        snapshot.get("tasks_total"), snapshot.get("eta_seconds"), json);
                context.commits().append(context.spark().createDataFrame(List.of(row), SCHEMA), LakeTable.RUN_PROGRESS,
                        context.snapshot(stage, LakeTable.RUN_PROGRESS).bookkeeping().details(Map.of("seq", seq)).build());
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            context.warnings().println("WARNING progress snapshot not written (" + e.getMessage() + "); the run goes on");
        }
    }

    private Map<String, Object> snapshot() {
        seq++;
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("run_id", context.runId());
        snapshot.put("seq", seq);
        snapshot.put("recorded_at", Instant.now().toString());
        snapshot.put("phase", phase);
        snapshot.put("phase_index", phaseIndex);
        snapshot.put("phases_total", phasesTotal);
        snapshot.put("phases_completed", completed.size());
        snapshot.put("elapsed_seconds", (System.nanoTime() - startedNanos) / 1e9);
        snapshot.put("phase_elapsed_seconds", (System.nanoTime() - phaseStartedNanos) / 1e9);
        long done = 0;
        long total = 0;
        double eta = 0;
        List<Map<String, Object>> stages = new ArrayList<>();
        SparkStatusTracker tracker = context.spark().sparkContext().statusTracker();
        for (int id : tracker.getActiveStageIds()) {
            SparkStageInfo info = tracker.getStageInfo(id).getOrElse(() -> null);
            if (info == null) {
                continue;
            }
            done += info.numCompletedTasks();
            total += info.numTasks();
            double running = (System.currentTimeMillis() - info.submissionTime()) / 1e3;
            double stageEta = info.numCompletedTasks() == 0 ? Double.NaN
                    : running * (info.numTasks() - info.numCompletedTasks()) / info.numCompletedTasks();
            eta = Math.max(eta, stageEta);
            stages.add(Map.of("stage_id", id, "name", info.name(), "tasks_completed", info.numCompletedTasks(),
                    "tasks_total", info.numTasks()));
        }
        snapshot.put("tasks_completed", done);
        snapshot.put("tasks_total", total);
        // unknown until a task of every active stage has finished: absent, never a guess
        snapshot.put("eta_seconds", stages.isEmpty() || Double.isNaN(eta) ? null : eta);
        snapshot.put("spark_stages", stages);
        snapshot.put("completed", List.copyOf(completed));
        return snapshot;
    }

    private String stateDir() {
        String configured = context.config().progress().stateDir();
        String base = configured.isBlank() ? context.outputs().root() + "/_state" : configured;
        return base + "/" + context.runId();
    }
}
