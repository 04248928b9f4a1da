package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

/**
 * Phase 1: the run's symbols and date range, chunked and fetched from the configured provider into
 * {@code ohlcv} (see {@link Ingestion}). Missing required symbols fail the phase unless partial runs are allowed.
 */
public final class IngestPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "ingest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.INGEST;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig config = context.config();
        if (config.ingest().skipFetch()) {
            return skipFetch(context);
        }
        ChunkSource source = Providers.source(context);
        IngestReport report = new Ingestion(context, source).run(plan(context));
        if (!report.missingSymbols().isEmpty() && !config.ingest().allowPartial()) {
            throw new IngestIncompleteException(report.missingSymbols(), report.failedChunks());
        }
        if (report.ohlcvVersion() < 0) {
            throw new IllegalStateException("no bars at all were ingested for " + context.symbols().size() + " symbols");
        }
        Map<String, Object> sentiment = SentimentIngestion.run(context);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("provider", report.provider());
        summary.put("interval", config.run().interval());
        summary.put("start_date", config.run().startDate().toString());
        summary.put("end_date", config.run().endDate().toString());
        summary.put("symbols", context.symbols());
        summary.put("chunks", Map.of("planned", report.chunksPlanned(), "fetched", report.chunksFetched(),
                "cached", report.chunksCached(), "failed", report.chunksFailed()));
        summary.put("requests", report.requests());
        summary.put("rows", report.rowsWritten());
        summary.put("rows_per_symbol", report.rowsPerSymbol());
        summary.put("quarantined", report.quarantined());
        // jumps kept in ohlcv as market events (persistent or shared moves), listed in ohlcv_quarantine, reason market_event
        summary.put("market_events", report.marketEvents());
        summary.put("guardrails", report.guardrails());
        summary.put("failed_chunks", report.failedChunks());
        summary.put("missing_symbols", report.missingSymbols());
        summary.put("source_warnings", report.warnings());
        summary.put("sentiment", sentiment);
        String headline = String.format("%,d chunks (%,d fetched, %,d cached, %,d failed), %,d bars written, %,d quarantined, "
                        + "%,d market events kept; ohlcv v%d",
                report.chunksPlanned(), report.chunksFetched(), report.chunksCached(), report.chunksFailed(),
                report.rowsWritten(), report.quarantined(), report.marketEvents(), report.ohlcvVersion());
        if (!report.missingSymbols().isEmpty()) {
            headline += "; WARNING partial: missing " + String.join(", ", report.missingSymbols());
        }
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(LakeTable.OHLCV.tableName(), report.ohlcvVersion());
        if (Boolean.TRUE.equals(sentiment.get("enabled"))) {
            headline += String.format(java.util.Locale.ROOT, "; sentiment %.1f%% coverage", ((Number) sentiment.get("coverage_pct")).doubleValue());
            long sentimentVersion = ((Number) sentiment.get("version")).longValue();
            if (sentimentVersion >= 0) {
                versions.put(LakeTable.SENTIMENT.tableName(), sentimentVersion);
            }
        }
        return PhaseResult.of(this, headline, summary, versions,
                List.of(context.lake().path(LakeTable.OHLCV), context.lake().path(LakeTable.INGEST_LOG)));
    }

    /** {@code --skip-fetch}: the bars already in ohlcv, checked for coverage; no provider is touched. */
    private PhaseResult skipFetch(RunContext context) {
        Map<String, Object> coverage = ExistingBars.require(context);
        long version = context.inputVersion(LakeTable.OHLCV);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("provider", "none (--skip-fetch)");
        summary.put("interval", context.config().run().interval());
        summary.put("start_date", context.config().run().startDate().toString());
        summary.put("end_date", context.config().run().endDate().toString());
        summary.put("symbols", context.symbols());
        summary.put("fetch", "skipped");
        summary.put("coverage", coverage);
        summary.put("missing_symbols", coverage.get("symbols_without_bars"));
        summary.put("quarantined", 0L);
        summary.put("market_events", 0L);
        return PhaseResult.of(this, String.format("fetch skipped (--skip-fetch): ohlcv v%d covers %d symbols, %,d of %,d sessions",
                        version, context.symbols().size(), (Long) coverage.get("sessions_present"), (Long) coverage.get("sessions_expected")),
                summary, Map.of(LakeTable.OHLCV.tableName(), version), List.of(context.lake().path(LakeTable.OHLCV)));
    }

    public static List<ChunkRequest> plan(RunContext context) {
        PipelineConfig config = context.config();
        ChunkPlanner planner = new ChunkPlanner(config.ingest().historicalChunkDays());
        List<ChunkRequest> chunks = new ArrayList<>();
        for (String symbol : context.symbols()) {
            chunks.addAll(planner.plan(symbol, Providers.providerCode(context, symbol), config.run().interval(),
                    config.run().startDate(), config.run().endDate()));
        }
        return chunks;
    }

    /** Adds ts_part: the bar's date at year or month granularity, in the session time zone. */
    static Dataset<Row> withPartitionColumn(Dataset<Row> bars, String granularity) {
        Column part = switch (granularity) {
            case "year" -> date_format(col(OhlcvSchema.TS), "yyyy");
            case "month" -> date_format(col(OhlcvSchema.TS), "yyyy-MM");
            default -> throw new ConfigException("lake.ohlcv_partition_granularity: '" + granularity
                    + "' is not one of year, month");
        };
        return bars.withColumn(OhlcvSchema.TS_PART, part);
    }
}
