package io.sensequant.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.cli.CommandOutput;
import io.sensequant.config.Yaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers, end to end: {@code sensequant run --profile known_answer} on synthetic bars with a planted
 * mean-reversion signal ({@code ingest.synthetic.signal}, documented in conf/pipeline.yaml) must be found — the
 * student beats the majority class on its test rows, its daily Rank IC is clearly positive, the date-level verdict
 * passes and the recommendation is not a reject — while the same profile on a plain random walk
 * ({@code signal.kind none}) must not pass. Stress tests are off: they are not what this test is about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnownAnswerRunTest {
    @TempDir
    static Path dir;
    Path signalRelease;
    Path randomRelease;
    CommandOutput signalRun;
    CommandOutput randomRun;

    @BeforeAll
    void runBoth() throws Exception {
        signalRun = run("signal", "mean_reversion");
        randomRun = run("random", "none");
        signalRelease = releaseOf("signal");
        randomRelease = releaseOf("random");
    }

    private CommandOutput run(String name, String signalKind) {
        CommandOutput out = CommandOutput.run("run", "--profile", "known_answer",
                "--lake", dir.resolve(name + "/lake").toString(), "--release-dir", dir.resolve(name + "/release").toString(),
                "--set", "spark.master=local[2]", "--set", "stress_tests.enabled=false",
                "--set", "ingest.synthetic.signal.kind=" + signalKind);
        assertEquals(0, out.exitCode(), out.err());
        return out;
    }

    private Path releaseOf(String name) throws Exception {
        try (Stream<Path> runs = Files.list(dir.resolve(name + "/release"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    private static JsonNode json(Path release, String file) throws Exception {
        return Yaml.JSON.readTree(release.resolve(file).toFile());
    }

    @Test
    void thePlantedSignalIsFoundEndToEnd() throws Exception {
        JsonNode validation = json(signalRelease, "validation_summary.json");
        JsonNode test = validation.at("/scopes/student~1test");
        assertTrue(test.get("accuracy").asDouble() > test.get("baseline_majority_accuracy").asDouble(), test.toString());

        JsonNode stat = json(signalRelease, "stat_tests.json");
        JsonNode rankIc = stat.at("/date_level/rank_ic_test");
        assertTrue(rankIc.get("estimate").asDouble() > 0.03, rankIc.toString());
        assertTrue(rankIc.get("t").asDouble() > 2.0, rankIc.toString());
        assertEquals("passed", stat.get("status").asText(), stat.toString());
        // the direct baseline went through the same date-level tests, and the briefing says how distillation fared
        JsonNode direct = stat.get("direct_baseline");
        assertTrue(direct.get("status").asText().matches("passed|failed"), direct.toString());
        assertTrue(direct.at("/date_level/rank_ic_test/n").asInt() > 100, direct.toString());
        assertTrue(Files.readString(signalRelease.resolve("promotion_briefing.md")).contains(direct.get("sentence").asText()),
                "the briefing carries the distillation comparison");

        JsonNode briefing = json(signalRelease, "promotion_briefing.json");
        assertEquals("pass", briefing.at("/recommendation/checks/statistical_tests").asText(), briefing.at("/recommendation").toString());
        assertNotEquals("reject", briefing.at("/recommendation/decision").asText(), briefing.at("/recommendation").toString());
    }

    @Test
    void aPlainRandomWalkDoesNotPass() throws Exception {
        JsonNode stat = json(randomRelease, "stat_tests.json");
        assertEquals("failed", stat.get("status").asText(), stat.toString());
        assertTrue(stat.get("reason").asText().length() > 0, stat.toString());
        JsonNode briefing = json(randomRelease, "promotion_briefing.json");
        assertEquals("fail", briefing.at("/recommendation/checks/statistical_tests").asText(), briefing.at("/recommendation").toString());
        assertEquals("reject", briefing.at("/recommendation/decision").asText(), briefing.at("/recommendation").toString());
    }
}
