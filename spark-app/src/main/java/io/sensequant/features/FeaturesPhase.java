package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * Phase 2: the configured feature sets and the labels for every symbol of the run, from the ohlcv version the
 * run reads, written over the run's slice of {@code features} (its symbols, interval and dates) in one commit.
 * Warm-up rows and rows without enough future are counted per symbol; the FEATURES snapshot records the
 * feature signature, each feature's definition hash and content fingerprint, and the rows each symbol
 * contributes after {@code max_rows_per_symbol}. Before anything is computed for the table, the point-in-time
 * check ({@link PointInTimeCheck}) fails the run on a feature that reads later bars, or records it as excluded.
 */
public final class FeaturesPhase implements Phase {
    /** The phase's label on the console; other phases find its results by it. */
    public static final String NAME = "features and labels";
    public static final List<String> PARTITION_COLUMNS = List.of(OhlcvSchema.SYMBOL);

    private final FeatureComputation computation;

    public FeaturesPhase() {
        this(FeatureEngine::compute);
    }

    /** With another computation than {@link FeatureEngine#compute}: tests show the point-in-time check at work. */
    FeaturesPhase(FeatureComputation computation) {
        this.computation = computation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.FEATURES;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig config = context.config();
        PipelineConfig.Features settings = config.features();
        FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), settings);
        long ohlcvVersion = context.inputVersion(LakeTable.OHLCV);
        Map<String, Long> inputs = new TreeMap<>(Map.of(LakeTable.OHLCV.tableName(), ohlcvVersion));
        Dataset<Row> bars = context.lake().readVersion(LakeTable.OHLCV, ohlcvVersion)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(config.run().interval()))
                        .and(OhlcvSchema.onDates(config.run().startDate(), config.run().endDate(), context.calendar().zone())))
                .drop(OhlcvSchema.TS_PART);
        if (plan.reads(FeaturePlan.SENTIMENT)) {
            long sentimentVersion = sentimentVersion(context, plan);
            inputs.put(LakeTable.SENTIMENT.tableName(), sentimentVersion);
            bars = withSentiment(bars, context.lake().readVersion(LakeTable.SENTIMENT, sentimentVersion));
        }
        // Before anything is written: with action fail a leaking feature never reaches the table or selection.
        PipelineConfig.PointInTime pit = config.safety().leakageDetection().pointInTime();
        PointInTimeOutcome pointInTime = pit.enabled()
                ? PointInTimeCheck.run(bars, context.symbols(), plan, settings, pit, config.run().baseSeed(), computation)
                : PointInTimeOutcome.disabled();
        if (!pointInTime.leaks().isEmpty() && pit.action().equals(PipelineConfig.PointInTime.FAIL)) {
            throw pointInTime.failure();
        }
        Dataset<Row> computed = computation.compute(bars, plan, settings).cache();
        try {
            int warmup = FeatureEngine.warmupBars(plan, settings);
            boolean keepWarmup = settings.warmupPolicy().equals(PipelineConfig.Features.KEEP);
            Counts counts = Counts.of(computed, keepWarmup);
            Dataset<Row> rows = FeatureEngine.kept(computed, settings).drop(FeatureColumns.BAR_INDEX);
            Map<String, Long> used = new TreeMap<>();
            counts.kept().forEach((symbol, n) -> used.put(symbol,
                    settings.maxRowsPerSymbol() > 0 ? Math.min(n, settings.maxRowsPerSymbol()) : n));
            Map<String, Object> fingerprints = FeatureFingerprints.of(rows, plan.columns());
            // the run's one holdout, fixed here before any selection, from the sessions every later stage reads
            // (FeatureInputs.read of what this phase writes)
            Map<String, Object> holdout = FeatureInputs.holdoutSummary(config,
                    FeatureInputs.sessions(FeatureRows.limitPerSymbol(rows, settings.maxRowsPerSymbol())));

            Map<String, Object> details = new LinkedHashMap<>();
            details.put("feature_sets", plan.sets().stream().map(s -> Map.of("name", s.name(), "source", s.source(),
                    "features", plan.columnsOf(s.name()).size())).toList());
            details.put("features", plan.columns());
            details.put("feature_signature", plan.signature());
            details.put("feature_definitions_sha256", plan.definitionHashes());
            String fingerprintInput = FeatureFingerprints.input(computed);
            String fingerprintOutput = FeatureFingerprints.output(fingerprints);
            details.put("feature_fingerprints", fingerprints);
            details.put("targets", targetColumns(rows));
            details.put("forecast_horizon_days", settings.forecastHorizonDays());
            details.put("label_threshold", settings.labelThreshold());
            details.put("lookback_bars", plan.lookbackBars());
            details.put("warmup_bars", warmup);
            details.put("warmup_policy", settings.warmupPolicy());
            details.put("rows_per_symbol", counts.perSymbol());
            details.put("max_rows_per_symbol", settings.maxRowsPerSymbol());
            details.put(FeatureInputs.HOLDOUT, holdout);
            // the audit trail keeps what the point-in-time check compared and what it excluded
            details.put(PointInTimeOutcome.SUMMARY_KEY, pointInTime.summary(pit));
            details.put(PointInTimeOutcome.EXCLUDED_KEY, pointInTime.excludedSummary());
            long usedRows = used.values().stream().mapToLong(Long::longValue).sum();
            long version = context.commits().replaceSlice(rows, LakeTable.FEATURES, slicePredicate(context),
                    PARTITION_COLUMNS, context.snapshot(Stage.FEATURES, LakeTable.FEATURES)
                            .signature(StageIdentity.FEATURE, plan.signature())
                            .signature(StageIdentity.TARGET, Signatures.targets(settings))
                            .fingerprint(Fingerprint.FEATURE_FINGERPRINT_INPUT, fingerprintInput)
                            .fingerprint(Fingerprint.FEATURE_FINGERPRINT_OUTPUT, fingerprintOutput)
                            .nEffective(usedRows).inputs(inputs).rowCounts(used).details(details).build());

            long keptRows = counts.kept().values().stream().mapToLong(Long::longValue).sum();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("bars_read", counts.total());
            summary.put("rows", keptRows);
            summary.put("rows_used", usedRows);
            summary.put("features", plan.columns().size());
            summary.put("feature_sets", plan.sets().stream().map(FeatureSet::name).toList());
            summary.put("feature_signature", plan.signature());
            summary.put("warmup_bars", warmup);
            summary.put(keepWarmup ? "kept_warmup_rows" : "dropped_warmup_rows", counts.warmup());
            summary.put("dropped_no_future_rows", counts.noFuture());
            summary.put("rows_per_symbol", used);
            summary.put(FeatureInputs.HOLDOUT, holdout);
            summary.put(PointInTimeOutcome.SUMMARY_KEY, pointInTime.summary(pit));
            summary.put(PointInTimeOutcome.EXCLUDED_KEY, pointInTime.excludedSummary());
            String capped = usedRows < keptRows ? String.format(", %,d used after max_rows_per_symbol %d", usedRows,
                    settings.maxRowsPerSymbol()) : "";
            return PhaseResult.of(this, String.format("%,d labelled rows, %d features from %s (%s %,d warm-up, dropped %,d without %d-bar future%s); %s",
                            keptRows, plan.columns().size(), plan.sets().stream().map(FeatureSet::name).collect(Collectors.joining("+")),
                            keepWarmup ? "kept" : "dropped", counts.warmup(), counts.noFuture(), settings.forecastHorizonDays(), capped,
                            pointInTime.headline()),
                    summary, Map.of(LakeTable.FEATURES.tableName(), version), List.of(context.lake().path(LakeTable.FEATURES)));
        } finally {
            computed.unpersist();
        }
    }

    /** The run's slice of the features table: its symbols, interval and dates (what this phase rewrites). */
    static String slicePredicate(RunContext context) {
        PipelineConfig.Run run = context.config().run();
        String symbols = context.symbols().stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
        return String.format("symbol IN (%s) AND interval = '%s' AND date >= DATE'%s' AND date <= DATE'%s'",
                symbols, run.interval(), run.startDate(), run.endDate());
    }

    private static long sentimentVersion(RunContext context, FeaturePlan plan) {
        if (!context.config().sentiment().enabled()) {
            String users = plan.columns().stream().filter(f -> io.sensequant.features.expr.References
                    .fields(plan.expressions().get(f)).contains(FeaturePlan.SENTIMENT)).collect(Collectors.joining(", "));
            throw new ConfigException("features " + users + " read $sentiment but sentiment.enabled is false; "
                    + "set sentiment.enabled=true (and ingest sentiment) or remove them from features.sets");
        }
        return context.inputVersion(LakeTable.SENTIMENT);
    }

    /** The day's sentiment score as column {@code sentiment}; null on days without a snapshot. */
    static Dataset<Row> withSentiment(Dataset<Row> bars, Dataset<Row> sentiment) {
        Dataset<Row> scores = sentiment.select(col("symbol").as("__s_symbol"), col("date").as("__s_date"),
                col("score").as(FeaturePlan.SENTIMENT));
        return bars.join(scores, col(OhlcvSchema.SYMBOL).equalTo(col("__s_symbol"))
                        .and(to_date(col(OhlcvSchema.TS)).equalTo(col("__s_date"))), "left")
                .drop("__s_symbol", "__s_date");
    }

    private static List<String> targetColumns(Dataset<Row> rows) {
        List<String> targets = new ArrayList<>();
        for (String c : rows.columns()) {
            if (c.startsWith(FeatureColumns.LABEL) || c.startsWith(FeatureColumns.FORWARD_RETURN)) {
                targets.add(c);
            }
        }
        return targets;
    }

    /** Per-symbol row accounting of one computed frame, in one aggregation. */
    private record Counts(Map<String, Object> perSymbol, Map<String, Long> kept, long total, long warmup, long noFuture) {
        static Counts of(Dataset<Row> computed, boolean keepWarmup) {
            Column noLabel = col(FeatureColumns.LABEL).isNull();
            Column warm = col(FeatureColumns.WARMUP).and(noLabel.unary_$bang());
            Map<String, Object> perSymbol = new TreeMap<>();
            Map<String, Long> kept = new TreeMap<>();
            long total = 0;
            long warmup = 0;
            long noFuture = 0;
            for (Row r : computed.groupBy(OhlcvSchema.SYMBOL).agg(count(lit(1)), sum(when(warm, 1).otherwise(0)),
                    sum(when(noLabel, 1).otherwise(0))).collectAsList()) {
                long bars = r.getLong(1);
                long w = r.getLong(2);
                long nf = r.getLong(3);
                long k = bars - nf - (keepWarmup ? 0 : w);
                perSymbol.put(r.getString(0), Map.of("bars", bars, "warmup", w, "no_future", nf, "kept", k));
                kept.put(r.getString(0), k);
                total += bars;
                warmup += w;
                noFuture += nf;
            }
            return new Counts(perSymbol, kept, total, warmup, noFuture);
        }
    }
}
