package io.sensequant.pipeline;

import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a phase needs about the run it belongs to, passed from phase to phase: identity, config, the
 * symbols and calendar, the lake, and the results of the phases that ran before it.
 */
public final class RunContext {
    private final String runId;
    private final EffectiveConfig config;
    private final String codeVersion;
    private final Universe universe;
    private final TradingCalendar calendar;
    private final List<String> symbols;
    private final Lake lake;
    private final DeltaCommits commits;
    private final List<PhaseResult> results = new ArrayList<>();

    public RunContext(String runId, EffectiveConfig config, String codeVersion, Universe universe,
                      TradingCalendar calendar, List<String> symbols, Lake lake) {
        this.runId = runId;
        this.config = config;
        this.codeVersion = codeVersion;
        this.universe = universe;
        this.calendar = calendar;
        this.symbols = List.copyOf(symbols);
        this.lake = lake;
        this.commits = new DeltaCommits(lake);
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

    public Universe universe() {
        return universe;
    }

    public TradingCalendar calendar() {
        return calendar;
    }

    public List<String> symbols() {
        return symbols;
    }

    public Lake lake() {
        return lake;
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

    void record(PhaseResult result) {
        results.add(result);
    }

    public List<PhaseResult> results() {
        return Collections.unmodifiableList(results);
    }

    public Optional<PhaseResult> result(Stage stage) {
        return results.stream().filter(r -> r.stage() == stage).reduce((first, second) -> second);
    }

    /** The version of {@code table} that this run's earlier phases committed; a phase reads exactly that. */
    public long versionWritten(LakeTable table) {
        for (int i = results.size() - 1; i >= 0; i--) {
            Long version = results.get(i).tableVersions().get(table.tableName());
            if (version != null) {
                return version;
            }
        }
        throw new IllegalStateException("no phase of run " + runId + " has written table " + table.tableName() + " yet");
    }

    /**
     * The version of {@code table} a phase reads: the one an earlier phase of this run wrote, else (a phase run
     * on its own, e.g. {@code sensequant features}) the table's latest version.
     */
    public long inputVersion(LakeTable table) {
        for (int i = results.size() - 1; i >= 0; i--) {
            Long version = results.get(i).tableVersions().get(table.tableName());
            if (version != null) {
                return version;
            }
        }
        return lake.latestVersion(table).orElseThrow(() -> new io.sensequant.config.ConfigException("table "
                + table.tableName() + " does not exist in " + lake.root() + "; run the phase that writes it first"
                + (table == LakeTable.OHLCV ? " (sensequant ingest)" : "")));
    }

    public StageSnapshot snapshot(Stage stage, LakeTable table, Map<String, Long> inputVersions,
                                  Map<String, Long> rowCounts, Map<String, Object> details) {
        return new StageSnapshot(StageSnapshot.SCHEMA_VERSION, runId, stage, table.tableName(), config.fingerprint(),
                config().run().baseSeed(), codeVersion, inputVersions, rowCounts, details);
    }
}
