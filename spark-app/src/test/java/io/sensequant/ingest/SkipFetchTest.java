package io.sensequant.ingest;

import io.sensequant.cli.CommandOutput;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.market.MarketData;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --skip-fetch}: the bars in ohlcv are used as they are, and what they lack is named before any work. */
class SkipFetchTest {
    @TempDir
    Path dir;

    @Test
    void missingSymbolsAndSessionsAreNamedAndCoveredBarsAreUsedWithoutFetching() {
        String lakeDir = dir.resolve("lake").toString();
        CommandOutput ingest = CommandOutput.run("ingest", "--symbols", "TCS", "--start-date", "2023-01-01",
                "--end-date", "2023-03-31", "--lake", lakeDir);
        assertEquals(0, ingest.exitCode(), ingest.err());
        Lake lake = new Lake(SharedSpark.get(), lakeDir);
        long version = lake.latestVersion(LakeTable.OHLCV).orElseThrow();

        CommandOutput absent = CommandOutput.run("run", "--skip-fetch", "--symbols", "TCS,INFY", "--start-date", "2023-01-01",
                "--end-date", "2023-03-31", "--lake", lakeDir, "--release-dir", dir.resolve("release").toString());
        assertEquals(2, absent.exitCode(), absent.err());
        assertTrue(absent.err().contains("symbols without any bar from 2023-01-01 to 2023-03-31: INFY"), absent.err());
        assertFalse(absent.err().contains("TCS ("), "TCS is covered: " + absent.err());

        CommandOutput wider = CommandOutput.run("run", "--skip-fetch", "--symbols", "TCS", "--start-date", "2022-12-01",
                "--end-date", "2023-03-31", "--lake", lakeDir, "--release-dir", dir.resolve("release").toString());
        assertEquals(2, wider.exitCode(), wider.err());
        assertTrue(wider.err().contains("missing sessions: TCS (2022-12-01..2022-12-30; 22 sessions)"), wider.err());
        assertEquals(version, lake.latestVersion(LakeTable.OHLCV).orElseThrow(), "nothing fetched or written");

        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(List.of(), null, null, Map.of(),
                List.of(), List.of("ingest.skip_fetch=true", "run.start_date=2023-01-01", "run.end_date=2023-03-31",
                        "paths.lake_root=" + lakeDir)));
        MarketData market = new MarketData(ConfDir.locate());
        RunContext context = new RunContext("run_skip", config, "test", market.universe("nifty100"), market.calendar("nse"),
                List.of("TCS"), lake);
        PhaseResult result = new PipelineRunner(List.of(new IngestPhase()), System.out).run(context).get(0);
        assertTrue(result.headline().startsWith("fetch skipped (--skip-fetch): ohlcv v" + version), result.headline());
        assertEquals(version, result.tableVersions().get("ohlcv"));
        assertEquals(version, lake.latestVersion(LakeTable.OHLCV).orElseThrow());
    }
}
