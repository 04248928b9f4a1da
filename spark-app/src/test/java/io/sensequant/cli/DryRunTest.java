package io.sensequant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.Yaml;
import io.sensequant.spark.Lake;
import io.sensequant.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --dryrun}: validates and plans, writes only run_context and a DRYRUN briefing, fetches and trains nothing. */
class DryRunTest {
    @TempDir
    Path dir;

    @Test
    void dryRunWritesNoTableButTheRunContextAndABriefing() throws Exception {
        CommandOutput dry = CommandOutput.run("run", "--dryrun", "--symbols", "TCS,INFY", "--start-date", "2023-01-01",
                "--end-date", "2023-06-30", "--lake", dir.resolve("lake").toString(), "--release-dir", dir.resolve("release").toString());
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("⊘ dry run: not executed") && dry.out().contains("to_fetch=6"), dry.out());
        assertEquals(List.of("run_context"), new Lake(SharedSpark.get(), dir.resolve("lake").toString()).tableNames());
        assertFalse(Files.exists(dir.resolve("lake/models")), "nothing trained");
        Path release;
        try (Stream<Path> runs = Files.list(dir.resolve("release"))) {
            release = runs.findFirst().orElseThrow();
        }
        String md = Files.readString(release.resolve("promotion_briefing.md"));
        assertTrue(md.contains("DRYRUN") && md.contains("no metrics"), md);
        JsonNode briefing = Yaml.JSON.readTree(release.resolve("promotion_briefing.json").toFile());
        assertEquals("DRYRUN", briefing.get("status").asText());
        assertEquals(2 * 3, briefing.at("/plan/ingest/chunks").asInt(), "2 symbols x 3 chunks of 90 days");
        assertFalse(briefing.toString().contains("accuracy"), "no fabricated metrics: " + briefing);

        CommandOutput bad = CommandOutput.run("run", "--dryrun", "--set", "ingest.provider=csv", "--lake", dir.resolve("lake").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("ingest.csv.path"), bad.err());
    }
}
