package io.sensequant.features;

import io.sensequant.spark.SharedSpark;
import io.sensequant.cli.CommandOutput;
import io.sensequant.config.ConfDir;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sensequant features} on its own over a small ingested lake: sets, snapshot, warm-up policy, row cap. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesCommandTest {
    static final List<String> SYMBOLS = List.of("INFY", "TCS");
    static final String START = "2023-01-01";
    static final String END = "2023-12-31";

    @TempDir
    static Path dir;
    Lake lake;
    long barsPerSymbol;

    String lakeDir() {
        return dir.resolve("lake").toString();
    }

    CommandOutput features(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("features", "--symbols", String.join(",", SYMBOLS),
                "--start-date", START, "--end-date", END, "--lake", lakeDir(), "--set", "spark.master=local[2]"));
        args.addAll(List.of(extra));
        return CommandOutput.run(args.toArray(String[]::new));
    }

    @BeforeAll
    void ingest() {
        CommandOutput ingest = CommandOutput.run("ingest", "--provider", "synthetic", "--symbols", String.join(",", SYMBOLS),
                "--start-date", START, "--end-date", END, "--lake", lakeDir());
        assertEquals(0, ingest.exitCode(), ingest.err());
        lake = new Lake(SharedSpark.get(), lakeDir());
        barsPerSymbol = lake.read(LakeTable.OHLCV).where(col("symbol").equalTo("TCS")).count();
    }

    StageSnapshot lastSnapshot() {
        return StageSnapshot.fromJson(DeltaTable.forPath(SharedSpark.get(), lake.path(LakeTable.FEATURES)).history(1)
                .select("userMetadata").first().getString(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void computesTheNamedSetsAndRecordsTheirSignature() {
        CommandOutput out = features("--feature-set", "seed15", "--feature-set", "alpha158");
        assertEquals(0, out.exitCode(), out.err());
        FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), SharedSpark.testConfig("features.sets=[seed15,alpha158]").features());
        assertEquals(15 + 158, plan.columns().size());
        assertTrue(out.out().contains(plan.signature()), out.out());

        Dataset<Row> table = lake.read(LakeTable.FEATURES);
        assertTrue(List.of(table.columns()).containsAll(plan.columns()));
        assertTrue(List.of(table.columns()).containsAll(List.of("label_3c_15d_100bp", "label_bin_3d_200bp", "fwd_return_7d")));
        // warm-up: the longest lookback over both sets is 100 bars at most, so warmup_bars (100) decides
        int warmup = Math.max(100, plan.lookbackBars());
        assertEquals((barsPerSymbol - warmup - 7) * SYMBOLS.size(), table.count());
        assertEquals(0, table.where(col("CORD60").isNull().or(col("rsi_14").isNull())).count());

        StageSnapshot snapshot = lastSnapshot();
        assertEquals(plan.signature(), snapshot.details().get("feature_signature"));
        Map<String, Object> fingerprints = (Map<String, Object>) snapshot.details().get("feature_fingerprints");
        assertEquals(plan.columns(), List.copyOf(fingerprints.keySet()));
        assertEquals(barsPerSymbol - warmup - 7, snapshot.rowCounts().get("TCS"));
        assertEquals(lake.latestVersion(LakeTable.OHLCV).orElseThrow(), snapshot.inputVersions().get("ohlcv"));

        // the same bars and definitions give the same fingerprints
        CommandOutput again = features("--feature-set", "seed15", "--feature-set", "alpha158");
        assertEquals(0, again.exitCode(), again.err());
        StageSnapshot repeat = lastSnapshot();
        assertEquals(fingerprints, repeat.details().get("feature_fingerprints"));
        for (String key : List.of("feature_fingerprint_input", "feature_fingerprint_output")) {
            assertTrue(snapshot.fingerprints().get(key).length() >= 16, key);
            assertEquals(snapshot.fingerprints().get(key), repeat.fingerprints().get(key), key);
        }
        assertEquals((barsPerSymbol - warmup - 7) * SYMBOLS.size(), lake.read(LakeTable.FEATURES).count(), "slice replaced, not appended");
    }

    @Test
    void keepPolicyKeepsWarmupRowsAndTheCapIsRecorded() {
        CommandOutput out = features("--feature-set", "seed15", "--set", "features.warmup_policy=keep",
                "--set", "features.max_rows_per_symbol=50");
        assertEquals(0, out.exitCode(), out.err());
        Dataset<Row> tcs = lake.read(LakeTable.FEATURES).where(col("symbol").equalTo("TCS"));
        assertEquals(barsPerSymbol - 7, tcs.count(), "only rows without future are dropped");
        assertEquals(100, tcs.where(col("warmup")).count());
        assertTrue(tcs.where(col("sma_50").isNull()).count() > 0, "warm-up rows keep their nulls");
        assertEquals(50L, lastSnapshot().rowCounts().get("TCS"));
        assertEquals(50L, FeatureRows.limitPerSymbol(tcs, 50).count());
    }

    @Test
    void anUnknownSetIsAOneLineError() {
        CommandOutput out = features("--feature-set", "nosuch");
        assertEquals(2, out.exitCode());
        assertTrue(out.err().contains("feature set 'nosuch' not found") && out.err().contains("features/nosuch.yaml"), out.err());
        assertTrue(!out.err().contains("\tat "), "no stack trace: " + out.err());
    }
}
