package io.sensequant.ingest;

import io.sensequant.cli.CommandOutput;
import io.sensequant.identity.Hashing;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingestion survives a real kill -9: a separate JVM ingests in one-chunk batches and is killed once some
 * batches are committed; a second ingest completes it, and ohlcv then holds exactly what an uninterrupted
 * ingest gives — same rows, same content hash, no duplicates — and re-ingesting changes nothing.
 */
class IngestResumeTest {
    static final String[] RANGE = {"--symbols", "RELIANCE,TCS", "--start-date", "2023-01-01", "--end-date", "2023-06-30",
            "--set", "ingest.historical_chunk_days=15", "--set", "spark.master=local[2]"};

    @TempDir
    Path dir;

    static String[] ingest(Path lake, String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", "--lake", lake.toString()));
        args.addAll(List.of(RANGE));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    static String contentHash(Lake lake) {
        StringBuilder all = new StringBuilder();
        for (Row row : lake.read(LakeTable.OHLCV).orderBy("symbol", "ts").collectAsList()) {
            all.append(row.mkString("|")).append('\n');
        }
        return Hashing.sha256Hex(all.toString());
    }

    @Test
    void killedIngestResumesToTheUninterruptedResult() throws Exception {
        Lake reference = new Lake(SharedSpark.get(), dir.resolve("reference").toString());
        CommandOutput uninterrupted = CommandOutput.run(ingest(dir.resolve("reference")));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
        String expected = contentHash(reference);
        long expectedRows = reference.read(LakeTable.OHLCV).count();

        Path killedLake = dir.resolve("killed");
        Process process = startIngestProcess(killedLake, "--set", "ingest.commit_every_chunks=1");
        Path thirdLogCommit = killedLake.resolve("ingest_log/_delta_log/00000000000000000002.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(thirdLogCommit) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(process.isAlive(), "the ingest finished before it could be killed; make it slower");
        assertTrue(Files.exists(thirdLogCommit), "no batch was committed within the time limit");
        process.destroyForcibly();  // SIGKILL: no shutdown hooks, no cleanup
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        Lake killed = new Lake(SharedSpark.get(), killedLake.toString());
        long partialRows = killed.read(LakeTable.OHLCV).count();
        assertTrue(partialRows > 0 && partialRows < expectedRows, "killed mid-way: " + partialRows + " of " + expectedRows);

        CommandOutput resumed = CommandOutput.run(ingest(killedLake));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("cached"), resumed.out());
        assertEquals(expectedRows, killed.read(LakeTable.OHLCV).count());
        assertEquals(expected, contentHash(killed), "resumed ingest differs from the uninterrupted one");

        CommandOutput again = CommandOutput.run(ingest(killedLake, "--force"));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(expected, contentHash(killed), "re-ingesting (forced) must not change ohlcv");
        assertEquals(0, killed.read(LakeTable.OHLCV).groupBy("symbol", "interval", "ts").count().where("count > 1").count());
    }

    private static Process startIngestProcess(Path lake, String... extra) throws Exception {
        Path conf = Path.of(System.getProperty("sensequant.conf.dir"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + conf.getParent().resolve("deploy/conf/java17.args"));
        command.add("-Dsensequant.conf.dir=" + conf);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.sensequant.cli.SenseQuant");
        command.addAll(List.of(ingest(lake, extra)));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(lake.getParent().toFile(), "killed-process.log")).start();
    }
}
