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
        CommandOutput dry = CommandOutput.run("run", "--dryrun", "--symbols", "TCS,INFY", "--start-date", "2022-07-01",
                "--end-date", "2023-06-30", "--lake", dir.resolve("lake").toString(), "--release-dir", dir.resolve("release").toString());
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("⊘ dry run: not executed") && dry.out().contains("to_fetch=10"), dry.out());
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
        assertEquals(2 * 5, briefing.at("/plan/ingest/chunks").asInt(), "2 symbols x 5 chunks of 90 days");
        // the holdout the run will fix: from the sessions left after the warm-up and the last unlabelled ones
        JsonNode holdout = briefing.at("/plan/holdout");
        assertEquals(holdout.get("selection_end").asText(), briefing.at("/plan/student/train_end").asText());
        assertEquals(holdout.get("test_start").asText(), briefing.at("/plan/student/test_start").asText());
        assertEquals(15, holdout.get("purge_sessions").asInt(), "the longest candidate horizon");
        assertEquals(holdout.get("sessions").asInt(), holdout.get("selection_sessions").asInt()
                + holdout.get("purge_sessions").asInt() + holdout.get("test_sessions").asInt());
        assertFalse(briefing.toString().contains("accuracy"), "no fabricated metrics: " + briefing);

        // too short a range for the holdout: a one-line user error naming the first selection stage, dates and keys
        CommandOutput short_ = CommandOutput.run("run", "--dryrun", "--symbols", "TCS,INFY", "--start-date", "2023-01-01",
                "--end-date", "2023-09-30", "--lake", dir.resolve("lake").toString(), "--release-dir", dir.resolve("release").toString());
        assertEquals(2, short_.exitCode(), short_.out() + short_.err());
        assertTrue(short_.err().contains("target ranking: the holdout leaves") && short_.err().contains("selection_end")
                && short_.err().contains("ranking.min_selection_sessions 60") && !short_.err().contains("\tat "), short_.err());

        CommandOutput bad = CommandOutput.run("run", "--dryrun", "--set", "ingest.provider=csv", "--lake", dir.resolve("lake").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("ingest.csv.path"), bad.err());
    }
}
