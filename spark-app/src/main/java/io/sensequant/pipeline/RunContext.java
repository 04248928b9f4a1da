package io.sensequant.pipeline;

import io.sensequant.config.ConfigException;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.repro.RunIdentity;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.apache.spark.sql.functions.col;

/**
 * Everything a phase needs about the run it belongs to, passed from phase to phase: identity, config, the
 * symbols and calendar, the lake, and the results of the phases that ran before it.
 *
 * <p>Phases read from {@link #lake()} and write through {@link #commits()} and {@link #modelsDir()}, which go to
 * the {@link #outputs()} lake: the same lake in a run, a scratch lake when {@code sensequant verify} re-runs a
 * stage. Every input version a phase asks for is recorded ({@link #reads()}), so the stage can be re-run later
 * on exactly those versions ({@link #pin}).
 */
public final class RunContext {
    private final String runId;
    private final EffectiveConfig config;
    private final String codeVersion;
    private final Universe universe;
    private final TradingCalendar calendar;
    private final List<String> symbols;
    private final Lake lake;
    private final Lake outputs;
    private final DeltaCommits commits;
    private final List<PhaseResult> results = new ArrayList<>();
    private final Map<String, Long> pinned = new TreeMap<>();
    private final Map<String, Long> reads = new TreeMap<>();
    private final AtomicLong snapshotSeq = new AtomicLong();
    private final Map<Stage, Integer> attempts = new EnumMap<>(Stage.class);
    private final List<io.sensequant.spark.DeltaCommits.Committed> stageCommits = new ArrayList<>();
    private PrintStream warnings = System.err;
    private Stage scope;
    private io.sensequant.repro.RunContextTable transitions;
    private RunIdentity runIdentity;
    private long runIdentityVersion = -1;

    public RunContext(String runId, EffectiveConfig config, String codeVersion, Universe universe,
                      TradingCalendar calendar, List<String> symbols, Lake lake) {
        this(runId, config, codeVersion, universe, calendar, symbols, lake, lake);
    }

    public RunContext(String runId, EffectiveConfig config, String codeVersion, Universe universe,
                      TradingCalendar calendar, List<String> symbols, Lake lake, Lake outputs) {
        this.runId = runId;
        this.config = config;
        this.codeVersion = codeVersion;
        this.universe = universe;
        this.calendar = calendar;
        this.symbols = List.copyOf(symbols);
        this.lake = lake;
        this.outputs = outputs;
        this.commits = new DeltaCommits(outputs);
    }

    public String runId() {
        return runId;
    }

    public EffectiveConfig effectiveConfig() {
        return config;
    }

    public PipelineConfig config() {
        return config.typed();
    }

    public String codeVersion() {
        return codeVersion;
    }

    public Universe universe() {
        return universe;
    }

    public TradingCalendar calendar() {
        return calendar;
    }

    public List<String> symbols() {
        return symbols;
    }

    /** Where the run reads its inputs. */
    public Lake lake() {
        return lake;
    }

    /** Where the run writes: the same lake in a run, a scratch lake in {@code verify}. */
    public Lake outputs() {
        return outputs;
    }

    /** Where this run's model files go. */
    public String modelsDir() {
        return outputs.modelsDir(runId);
    }

    public SparkSession spark() {
        return lake.spark();
    }

    public DeltaCommits commits() {
        return commits;
    }

    public String releaseDir() {
        String base = config().paths().releaseDir();
        return (base.endsWith("/") ? base : base + "/") + runId;
    }

    /** Where identity warnings (relaxed mode) go; the console's error stream by default. */
    public PrintStream warnings() {
        return warnings;
    }

    public void warnTo(PrintStream stream) {
        this.warnings = stream;
    }

    /** Records a phase's result, for the phases after it (the runner, or verify replaying a recorded run). */
    public void record(PhaseResult result) {
        results.add(result);
    }

    public List<PhaseResult> results() {
        return Collections.unmodifiableList(results);
    }

    public Optional<PhaseResult> result(Stage stage) {
        return results.stream().filter(r -> r.stage() == stage).reduce((first, second) -> second);
    }

    /** The stage of the phase running now (the "scope" of resolve_stage); null between phases. */
    public Optional<Stage> scope() {
        return Optional.ofNullable(scope);
    }

    void enterScope(Stage stage) {
        this.scope = stage;
    }

    /** Every commit the run's phases made, oldest first, with their snapshots. */
    public List<io.sensequant.spark.DeltaCommits.Committed> stageCommits() {
        return Collections.unmodifiableList(stageCommits);
    }

    void recordCommits(List<io.sensequant.spark.DeltaCommits.Committed> commits) {
        commits.stream().filter(c -> !LakeTable.isBookkeeping(c.table())).forEach(stageCommits::add);
    }

    /** Makes every later read of {@code table} use {@code version} (verify re-runs a stage on its recorded inputs). */
    public void pin(String table, long version) {
        pinned.put(table, version);
    }

    /** The input versions read since the last {@link #clearReads()}: what the current phase read. */
    public Map<String, Long> reads() {
        return Collections.unmodifiableMap(reads);
    }

