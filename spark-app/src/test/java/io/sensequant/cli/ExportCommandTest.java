package io.sensequant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.Yaml;
import io.sensequant.identity.Hashing;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import io.sensequant.ingest.IngestLog;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.sensequant.cli.CliErrorsTest.assertUserError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sensequant export} against a tiny real lake: ohlcv in two Delta versions (bars written out of key
 * order, across several files) and an ingest_log row with a comma, quotes, a line break, a null and an array.
 * Contents, filters and projections match Spark's own reading, repeats are byte-identical, and every user
 * error is exit 2 with nothing left at the output path.
 */
class ExportCommandTest {
    static final String[] SPARK = {"--set", "spark.master=local[2]", "--set", "spark.shuffle_partitions=4"};
    static final String ISO_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}";
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final String AWKWARD_ERROR = "timeout, retried \"twice\"\nthen gave up";

    @TempDir
    static Path lakeDir;
    static Lake lake;
    static long firstVersion;
    static long latestVersion;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyLake() {
        SparkSession spark = SharedSpark.get();
        lake = new Lake(spark, lakeDir.toString());
        // newest day first and three files, so that the export's order cannot come from the write order
        write(spark.createDataFrame(bars(5, 1), OhlcvSchema.BARS).repartition(3), LakeTable.OHLCV, SaveMode.ErrorIfExists);
        firstVersion = lake.latestVersion(LakeTable.OHLCV).orElseThrow();
        write(spark.createDataFrame(bars(7, 6), OhlcvSchema.BARS), LakeTable.OHLCV, SaveMode.Append);
        latestVersion = lake.latestVersion(LakeTable.OHLCV).orElseThrow();

        Timestamp updated = Timestamp.from(LocalDate.of(2024, 1, 2).atStartOfDay(IST).toInstant());
        List<Row> log = List.of(
                RowFactory.create("TCS", "1day", Date.valueOf("2024-01-01"), Date.valueOf("2024-01-07"), "http", "failed", 3,
                        0L, AWKWARD_ERROR, List.of("a", "b,c").toArray(), "run_1", updated),
                RowFactory.create("INFY", "1day", Date.valueOf("2024-01-01"), Date.valueOf("2024-01-07"), "http", "complete", 1,
                        5L, null, new String[0], "run_1", updated));
        write(spark.createDataFrame(log, IngestLog.SCHEMA), LakeTable.INGEST_LOG, SaveMode.ErrorIfExists);
    }

    /** Daily bars of two symbols for January days {@code last} down to {@code first}. */
    static List<Row> bars(int last, int first) {
        List<Row> rows = new ArrayList<>();
        for (int day = last; day >= first; day--) {
            for (String symbol : List.of("TCS", "RELIANCE")) {
                Timestamp ts = Timestamp.from(LocalDate.of(2024, 1, day).atTime(9, 15).atZone(IST).toInstant());
                double close = symbol.length() * 100.0 + day;
                rows.add(RowFactory.create(symbol, "1day", ts, close - (day % 2 == 0 ? 1 : -1), close + 2, close - 2, close,
                        1_000L * day));
            }
        }
        return rows;
    }

    static void write(Dataset<Row> rows, LakeTable table, SaveMode mode) {
        rows.write().format("delta").mode(mode).save(lake.path(table));
    }

    static CommandOutput run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--lake", lakeDir.toString()));
        all.addAll(List.of(SPARK));
        return CommandOutput.run(all.toArray(String[]::new));
    }

    static CommandOutput export(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--table", "ohlcv", "--out", out.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void csvHasAHeaderEveryRowInKeyOrderAndIsoTimestamps() throws IOException {
        Path out = dir.resolve("ohlcv.csv");
        CommandOutput output = export(out, "--format", "csv");
        assertEquals(0, output.exitCode(), output.err());

        List<String> lines = lines(out);
        String[] columns = lake.read(LakeTable.OHLCV).columns();
        assertEquals(String.join(",", columns), lines.get(0));
        long expected = lake.read(LakeTable.OHLCV).count();
        assertEquals(expected, lines.size() - 1);

        int symbol = Arrays.asList(columns).indexOf("symbol");
        int ts = Arrays.asList(columns).indexOf("ts");
        List<String> keys = lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",", -1)).peek(f -> assertTrue(f[ts].matches(ISO_TIMESTAMP), f[ts]))
                .map(f -> f[symbol] + " " + f[ts]).toList();
        assertEquals(keys.stream().sorted().toList(), keys, "rows in key order");

        String summary = output.out().strip();
        String sha256 = Hashing.sha256Hex(Files.readAllBytes(out));
        for (String part : List.of(expected + " rows", columns.length + " columns", "ohlcv@" + latestVersion, out.toString(), sha256)) {
            assertTrue(summary.contains(part), "'" + part + "' not in: " + summary);
        }
    }

    @Test
    void jsonLinesFilteredAndProjected() throws IOException {
        Path out = dir.resolve("tcs.jsonl");
        String where = "symbol = 'TCS' AND close > open";
        CommandOutput output = export(out, "--format", "json", "--where", where, "--columns", "ts,close,symbol");
        assertEquals(0, output.exitCode(), output.err());

        List<String> lines = lines(out);
        long expected = lake.read(LakeTable.OHLCV).where(where).count();
        assertTrue(expected > 0 && expected < lake.read(LakeTable.OHLCV).count(), "the filter should select some rows");
        assertEquals(expected, lines.size());
        for (String line : lines) {
            JsonNode row = Yaml.JSON.readTree(line);
            List<String> names = new ArrayList<>();
            row.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("ts", "close", "symbol"), names);
            assertEquals("TCS", row.get("symbol").asText());
            assertTrue(row.get("close").isNumber(), line);
            assertTrue(row.get("ts").asText().matches(ISO_TIMESTAMP), line);
        }
    }

    @Test
    void repeatedExportsAreByteIdenticalAndVersionsTimeTravel() throws IOException {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        assertEquals(0, export(first, "--format", "csv", "--columns", "symbol,ts,close").exitCode());
        assertEquals(0, export(second, "--format", "csv", "--columns", "symbol,ts,close").exitCode());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals("symbol,ts,close", lines(first).get(0));

        Path old = dir.resolve("old.csv");
        CommandOutput output = export(old, "--format", "csv", "--version", String.valueOf(firstVersion));
        assertEquals(0, output.exitCode(), output.err());
        assertTrue(output.out().contains("ohlcv@" + firstVersion), output.out());
        long expected = lake.readVersion(LakeTable.OHLCV, firstVersion).count();
        assertTrue(expected < lake.read(LakeTable.OHLCV).count());
        assertEquals(expected, lines(old).size() - 1);

        // --force replaces the file with the same bytes a fresh export gives
        assertEquals(0, export(old, "--format", "csv", "--columns", "symbol,ts,close", "--force").exitCode());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(old));
    }

    @Test
    void quotingNullsAndArraysSurviveBothFormats() throws IOException {
        Path csv = dir.resolve("log.csv");
        CommandOutput output = run("export", "--table", "ingest_log", "--format", "csv", "--out", csv.toString(),
                "--columns", "symbol,chunk_start,error,warnings,updated_at");
        assertEquals(0, output.exitCode(), output.err());
        // INFY sorts first (key order); its null error is an empty cell, its empty array is []
        assertEquals("symbol,chunk_start,error,warnings,updated_at\n"
                + "INFY,2024-01-01,,[],2024-01-02T00:00:00+05:30\n"
                + "TCS,2024-01-01,\"timeout, retried \"\"twice\"\"\nthen gave up\",\"[\"\"a\"\",\"\"b,c\"\"]\",2024-01-02T00:00:00+05:30\n",
                Files.readString(csv));

        Path json = dir.resolve("log.jsonl");
        assertEquals(0, run("export", "--table", "ingest_log", "--format", "json", "--out", json.toString(),
                "--where", "symbol = 'TCS'").exitCode());
        List<String> lines = lines(json);
        assertEquals(1, lines.size());
        JsonNode row = Yaml.JSON.readTree(lines.get(0));
        assertEquals(AWKWARD_ERROR, row.get("error").asText());
        assertEquals(List.of("a", "b,c"), List.of(row.get("warnings").get(0).asText(), row.get("warnings").get(1).asText()));
        assertEquals(3, row.get("attempts").asInt());
        assertEquals("2024-01-07", row.get("chunk_end").asText());
    }

    @Test
    void userErrorsAreOneLineAndLeaveNothingBehind() throws IOException {
        Path out = dir.resolve("out.csv");
        assertUserError(run("export", "--table", "nope", "--format", "csv", "--out", out.toString()), "'nope'", "ohlcv");
        assertUserError(run("export", "--table", "features", "--format", "csv", "--out", out.toString()),
                "'features'", "ingest_log, ohlcv");
        assertUserError(export(out, "--format", "csv", "--columns", "symbol,closing"), "'closing'", "close");
        assertUserError(export(out, "--format", "csv", "--where", "closing > 1"), "--where", "closing");
        assertUserError(export(out, "--format", "csv", "--where", "close >>> 1"), "--where");
        assertUserError(export(out, "--format", "csv", "--version", "99"), "99", "0 to " + latestVersion);
        assertUserError(export(out, "--format", "xml"), "xml", "csv or json");
        assertEquals(List.of(), listing(dir), "nothing written by a rejected export");

        Files.writeString(out, "keep me");
        assertUserError(export(out, "--format", "csv"), out.toString(), "--force");
        assertEquals("keep me", Files.readString(out));
    }

    @Test
    void aFailureWhileWritingLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("failed.csv");
        CommandOutput output = export(out, "--format", "csv", "--where", "raise_error('boom') IS NULL");
        assertEquals(SenseQuant.FAILED, output.exitCode(), output.err());
        assertEquals(List.of(), listing(dir), "no output and no temporary file");
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
