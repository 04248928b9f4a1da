package io.sensequant.pipeline;

import io.sensequant.cli.Versions;
import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.IdentityIncompleteException;
import io.sensequant.identity.IdentityMode;
import io.sensequant.identity.StageIdentity;
import io.sensequant.repro.RunIdentity;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.ComparisonGroup;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.ScoringSchema;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.LakeTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the snapshot of one commit. The run supplies what it knows (run, batch, attempt, config, seed, the
 * dataset signature of the data it reads); the phase adds its view, target, signatures, fingerprints and effective
 * sample size. {@link #build()} derives the keys, cohort and comparison group and applies the identity mode: in
 * strict mode an incomplete identity throws before anything is written; in relaxed mode it is a WARNING.
 */
public final class SnapshotBuilder {
    private final RunContext context;
    private final Stage stage;
    private final LakeTable table;
    private String view = Signatures.SYMBOL_SPECIFIC;
    private String target;
    private String routedSymbol;
    private RunIdentity data;
    private Integer attempt;
    private long nEffective = -1;
    private boolean bookkeeping;
    private final Map<String, String> signatures = new TreeMap<>();
    private final Map<String, String> fingerprints = new TreeMap<>();
    private Map<String, Long> inputs = Map.of();
    private Map<String, Long> rowCounts = Map.of();
    private Map<String, Object> details = Map.of();

    SnapshotBuilder(RunContext context, Stage stage, LakeTable table) {
        this.context = context;
        this.stage = stage;
        this.table = table;
    }

    /** CROSS_SECTIONAL or SYMBOL_SPECIFIC (the default). */
    public SnapshotBuilder view(String value) {
        this.view = value;
        return this;
    }

    /** The target column the output is about (absent for stages before targets exist). */
    public SnapshotBuilder target(String column) {
        this.target = column;
        return this;
    }

    /** A single symbol the output routes to; by default the output covers the run's batch. */
    public SnapshotBuilder symbol(String symbol) {
        this.routedSymbol = symbol;
        return this;
    }

    /** The data identity to record, when not the run's (ingest: the bars of the commit itself). */
    public SnapshotBuilder data(RunIdentity identity) {
        this.data = identity;
        return this;
    }

    public SnapshotBuilder attempt(int value) {
        this.attempt = value;
        return this;
    }

    /**
     * A commit of the repro package's own bookkeeping (run_context, snapshot_index): it records no identity of its
     * own (it has no data, target or model), only who wrote it, so it needs no bars to exist yet.
     */
    public SnapshotBuilder bookkeeping() {
        this.bookkeeping = true;
        return this;
    }

    public SnapshotBuilder signature(String name, String value) {
        if (value != null) {
            signatures.put(name, value);
        }
        return this;
    }

    public SnapshotBuilder signatures(Map<String, String> values) {
        values.forEach(this::signature);
        return this;
    }

    public SnapshotBuilder fingerprint(Fingerprint name, String value) {
        if (value != null) {
            fingerprints.put(name.key(), value);
        }
        return this;
    }

    /** The rows the stage learned from or scored. */
    public SnapshotBuilder nEffective(long rows) {
        this.nEffective = rows;
        return this;
    }

    public SnapshotBuilder inputs(Map<String, Long> versions) {
        this.inputs = versions;
        return this;
    }

    public SnapshotBuilder rowCounts(Map<String, Long> counts) {
        this.rowCounts = counts;
        return this;
    }

    public SnapshotBuilder details(Map<String, Object> values) {
        this.details = values;
        return this;
    }

    public StageSnapshot build() {
        PipelineConfig config = context.config();
        if (bookkeeping) {
            return new StageSnapshot(StageSnapshot.SCHEMA_VERSION, ScoringSchema.VERSION, context.runId(), stage,
                    table.tableName(), null, null, context.cachedRunIdentity().map(RunIdentity::batchId).orElse(null),
                    attempt != null ? attempt : context.attempt(stage), null, context.nextSnapshotSeq(),
                    context.effectiveConfig().fingerprint(), config.run().baseSeed(), context.codeVersion(), null,
                    Map.of(), Map.of(), null, inputs, rowCounts, details);
        }
        // No ohlcv in the lake (features brought from elsewhere): the dataset identity is missing, not invented.
        RunIdentity dataset = data != null ? data : context.runIdentityIfAvailable().orElse(null);
        Map<String, String> all = new TreeMap<>(signatures);
        if (dataset != null) {
            all.putIfAbsent(StageIdentity.DATASET, dataset.datasetSignature());
        }
        String batchId = dataset == null ? null : dataset.batchId();
        String routing = routedSymbol != null ? routedSymbol : batchId != null ? batchId
                : "symbols_" + StageIdentity.signature(new java.util.TreeSet<>(context.symbols())).substring(0, 12);
        all.putIfAbsent(StageIdentity.ROUTING, Signatures.routing(view, routing));
        IdentityMode mode = IdentityMode.parse(config.identity().mode(), "identity.mode");
        long trainSeed = config.run().baseSeed();
        StageIdentity identity = StageIdentity.of(mode, all, trainSeed,
                config.identity().required().getOrDefault(stage.name(), List.of()));
        if (!identity.complete()) {
            String problem = "stage " + stage + " (table " + table.tableName() + ", run " + context.runId()
                    + "): identity incomplete, missing " + String.join(", ", identity.missing())
                    + " (required by identity.required." + stage + " in conf/identity.yaml)";
            if (mode == IdentityMode.STRICT) {
                throw new IdentityIncompleteException(problem + "; identity.mode is strict, so the stage stops before "
                        + "writing. Set identity.mode=relaxed to record the partial identity with a warning.");
            }
            if (mode == IdentityMode.RELAXED) {
                context.warnings().println("WARNING " + problem + "; recording the partial identity (identity.mode relaxed)");
            }
        }
        Map<String, String> sources = new TreeMap<>();
        fingerprints.keySet().forEach(key -> sources.put(key, Fingerprint.byKey(key).orElseThrow().covers()));
        Map<String, Object> comparable = new LinkedHashMap<>();
        comparable.put("replicate_key", identity.replicateKey());
        comparable.put("n_effective", nEffective);
        comparable.put("libraries", libraries());
        ComparisonGroup group = new ComparisonGroup(identity.replicateKey(), StageIdentity.signature(comparable),
                nEffective, trainSeed, all.get(StageIdentity.HPARAMS));
        Map<String, Object> cohort = new LinkedHashMap<>();
        cohort.put("stage", stage.name());
        cohort.put("view", view);
        cohort.put("target", target == null ? "" : target);
        cohort.put("routing", routing);
        return new StageSnapshot(StageSnapshot.SCHEMA_VERSION, ScoringSchema.VERSION, context.runId(), stage,
                table.tableName(), view, target, batchId, attempt != null ? attempt : context.attempt(stage),
                "cohort_" + StageIdentity.signature(cohort).substring(0, 12), context.nextSnapshotSeq(),
                context.effectiveConfig().fingerprint(), config.run().baseSeed(), context.codeVersion(), identity,
                fingerprints, sources, group, inputs, rowCounts, details);
    }

    private Map<String, String> libraries() {
        Map<String, String> versions = new TreeMap<>();
        versions.put("sensequant", context.codeVersion());
        versions.put("spark", context.spark().version());
        versions.put("xgboost4j", Versions.of("ml.dmlc", "xgboost4j_2.12"));
        return versions;
    }
}
