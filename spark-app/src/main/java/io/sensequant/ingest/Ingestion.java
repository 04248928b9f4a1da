package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import io.sensequant.pipeline.Progress;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.RunIdentity;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Chunked, resumable ingestion. Chunks already complete in {@code ingest_log} are skipped (unless forced); the
 * rest are fetched in batches of {@code commit_every_chunks}, each batch passing the guardrails and committing
 * its clean bars to {@code ohlcv} (MERGE), its suspect bars to {@code ohlcv_quarantine}, and then its chunk
 * statuses to {@code ingest_log}. A run killed at any point redoes at most one batch, and because every write
 * is a MERGE on the natural key, redoing it adds nothing twice. Jumps kept as market events (see {@link Guardrails})
 * stay in {@code ohlcv} and are also recorded in {@code ohlcv_quarantine} with reason {@code market_event}, so
 * they can be inspected; that table's other rows are the bars actually withheld.
 */
public final class Ingestion {
    private final RunContext context;
    private final ChunkSource source;
    private RunIdentity lastWritten;

    Ingestion(RunContext context, ChunkSource source) {
        this.context = context;
        this.source = source;
    }

    public IngestReport run(List<ChunkRequest> planned) {
        PipelineConfig.Ingest settings = context.config().ingest();
        String interval = context.config().run().interval();
        IngestLog log = new IngestLog(context.lake());
        Map<String, IngestLog.Complete> complete = settings.force() ? Map.of() : log.completeChunks(source.name(), interval);
        List<ChunkRequest> pending = new ArrayList<>();
        List<ChunkOutcome> cached = new ArrayList<>();
        for (ChunkRequest chunk : planned) {
            IngestLog.Complete done = complete.get(IngestLog.key(chunk.symbol(), chunk.interval(), chunk.start()));
            if (done != null && done.end().equals(chunk.end())) {
                cached.add(new ChunkOutcome(chunk, ChunkOutcome.CACHED, 0, done.rows(), null, List.of()));
            } else {
                pending.add(chunk);
            }
        }

        Map<String, Long> guardrails = new TreeMap<>();
        Map<String, Long> rowsPerSymbol = new TreeMap<>();
        List<ChunkOutcome> outcomes = new ArrayList<>(cached);
        long quarantined = 0;
        long marketEvents = 0;
        long requests = 0;
        try (Progress progress = Progress.start("fetching " + source.name(), pending.size(), "chunks")) {
            for (int from = 0; from < pending.size(); from += settings.commitEveryChunks()) {
                List<ChunkRequest> batch = pending.subList(from, Math.min(pending.size(), from + settings.commitEveryChunks()));
                ChunkSource.Batch fetched = source.fetch(batch, progress::step);
                try {
                    BatchCounts counts = commitBatch(fetched);
                    counts.guardrails().forEach((rule, n) -> guardrails.merge(rule, n, Long::sum));
                    counts.rowsPerSymbol().forEach((symbol, n) -> rowsPerSymbol.merge(symbol, n, Long::sum));
                    quarantined += counts.quarantined();
                    marketEvents += counts.marketEvents();
                } finally {
                    fetched.bars().unpersist();
                }
                log.record(fetched.outcomes(), source.name(), context.runId(), context.commits(),
                        context.snapshot(Stage.INGEST, LakeTable.INGEST_LOG).data(lastWritten != null ? lastWritten : lakeIdentity())
                                .nEffective(fetched.outcomes().size()).rowCounts(statusCounts(fetched.outcomes()))
                                .details(Map.of("provider", source.name(), "interval", interval)).build());
                outcomes.addAll(fetched.outcomes());
                requests += fetched.outcomes().stream().mapToLong(ChunkOutcome::attempts).sum();
            }
        }
        if (settings.compact() && !rowsPerSymbol.isEmpty()) {
            context.commits().compact(LakeTable.OHLCV, context.snapshot(Stage.INGEST, LakeTable.OHLCV)
                    .nEffective(sum(rowsPerSymbol)).rowCounts(rowsPerSymbol).details(Map.of("operation", "compaction")).build());
        }
        if (!cached.isEmpty()) {
            log.record(cached, source.name(), context.runId(), context.commits(),
                    context.snapshot(Stage.INGEST, LakeTable.INGEST_LOG).data(lakeIdentity()).nEffective(cached.size()).rowCounts(statusCounts(cached))
                            .details(Map.of("provider", source.name(), "interval", interval)).build());
        }
        return report(planned, outcomes, requests, guardrails, rowsPerSymbol, quarantined, marketEvents);
    }

    private record BatchCounts(Map<String, Long> guardrails, Map<String, Long> rowsPerSymbol, long quarantined,
                               long marketEvents) {
    }