    public void clearReads() {
        reads.clear();
    }

    /** The version of {@code table} that this run's earlier phases committed; a phase reads exactly that. */
    public long versionWritten(LakeTable table) {
        Long version = pinned.containsKey(table.tableName()) ? pinned.get(table.tableName()) : writtenByEarlierPhase(table);
        if (version == null) {
            throw new IllegalStateException("no phase of run " + runId + " has written table " + table.tableName() + " yet");
        }
        reads.put(table.tableName(), version);
        return version;
    }

    /**
     * The version of {@code table} a phase reads: the one an earlier phase of this run wrote, else (a phase run
     * on its own, e.g. {@code sensequant features}) the table's latest version.
     */
    public long inputVersion(LakeTable table) {
        Long version = pinned.containsKey(table.tableName()) ? pinned.get(table.tableName()) : writtenByEarlierPhase(table);
        if (version == null) {
            version = lake.latestVersion(table).orElseThrow(() -> new ConfigException("table "
                    + table.tableName() + " does not exist in " + lake.root() + "; run the phase that writes it first"
                    + (table == LakeTable.OHLCV ? " (sensequant ingest)" : "")));
        }
        reads.put(table.tableName(), version);
        return version;
    }

    private Long writtenByEarlierPhase(LakeTable table) {
        for (int i = results.size() - 1; i >= 0; i--) {
            Long version = results.get(i).tableVersions().get(table.tableName());
            if (version != null) {
                return version;
            }
        }
        return null;
    }

    /**
     * The identity of the data this run reads: its slice of ohlcv (symbols, interval, dates) at the version it
     * reads. Computed once per ohlcv version.
     */
    public RunIdentity runIdentity() {
        long version = inputVersion(LakeTable.OHLCV);
        if (runIdentity == null || runIdentityVersion != version) {
            PipelineConfig.Run run = config().run();
            runIdentity = RunIdentity.of(lake.readVersion(LakeTable.OHLCV, version)
                            .where(col(OhlcvSchema.SYMBOL).isin(symbols.toArray())
                                    .and(col(OhlcvSchema.INTERVAL).equalTo(run.interval()))
                                    .and(OhlcvSchema.onDates(run.startDate(), run.endDate(), calendar.zone()))),
                    LakeTable.OHLCV.tableName(), version, run.interval(), dataSource());
            runIdentityVersion = version;
        }
        return runIdentity;
    }

    /** {@link #runIdentity()}, or empty when the lake has no ohlcv to identify (and no phase pinned one). */
    public Optional<RunIdentity> runIdentityIfAvailable() {
        boolean known = pinned.containsKey(LakeTable.OHLCV.tableName()) || writtenByEarlierPhase(LakeTable.OHLCV) != null;
        return known || lake.exists(LakeTable.OHLCV) ? Optional.of(runIdentity()) : Optional.empty();
    }

    /** The data identity if a snapshot of this run has computed it already. */
    public Optional<RunIdentity> cachedRunIdentity() {
        return Optional.ofNullable(runIdentity);
    }

    /** Where the bars come from, without secrets: the provider and its location. */
    public Map<String, Object> dataSource() {
        PipelineConfig.Ingest ingest = config().ingest();
        Map<String, Object> source = new TreeMap<>();
        source.put("provider", ingest.provider());
        switch (ingest.provider()) {
            case "csv" -> source.put("path", ingest.csv().path());
            case "http" -> source.put("base_url", ingest.http().baseUrl());
            default -> source.put("universe", config().run().universe());
        }
        return source;
    }

    /** The current attempt of {@code stage} in this run (1 until a rerun, e.g. after a leakage auto-fix). */
    public int attempt(Stage stage) {
        return attempts.getOrDefault(stage, 1);
    }

    /** Starts the next attempt of {@code stage} (a rerun inside the run), recorded in run_context with why. */
    public void newAttempt(Stage stage, int attempt, String reason) {
        attempts.put(stage, attempt);
        if (transitions != null) {
            transitions.attempt(stage, attempt, reason);
        }
    }

    void attachTransitions(io.sensequant.repro.RunContextTable table) {
        this.transitions = table;
    }

    /** Numbers this context's snapshots after {@code seq} (a resumed run continues its own numbering). */
    public void continueSnapshotSeqAfter(long seq) {
        snapshotSeq.set(Math.max(snapshotSeq.get(), seq));
    }

    long nextSnapshotSeq() {
        return snapshotSeq.incrementAndGet();
    }

    /** A snapshot of {@code stage} for a commit to {@code table}; the builder adds identity and fingerprints. */
    public SnapshotBuilder snapshot(Stage stage, LakeTable table) {
        return new SnapshotBuilder(this, stage, table);
    }

    /** A snapshot with the run-level identity only (phases add their signatures through the builder). */
    public io.sensequant.snapshot.StageSnapshot snapshot(Stage stage, LakeTable table, Map<String, Long> inputVersions,
                                                         Map<String, Long> rowCounts, Map<String, Object> details) {
        return snapshot(stage, table).inputs(inputVersions).rowCounts(rowCounts).details(details).build();
    }
}
