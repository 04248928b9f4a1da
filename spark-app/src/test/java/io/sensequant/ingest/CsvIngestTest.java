package io.sensequant.ingest;

import io.sensequant.cli.CommandOutput;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sensequant ingest --provider csv} over real files: clean, dirty and broken, through the CLI. */
class CsvIngestTest {
    @TempDir
    Path dir;

    Path source() throws Exception {
        Path csv = Files.createDirectories(dir.resolve("csv"));
        for (String name : List.of("INFY.csv", "TCS.csv")) {
            Files.copy(Path.of("src/test/resources/csv/daily", name), csv.resolve(name));
        }
        Files.writeString(csv.resolve("DIRTY.csv"), String.join("\n",
                "date,open,high,low,close,volume",
                "2024-01-03,100,101,99,100.5,1000",
                "2024-01-02,100,101,99,100.2,1000",     // out of order: sorted, warned
                "2024-01-04,100,101,99,100.1,-20",      // negative volume: clipped to 0
                "2024-01-05,100,101,99,100.3,1000",
                "2024-01-05,100,101,99,100.3,1000",     // exact duplicate: dropped
                "2024-01-08,100,98,102,100,1000",       // high below low: quarantined
                "") );
        Files.writeString(csv.resolve("BAD.csv"), String.join("\n",
                "date,open,high,low,close,volume",
                "2024-01-02,10,11,9,10.5,100",
                "2024-01-03,10,11,9,10.5,100",
                "03-01-2024?,10,11,9,10.5,100",
                ""));
        return csv;
    }

    String[] ingest(Path lake, Path csv, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--provider", "csv", "--path", csv.toString(),
                "--start-date", "2024-01-01", "--end-date", "2024-02-09", "--lake", lake.toString(), "--set", "spark.master=local[2]"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void brokenFileFailsItsSymbolOnlyNamingFileRowAndColumn() throws Exception {
        Path csv = source();
        Path lakeDir = dir.resolve("lake");
        CommandOutput failed = CommandOutput.run(ingest(lakeDir, csv));
        assertEquals(1, failed.exitCode(), failed.out());
        String message = failed.err().lines().findFirst().orElse("");
        assertTrue(message.contains("BAD") && message.contains("BAD.csv") && message.contains("row 4")
                && message.contains("date") && message.contains("--allow-partial"), message);

        Lake lake = new Lake(SharedSpark.get(), lakeDir.toString());
        List<String> symbols = lake.read(LakeTable.OHLCV).select("symbol").distinct().orderBy("symbol").collectAsList()
                .stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of("DIRTY", "INFY", "TCS"), symbols, "the other symbols are kept, nothing of BAD is written");
        List<Row> log = lake.read(LakeTable.INGEST_LOG).where(col("symbol").equalTo("BAD")).collectAsList();
        assertTrue(!log.isEmpty() && log.stream().allMatch(r -> r.<String>getAs("status").equals("failed")
                && r.<String>getAs("error").contains("row 4")), log.toString());

        CommandOutput partial = CommandOutput.run(ingest(lakeDir, csv, "--allow-partial"));
        assertEquals(0, partial.exitCode(), partial.err());
        assertTrue(partial.out().contains("WARNING") && partial.out().contains("BAD"), partial.out());
    }

    @Test
    void dirtyBarsAreCorrectedOrQuarantined() throws Exception {
        Path csv = source();
        Files.delete(csv.resolve("BAD.csv"));
        Path lakeDir = dir.resolve("lake");
        CommandOutput output = CommandOutput.run(ingest(lakeDir, csv));
        assertEquals(0, output.exitCode(), output.err());
        assertTrue(output.out().contains("DIRTY.csv: 1 rows out of time order") || output.out().contains("out of time order"),
                output.out());
        Lake lake = new Lake(SharedSpark.get(), lakeDir.toString());
        List<Row> dirty = lake.read(LakeTable.OHLCV).where(col("symbol").equalTo("DIRTY")).orderBy("ts").collectAsList();
        assertEquals(4, dirty.size(), "5 distinct sessions, one quarantined");
        assertEquals(0L, dirty.get(2).<Long>getAs("volume"), "negative volume clipped");
        List<Row> quarantined = lake.read(LakeTable.OHLCV_QUARANTINE).collectAsList();
        assertEquals(1, quarantined.size());
        assertTrue(quarantined.get(0).<String>getAs("reason").startsWith("high below low"), quarantined.toString());
        assertEquals("csv", quarantined.get(0).getAs("provider"));

        CommandOutput audit = CommandOutput.run("ingest", "--audit", "--provider", "csv", "--path", csv.toString(),
                "--symbols", "INFY,DIRTY", "--start-date", "2024-01-01", "--end-date", "2024-02-09", "--lake", lakeDir.toString());
        assertEquals(1, audit.exitCode(), "DIRTY has gaps, so the audit reports incomplete coverage");
        assertTrue(audit.out().lines().anyMatch(l -> l.startsWith("INFY") && l.contains("100.0%")), audit.out());
        assertTrue(audit.out().lines().anyMatch(l -> l.startsWith("DIRTY") && l.contains("2024-01-08..2024-02-09")), audit.out());
    }

    /**
     * Black Monday (DJIA 2246.74 to 1738.74 on 1987-10-19, a 13-sigma day against its 20 prior sessions) is a real
     * crash that retraced only ~60% in the next two sessions: it must stay in ohlcv, recorded as a market event.
     */
    @Test
    void blackMondayStaysInOhlcvAsAMarketEvent() throws Exception {
        Path csv = Files.createDirectories(dir.resolve("djia"));
        Files.copy(Path.of("src/test/resources/csv/djia1987/DJIA.csv"), csv.resolve("DJIA.csv"));
        Path lakeDir = dir.resolve("lake");
        CommandOutput output = CommandOutput.run("ingest", "--provider", "csv", "--path", csv.toString(),
                "--start-date", "1987-08-01", "--end-date", "1987-12-31", "--lake", lakeDir.toString(),
                "--set", "spark.master=local[2]");
        assertEquals(0, output.exitCode(), output.err());
        assertTrue(output.out().contains("0 quarantined, 1 market events kept"), output.out());
        Lake lake = new Lake(SharedSpark.get(), lakeDir.toString());
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Kolkata");
        List<Row> bars = lake.read(LakeTable.OHLCV).orderBy("ts").collectAsList();
        assertEquals(106, bars.size(), "every session of the file");
        Row crash = bars.stream().filter(r -> r.getTimestamp(2).toInstant().atZone(zone).toLocalDate()
                .equals(java.time.LocalDate.of(1987, 10, 19))).findFirst().orElseThrow();
        assertEquals(1738.74, crash.<Double>getAs("close"), 1e-9);
        List<Row> flagged = lake.read(LakeTable.OHLCV_QUARANTINE).collectAsList();
        assertEquals(1, flagged.size(), flagged.toString());
        assertEquals(Guardrails.MARKET_EVENT, flagged.get(0).getAs("reason"));
        assertEquals(java.time.LocalDate.of(1987, 10, 19), flagged.get(0).getTimestamp(2).toInstant().atZone(zone).toLocalDate());
    }
}