    private BatchCounts commitBatch(ChunkSource.Batch batch) {
        Dataset<Row> bars = batch.bars().drop(ChunkBars.CHUNK_START);
        Guardrails.Result checked = Guardrails.apply(bars, context.config().ingest().guardrails());
        try {
            Dataset<Row> clean = IngestPhase.withPartitionColumn(checked.clean(),
                    context.config().lake().ohlcvPartitionGranularity().get(context.config().run().interval()));
            // the identity of the bars this commit writes: the symbols actually loaded, on the version it merges into
            RunIdentity written = RunIdentity.of(clean, LakeTable.OHLCV.tableName(),
                    context.lake().latestVersion(LakeTable.OHLCV).orElse(-1L), context.config().run().interval(), context.dataSource());
            @SuppressWarnings("unchecked")
            Map<String, Long> perSymbol = new TreeMap<>((Map<String, Long>) written.dataset().get("rows_per_symbol"));
            lastWritten = perSymbol.isEmpty() ? lastWritten : written;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", source.name());
            details.put("interval", context.config().run().interval());
            details.put("chunks", batch.outcomes().size());
            details.put("guardrails", checked.counts());
            if (!perSymbol.isEmpty()) {
                context.commits().merge(clean, LakeTable.OHLCV, OhlcvSchema.KEY, List.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS_PART),
                        context.snapshot(Stage.INGEST, LakeTable.OHLCV).data(written).nEffective(sum(perSymbol))
                                .rowCounts(perSymbol).details(details).build());
            }
            long quarantined = checked.quarantined().count();
            long marketEvents = checked.counts().getOrDefault("market_events_kept", 0L);
            if (quarantined + marketEvents > 0) {
                Dataset<Row> rows = checked.quarantined().unionByName(checked.marketEvents())
                        .withColumn("provider", lit(source.name()))
                        .withColumn("run_id", lit(context.runId()))
                        .withColumn("detected_at", lit(Timestamp.from(Instant.now())));
                context.commits().merge(rows, LakeTable.OHLCV_QUARANTINE, List.of("symbol", "interval", "ts", Guardrails.REASON),
                        List.of(), context.snapshot(Stage.INGEST, LakeTable.OHLCV_QUARANTINE).data(written)
                                .nEffective(quarantined + marketEvents)
                                .rowCounts(Map.of("quarantined", quarantined, Guardrails.MARKET_EVENT, marketEvents))
                                .details(details).build());
            }
            return new BatchCounts(checked.counts(), perSymbol, quarantined, marketEvents);
        } finally {
            checked.release();
        }
    }

    private IngestReport report(List<ChunkRequest> planned, List<ChunkOutcome> outcomes, long requests,
                                Map<String, Long> guardrails, Map<String, Long> rowsPerSymbol, long quarantined,
                                long marketEvents) {
        List<String> failed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int fetched = 0;
        int cachedCount = 0;
        for (ChunkOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case ChunkOutcome.FETCHED -> fetched++;
                case ChunkOutcome.CACHED -> cachedCount++;
                default -> failed.add(outcome.request().describe() + ": " + outcome.error());
            }
            warnings.addAll(outcome.warnings());
        }
        TreeSet<String> requested = new TreeSet<>();
        planned.forEach(c -> requested.add(c.symbol()));
        List<String> missing = missingSymbols(requested, outcomes);
        long version = context.lake().latestVersion(LakeTable.OHLCV).orElse(-1L);
        return new IngestReport(source.name(), planned.size(), fetched, cachedCount, failed.size(), requests,
                rowsPerSymbol.values().stream().mapToLong(Long::longValue).sum(), quarantined, marketEvents, guardrails, rowsPerSymbol,
                failed, missing, warnings, version);
    }

    /** Symbols with a failed chunk, or with no bars at all in ohlcv for the requested range. */
    private List<String> missingSymbols(TreeSet<String> requested, List<ChunkOutcome> outcomes) {
        TreeSet<String> missing = new TreeSet<>();
        outcomes.stream().filter(o -> o.status().equals(ChunkOutcome.FAILED)).forEach(o -> missing.add(o.request().symbol()));
        TreeSet<String> present = new TreeSet<>();
        if (context.lake().exists(LakeTable.OHLCV)) {
            PipelineConfig.Run run = context.config().run();
            context.lake().read(LakeTable.OHLCV)
                    .where(col(OhlcvSchema.SYMBOL).isin(requested.toArray()).and(col(OhlcvSchema.INTERVAL).equalTo(run.interval()))
                            .and(OhlcvSchema.onDates(run.startDate(), run.endDate(), context.calendar().zone())))
                    .select(OhlcvSchema.SYMBOL).distinct().collectAsList().forEach(r -> present.add(r.getString(0)));
        }
        requested.stream().filter(s -> !present.contains(s)).forEach(missing::add);
        return List.copyOf(missing);
    }

    /** The identity of the run's bars already in ohlcv (none yet: the empty dataset). */
    private RunIdentity lakeIdentity() {
        return context.lake().exists(LakeTable.OHLCV) ? context.runIdentity()
                : RunIdentity.empty(LakeTable.OHLCV.tableName(), context.config().run().interval(), context.dataSource());
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> statusCounts(List<ChunkOutcome> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts;
    }
}
