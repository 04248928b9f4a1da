package io.sensequant.ingest;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.PipelineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvChunkFetcherTest {
    static final String DAILY_HEADER = "Date,Open,High,Low,Close,Volume";

    @TempDir
    Path dir;

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The real conf/ with the given --set overrides, as the CLI would load it. */
    static PipelineConfig.Csv csvConfig(String... sets) {
        List<String> assignments = new ArrayList<>(List.of("ingest.csv.path=/tmp/x"));
        assignments.addAll(List.of(sets));
        return new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(List.of(), null, null, Map.of(), List.of(),
                assignments)).typed().ingest().csv();
    }

    static CsvChunkFetcher fetcher(Path source, String... sets) {
        return new CsvChunkFetcher(csvConfig(sets), source);
    }

    static Path write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static ChunkRequest request(String symbol, String start, String end) {
        return new ChunkRequest(symbol, symbol, "1day", LocalDate.parse(start), LocalDate.parse(end));
    }

    static List<Instant> times(FetchedChunk chunk) {
        return chunk.bars().stream().map(Bar::ts).toList();
    }

    /** Date-only ts in Asia/Kolkata: the session date at 00:00 IST, i.e. 18:30Z the day before. */
    static Instant ist(String date) {
        return LocalDate.parse(date).atStartOfDay(java.time.ZoneId.of("Asia/Kolkata")).toInstant();
    }

    static String failure(CsvChunkFetcher fetcher, ChunkRequest request) {
        ChunkFetchException e = assertThrows(ChunkFetchException.class, () -> fetcher.fetch(request));
        assertEquals(1, e.attempts(), "hard errors are not retried");
        return e.getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in:\n" + message);
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @Test
    void directoryOfSymbolFilesWithAnyHeaderCaseAndQuotedFields() throws Exception {
        write(dir.resolve("RELIANCE.csv"), DAILY_HEADER,
                "2024-01-01,2590.5,2610,2580.25,2605.1,1234567",
                "2024-01-02,2605,2620.75,2600,2615.4,2345678");
        // Lower-case header, extra column, quoted fields with commas, doubled quotes, spaces and a float volume.
        write(dir.resolve("M&M.csv"), "timestamp,open,high,low,close,volume,Note",
                "\"2024-01-01\",\" 1650.5 \",1670,1640,\"1665.25\",1234.0,\"split, 1:2 \"\"adjusted\"\"\"",
                "2024-01-02 , 1665 ,1680 ,1655 ,1672.5 , 98765 ,plain");
        write(dir.resolve("BAJAJ-AUTO.csv"), "DATE,OPEN,HIGH,LOW,CLOSE,VOLUME", "2024-01-01,6700,6750,6680,6740,5000");
        write(dir.resolve("notes.txt"), "not a csv");
        write(dir.resolve(".~lock.RELIANCE.csv"), "editor lock file");
        CsvChunkFetcher csv = fetcher(dir);

        assertEquals("csv", csv.name());
        assertEquals(List.of("BAJAJ-AUTO", "M&M", "RELIANCE"), csv.symbols());

        FetchedChunk reliance = csv.fetch(request("RELIANCE", "2024-01-01", "2024-01-31"));
        assertEquals(List.of(
                new Bar("RELIANCE", "1day", ist("2024-01-01"), 2590.5, 2610, 2580.25, 2605.1, 1234567),
                new Bar("RELIANCE", "1day", ist("2024-01-02"), 2605, 2620.75, 2600, 2615.4, 2345678)),
                reliance.bars());
        assertEquals(1, reliance.attempts());
        assertEquals(List.of(), reliance.warnings());

        FetchedChunk mm = csv.fetch(request("M&M", "2024-01-01", "2024-01-31"));
        assertEquals(List.of(
                new Bar("M&M", "1day", ist("2024-01-01"), 1650.5, 1670, 1640, 1665.25, 1234),
                new Bar("M&M", "1day", ist("2024-01-02"), 1665, 1680, 1655, 1672.5, 98765)), mm.bars());
        assertEquals(1, csv.fetch(request("BAJAJ-AUTO", "2024-01-01", "2024-01-01")).bars().size());
    }

    @Test
    void singleLongFileWithSymbolColumn() throws Exception {
        Path file = write(dir.resolve("prices.csv"), "SYMBOL,date,open,high,low,close,volume",
                "TCS,2024-01-01,3790,3810,3780,3800,100",
                "INFY,2024-01-01,1540,1550,1530,1545,200",
                " TCS ,2024-01-02,3800,3820,3795,3815,110",
                "INFY,2024-01-02,1545,1560,1540,1555,210",
                "HDFCBANK,2024-01-02,1700,1710,1690,1705,300");
        CsvChunkFetcher csv = fetcher(file);

        assertEquals(List.of("HDFCBANK", "INFY", "TCS"), csv.symbols());
        FetchedChunk tcs = csv.fetch(request("TCS", "2024-01-01", "2024-01-02"));
        assertEquals(List.of(
                new Bar("TCS", "1day", ist("2024-01-01"), 3790, 3810, 3780, 3800, 100),
                new Bar("TCS", "1day", ist("2024-01-02"), 3800, 3820, 3795, 3815, 110)), tcs.bars());
        assertEquals(List.of(1545.0, 1555.0),
                csv.fetch(request("INFY", "2024-01-01", "2024-01-31")).bars().stream().map(Bar::close).toList());

        String missing = failure(csv, request("tcs", "2024-01-01", "2024-01-02"));
        assertMentions(missing, "prices.csv", "no rows for symbol tcs", "column 'SYMBOL'", "[TCS]",
                "HDFCBANK, INFY, TCS");
    }

    @Test
    void realisticSampleFilesFromResources() throws Exception {
        Path daily = Path.of(resource("csv/daily"));
        CsvChunkFetcher csv = fetcher(daily);
        assertEquals(List.of("INFY", "TCS"), csv.symbols());

        // January 2024 on NSE: 22 sessions (22 and 26 January closed, Saturday 20 January a special session).
        FetchedChunk infy = csv.fetch(request("INFY", "2024-01-01", "2024-01-31"));
        FetchedChunk tcs = csv.fetch(request("TCS", "2024-01-01", "2024-01-31"));
        assertEquals(22, infy.bars().size());
        assertEquals(times(infy), times(tcs), "date-only IST and +05:30 midnight are the same instant");
        assertEquals(ist("2024-01-01"), infy.bars().get(0).ts());
        assertTrue(times(infy).contains(ist("2024-01-20")));
        assertTrue(!times(infy).contains(ist("2024-01-26")));
        assertEquals(new Bar("INFY", "1day", ist("2024-01-01"), 1546.90, 1605.18, 1545.06, 1594.54, 6065245),
                infy.bars().get(0));
        assertEquals(1584530L, tcs.bars().get(0).volume());
        assertEquals(List.of(), infy.warnings());
        for (Bar bar : infy.bars()) {
            assertTrue(bar.high() >= Math.max(bar.open(), bar.close()) && bar.low() <= Math.min(bar.open(), bar.close()));
        }
        assertEquals(7, csv.fetch(request("TCS", "2024-02-01", "2024-03-31")).bars().size());
    }

    private static java.net.URI resource(String name) throws URISyntaxException {
        return CsvChunkFetcherTest.class.getClassLoader().getResource(name).toURI();
    }

    @Test
    void spreadsheetExportsWithByteOrderMarkCrlfBlankLinesAndMultiLineQuotes() throws Exception {
        // Excel's "CSV UTF-8": BOM, CRLF; a quoted note spanning two lines; blank lines in between.
        String text = "\uFEFFDate,Open,High,Low,Close,Volume,Note\r\n"
                + "2024-01-04,1,1,1,1,1,\"first line\r\nsecond line\"\r\n"
                + "\r\n"
                + "2024-01-05,1,1,1,1,2,\"said \"\"hi\"\"\"   \r\n"
                + "   \r\n"
                + "2024-01-08,1,1,1,oops,3,\r\n";
        Files.writeString(dir.resolve("X.csv"), text, StandardCharsets.UTF_8);
        // Rows are the file's lines, so the editor's line 7 is what the message points at.
        assertMentions(failure(fetcher(dir), request("X", "2024-01-01", "2024-01-31")), "X.csv", "row 7",
                "column 'Close'", "'oops'");

        Files.writeString(dir.resolve("X.csv"), text.replace("oops", "1"), StandardCharsets.UTF_8);
        assertEquals(List.of(1L, 2L, 3L), fetcher(dir).fetch(request("X", "2024-01-01", "2024-01-31")).bars().stream()
                .map(Bar::volume).toList());

        Files.writeString(dir.resolve("Y.csv"), DAILY_HEADER + "\n2024-01-05,\"1\"x,1,1,1,1\n", StandardCharsets.UTF_8);
        assertMentions(failure(fetcher(dir), request("Y", "2024-01-01", "2024-01-31")), "Y.csv", "row 2",
                "column 'Open'", "after the closing quote");

        // Windows-1252 from an old exporter: said plainly rather than read as garbage.
        Files.write(dir.resolve("Z.csv"), (DAILY_HEADER + ",Note\n2024-01-05,1,1,1,1,1,caf\u00e9\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertMentions(failure(fetcher(dir), request("Z", "2024-01-01", "2024-01-31")), "Z.csv", "not UTF-8");
    }

    @Test
    void chunkIncludesBarsOnItsStartAndEndDatesOnly() throws Exception {
        List<String> lines = new ArrayList<>(List.of(DAILY_HEADER));
        for (int day = 1; day <= 10; day++) {
            lines.add(String.format("2024-01-%02d,100,101,99,100.5,%d", day, day));
        }
        write(dir.resolve("SBIN.csv"), lines.toArray(String[]::new));
        write(dir.resolve("ITC.csv"), "datetime,open,high,low,close,volume",
                "2024-01-04T23:59:00,1,1,1,1,1",          // 4 Jan IST, late
                "2024-01-05 00:00:00,1,1,1,1,2",          // first instant of 5 Jan IST
                "2024-01-05T09:15:00,1,1,1,1,3",
                "2024-01-05T23:59:59,1,1,1,1,4",          // last second of 5 Jan IST
                "2024-01-05T20:00:00Z,1,1,1,1,5",         // 01:30 on 6 Jan IST although 5 Jan in UTC
                "2024-01-06T00:00:00+05:30,1,1,1,1,6");
        CsvChunkFetcher csv = fetcher(dir);

        FetchedChunk chunk = csv.fetch(request("SBIN", "2024-01-03", "2024-01-05"));
        assertEquals(List.of(3L, 4L, 5L), chunk.bars().stream().map(Bar::volume).toList());
        assertEquals(List.of(1L), csv.fetch(request("SBIN", "2024-01-01", "2024-01-01")).bars().stream()
                .map(Bar::volume).toList());
        assertEquals(List.of(), csv.fetch(request("SBIN", "2024-02-01", "2024-02-29")).bars(), "no data is no error");
        assertEquals(10, csv.fetch(request("SBIN", "2023-12-01", "2024-01-31")).bars().size());

        FetchedChunk intraday = csv.fetch(new ChunkRequest("ITC", "ITC", "1minute", LocalDate.parse("2024-01-05"),
                LocalDate.parse("2024-01-05")));
        assertEquals(List.of(2L, 3L, 4L), intraday.bars().stream().map(Bar::volume).toList());
        assertEquals("1minute", intraday.bars().get(0).interval());
    }

    @Test
    void timestampsAreReadInTheConfiguredZoneUnlessTheyHaveAnOffset() throws Exception {
        write(dir.resolve("A.csv"), "time,open,high,low,close,volume",
                "2024-01-05,1,1,1,1,1",
                "2024-01-05 09:15:00,1,1,1,1,2",
                "2024-01-05T09:16,1,1,1,1,3",
                "2024-01-05T09:17:00+05:30,1,1,1,1,4",
                "2024-01-05T09:18:00.5+0530,1,1,1,1,5",
                "2024-01-05T04:00:00Z,1,1,1,1,6");
        List<Instant> kolkata = times(fetcher(dir).fetch(request("A", "2024-01-05", "2024-01-05")));
        assertEquals(List.of(
                Instant.parse("2024-01-04T18:30:00Z"),
                Instant.parse("2024-01-05T03:45:00Z"),
                Instant.parse("2024-01-05T03:46:00Z"),
                Instant.parse("2024-01-05T03:47:00Z"),
                Instant.parse("2024-01-05T03:48:00.500Z"),
                Instant.parse("2024-01-05T04:00:00Z")), kolkata);

        Map<Long, Instant> utc = fetcher(dir, "ingest.csv.time_zone=UTC").fetch(request("A", "2024-01-05", "2024-01-05"))
                .bars().stream().collect(java.util.stream.Collectors.toMap(Bar::volume, Bar::ts));
        assertEquals(Instant.parse("2024-01-05T00:00:00Z"), utc.get(1L));
        assertEquals(Instant.parse("2024-01-05T09:15:00Z"), utc.get(2L));
        assertEquals(Instant.parse("2024-01-05T03:47:00Z"), utc.get(4L), "an explicit offset wins over the zone");
        assertEquals(Instant.parse("2024-01-05T04:00:00Z"), utc.get(6L));
    }

    @Test
    void customTimestampFormat() throws Exception {
        write(dir.resolve("A.csv"), DAILY_HEADER, "05/01/2024,1,1,1,1,1", "08/01/2024,1,1,1,1,2");
        assertEquals(List.of(ist("2024-01-05"), ist("2024-01-08")),
                times(fetcher(dir, "ingest.csv.timestamp_format=dd/MM/yyyy").fetch(request("A", "2024-01-01", "2024-01-31"))));

        write(dir.resolve("B.csv"), DAILY_HEADER, "05-JAN-2024 09:15,1,1,1,1,1");
        assertEquals(List.of(Instant.parse("2024-01-05T03:45:00Z")),
                times(fetcher(dir, "ingest.csv.timestamp_format=dd-MMM-yyyy HH:mm").fetch(request("B", "2024-01-05", "2024-01-05"))));

        // The ISO default no longer applies once a pattern is set, and an impossible date is not "corrected".
        write(dir.resolve("C.csv"), DAILY_HEADER, "05/01/2024,1,1,1,1,1", "30/02/2024,1,1,1,1,1");
        String message = failure(fetcher(dir, "ingest.csv.timestamp_format=dd/MM/yyyy"), request("C", "2024-01-01", "2024-12-31"));
        assertMentions(message, "C.csv", "row 3", "column 'Date'", "'30/02/2024'", "'dd/MM/yyyy'");

        ConfigException bad = assertThrows(ConfigException.class, () -> fetcher(dir, "ingest.csv.timestamp_format=dd/MM/yyyy bbb"));
        assertMentions(bad.getMessage(), "ingest.csv.timestamp_format", "dd/MM/yyyy bbb");
    }

    @Test
    void columnNamesComeFromConfig() throws Exception {
        write(dir.resolve("A.csv"), "Trade Date,Open Price,High,Low,Close,Qty", "2024-01-05,1,2,0.5,1.5,7");
        CsvChunkFetcher csv = fetcher(dir, "ingest.csv.columns.ts=trade date", "ingest.csv.columns.open=open price",
                "ingest.csv.columns.volume=qty,volume");
        assertEquals(List.of(new Bar("A", "1day", ist("2024-01-05"), 1, 2, 0.5, 1.5, 7)),
                csv.fetch(request("A", "2024-01-05", "2024-01-05")).bars());
    }

    // ---- hard errors ---------------------------------------------------------------------------------------

    @Test
    void missingColumnListsHeadersFoundAndAcceptedNames() throws Exception {
        write(dir.resolve("TCS.csv"), "Date,Open,High,Low,Last,Volume", "2024-01-05,1,1,1,1,1");
        String message = failure(fetcher(dir), request("TCS", "2024-01-01", "2024-01-31"));
        assertMentions(message, "TCS 1day 2024-01-01..2024-01-31", dir.resolve("TCS.csv").toString(), "row 1",
                "no column for close", "accepted names: close", "ingest.csv.columns.close",
                "headers found: 'Date', 'Open', 'High', 'Low', 'Last', 'Volume'");
    }

    @Test
    void twoColumnsMatchingOneFieldIsAnError() throws Exception {
        write(dir.resolve("TCS.csv"), "Date,Time,Open,High,Low,Close,Volume", "2024-01-05,09:15,1,1,1,1,1");
        String message = failure(fetcher(dir), request("TCS", "2024-01-01", "2024-01-31"));
        assertMentions(message, "TCS.csv", "row 1", "'Date', 'Time'", "field ts", "ingest.csv.columns.ts");
    }

    @Test
    void longFileWithoutSymbolColumn() throws Exception {
        Path file = write(dir.resolve("all.csv"), DAILY_HEADER, "2024-01-05,1,1,1,1,1");
        CsvChunkFetcher csv = fetcher(file, "ingest.csv.symbol_column=ticker");
        assertMentions(failure(csv, request("TCS", "2024-01-01", "2024-01-31")), "all.csv", "row 1",
                "no symbol column 'ticker'", "ingest.csv.symbol_column", "headers found: 'Date'");
        assertMentions(assertThrows(ConfigException.class, csv::symbols).getMessage(), "all.csv", "'ticker'");
    }

    @Test
    void unparseableTimestampShowsTextAndExpectedFormat() throws Exception {
        write(dir.resolve("TCS.csv"), DAILY_HEADER, "2024-01-04,1,1,1,1,1", "2024/01/05,1,1,1,1,1",
                "yesterday,1,1,1,1,1");
        String message = failure(fetcher(dir), request("TCS", "2024-01-01", "2024-01-31"));
        assertMentions(message, "TCS.csv", "row 3", "column 'Date'", "'2024/01/05'", "ISO-8601",
                "ingest.csv.timestamp_format", "1 more row of TCS.csv");
    }

    @Test
    void unparseableNumbers() throws Exception {
        write(dir.resolve("P.csv"), DAILY_HEADER, "2024-01-04,1,1,1,1,1", "2024-01-05,1,1,1,abc,1");
        assertMentions(failure(fetcher(dir), request("P", "2024-01-01", "2024-01-31")),
                "P.csv", "row 3", "column 'Close'", "'abc'");

        write(dir.resolve("Q.csv"), DAILY_HEADER, "2024-01-05,\"1,234.5\",1,1,1,1");
        assertMentions(failure(fetcher(dir), request("Q", "2024-01-01", "2024-01-31")),
                "Q.csv", "row 2", "column 'Open'", "thousands separators");

        write(dir.resolve("R.csv"), DAILY_HEADER, "2024-01-05,1,1,,1,1");
        assertMentions(failure(fetcher(dir), request("R", "2024-01-01", "2024-01-31")),
                "R.csv", "row 2", "column 'Low'", "empty");

        write(dir.resolve("S.csv"), DAILY_HEADER, "2024-01-05,1,1,1,1,1234.0", "2024-01-06,1,1,1,1,12.5");
        assertMentions(failure(fetcher(dir), request("S", "2024-01-01", "2024-01-31")),
                "S.csv", "row 3", "column 'Volume'", "'12.5'", "whole number");

        write(dir.resolve("T.csv"), DAILY_HEADER, "2024-01-05,NaN,1,1,1,1");
        assertMentions(failure(fetcher(dir), request("T", "2024-01-01", "2024-01-31")),
                "T.csv", "row 2", "column 'Open'", "'NaN'");
    }

    @Test
    void rowWithWrongNumberOfFields() throws Exception {
        write(dir.resolve("SHORT.csv"), DAILY_HEADER, "2024-01-04,1,1,1,1,1", "2024-01-05,1,1,1,1");
        assertMentions(failure(fetcher(dir), request("SHORT", "2024-01-01", "2024-01-31")),
                "SHORT.csv", "row 3", "has 5 fields", "has 6", "column 'Volume'");

        write(dir.resolve("LONG.csv"), DAILY_HEADER, "2024-01-05,1,234.5,1,1,1,1");
        assertMentions(failure(fetcher(dir), request("LONG", "2024-01-01", "2024-01-31")),
                "LONG.csv", "row 2", "has 7 fields", "after the last column 'Volume'", "Quote values");
    }

    @Test
    void unterminatedQuote() throws Exception {
        write(dir.resolve("Q.csv"), DAILY_HEADER, "2024-01-05,1,1,1,\"1,1", "2024-01-06,1,1,1,1,1");
        assertMentions(failure(fetcher(dir), request("Q", "2024-01-01", "2024-01-31")),
                "Q.csv", "row 2", "column 'Close'", "not closed");
    }

    @Test
    void emptyFileAndHeaderOnlyFile() throws Exception {
        Files.writeString(dir.resolve("EMPTY.csv"), "");
        assertMentions(failure(fetcher(dir), request("EMPTY", "2024-01-01", "2024-01-31")),
                "EMPTY.csv", "row 1", "empty", "date,open,high,low,close,volume");

        write(dir.resolve("HEADER.csv"), DAILY_HEADER, "");
        assertMentions(failure(fetcher(dir), request("HEADER", "2024-01-01", "2024-01-31")),
                "HEADER.csv", "row 2", "no data rows", "'Date'");

        Path longFile = write(dir.resolve("long.csv"), "symbol," + DAILY_HEADER);
        assertMentions(failure(fetcher(longFile), request("TCS", "2024-01-01", "2024-01-31")),
                "long.csv", "row 2", "no data rows");
    }

    @Test
    void missingSymbolFileNamesTheExpectedPath() throws Exception {
        write(dir.resolve("reliance.csv"), DAILY_HEADER, "2024-01-05,1,1,1,1,1");
        write(dir.resolve("TCS.csv"), DAILY_HEADER, "2024-01-05,1,1,1,1,1");
        CsvChunkFetcher csv = fetcher(dir);
        assertMentions(failure(csv, request("RELIANCE", "2024-01-01", "2024-01-31")),
                "RELIANCE 1day", "expected " + dir.resolve("RELIANCE.csv"), "found [reliance.csv]");
        assertMentions(failure(csv, request("INFY", "2024-01-01", "2024-01-31")),
                "expected " + dir.resolve("INFY.csv"), "2 csv files: TCS.csv, reliance.csv");
        assertMentions(failure(csv, request("../TCS", "2024-01-01", "2024-01-31")), "cannot name a file");
    }

    @Test
    void aBadFileFailsEveryChunkOfItsSymbolButNoOtherSymbol() throws Exception {
        write(dir.resolve("BAD.csv"), DAILY_HEADER, "2024-01-05,1,1,1,1,1", "2024-06-05,1,1,1,x,1");
        write(dir.resolve("GOOD.csv"), DAILY_HEADER, "2024-01-05,1,1,1,1,1", "2024-06-05,1,1,1,1,1");
        CsvChunkFetcher csv = fetcher(dir);
        // Also the chunk whose own dates are clean: half a symbol must not be written.
        assertMentions(failure(csv, request("BAD", "2024-01-01", "2024-01-31")), "BAD.csv", "row 3");
        assertMentions(failure(csv, request("BAD", "2024-06-01", "2024-06-30")), "BAD.csv", "row 3");
        assertEquals(1, csv.fetch(request("GOOD", "2024-01-01", "2024-01-31")).bars().size());

        // In a long file a bad cell spoils only its own symbol ...
        Path file = write(dir.resolve("long.csv"), "symbol," + DAILY_HEADER,
                "GOOD,2024-01-05,1,1,1,1,1", "BAD,2024-01-05,1,1,1,1,-", "GOOD,2024-01-08,1,1,1,1,1");
        CsvChunkFetcher longCsv = fetcher(file);
        assertMentions(failure(longCsv, request("BAD", "2024-01-01", "2024-01-31")), "long.csv", "row 3",
                "column 'Volume'");
        assertEquals(2, longCsv.fetch(request("GOOD", "2024-01-01", "2024-01-31")).bars().size());
        assertEquals(List.of("BAD", "GOOD"), longCsv.symbols());

        // ... but a row whose fields may have shifted cannot be trusted to name its symbol: the file fails.
        Path shifted = write(dir.resolve("shifted.csv"), "symbol," + DAILY_HEADER,
                "GOOD,2024-01-05,1,1,1,1,1", "BAD,2024-01-05,1,234.5,1,1,1,1");
        assertMentions(failure(fetcher(shifted), request("GOOD", "2024-01-01", "2024-01-31")), "shifted.csv",
                "row 3", "has 8 fields");
    }

    @Test
    void configProblemsAreConfigExceptions() {
        assertMentions(assertThrows(ConfigException.class, () -> fetcher(dir.resolve("nowhere"))).getMessage(),
                dir.resolve("nowhere").toString(), "does not exist");
        assertMentions(assertThrows(ConfigException.class,
                () -> new CsvChunkFetcher(csvConfig("ingest.csv.path="))).getMessage(), "ingest.csv.path is not set");
        assertMentions(assertThrows(ConfigException.class, () -> fetcher(dir, "ingest.csv.time_zone=Mars/Olympus"))
                .getMessage(), "ingest.csv.time_zone", "Mars/Olympus");
    }

    // ---- order and concurrency -----------------------------------------------------------------------------

    @Test
    void rowsOutOfOrderAreSortedAndReported() throws Exception {
        write(dir.resolve("RELIANCE.csv"), DAILY_HEADER,
                "2024-01-03,1,1,1,1,3",
                "2024-01-01,1,1,1,1,1", // out of order
                "2024-01-02,1,1,1,1,2", // out of order
                "2024-01-04,1,1,1,1,4",
                "2024-02-02,1,1,1,1,6",
                "2024-02-01,1,1,1,1,5", // out of order
                "2024-02-02,1,1,1,1,7"); // duplicate of the latest row: kept, in file order, and not "out of order"
        CsvChunkFetcher csv = fetcher(dir);

        FetchedChunk january = csv.fetch(request("RELIANCE", "2024-01-01", "2024-01-31"));
        assertEquals(List.of(1L, 2L, 3L, 4L), january.bars().stream().map(Bar::volume).toList());
        assertEquals(List.of("RELIANCE.csv: 2 rows out of time order (sorted)"), january.warnings());

        FetchedChunk february = csv.fetch(request("RELIANCE", "2024-02-01", "2024-02-29"));
        assertEquals(List.of(5L, 6L, 7L), february.bars().stream().map(Bar::volume).toList());
        assertEquals(List.of("RELIANCE.csv: 1 row out of time order (sorted)"), february.warnings());

        Path file = write(dir.resolve("long.csv"), "symbol," + DAILY_HEADER,
                "A,2024-01-02,1,1,1,1,2", "B,2024-01-01,1,1,1,1,1", "A,2024-01-01,1,1,1,1,1");
        CsvChunkFetcher longCsv = fetcher(file);
        assertEquals(List.of("long.csv (symbol A): 1 row out of time order (sorted)"),
                longCsv.fetch(request("A", "2024-01-01", "2024-01-31")).warnings());
        assertEquals(List.of(), longCsv.fetch(request("B", "2024-01-01", "2024-01-31")).warnings(),
                "interleaved symbols are not out of order");
    }

    @Test
    void concurrentFetchesMatchSequentialOnes() throws Exception {
        List<ChunkRequest> requests = new ArrayList<>();
        for (String symbol : List.of("A", "B", "C", "D", "BAD")) {
            List<String> lines = new ArrayList<>(List.of(DAILY_HEADER));
            LocalDate day = LocalDate.of(2023, 1, 1);
            for (int i = 0; i < 400; i++, day = day.plusDays(1)) {
                // Every 50th row swapped with its neighbour, so warnings are part of the comparison.
                LocalDate written = i % 50 == 1 ? day.minusDays(1) : i % 50 == 0 ? day.plusDays(1) : day;
                lines.add(written + "," + (100 + i) + "," + (101 + i) + "," + (99 + i) + "," + (100.5 + i) + "," + i);
            }
            if (symbol.equals("BAD")) {
                lines.set(300, "2023-10-27,1,1,1,1,oops");
            }
            write(dir.resolve(symbol + ".csv"), lines.toArray(String[]::new));
            for (int quarter = 0; quarter < 4; quarter++) {
                LocalDate start = LocalDate.of(2023, 1, 1).plusMonths(3L * quarter);
                requests.add(new ChunkRequest(symbol, symbol, "1day", start, start.plusMonths(3).minusDays(1)));
            }
        }
        assertEquals(20, requests.size());

        CsvChunkFetcher sequential = fetcher(dir);
        List<String> expected = new ArrayList<>();
        for (ChunkRequest r : requests) {
            expected.add(outcome(sequential, r));
        }

        CsvChunkFetcher shared = fetcher(dir); // fresh: its files get parsed under contention
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (ChunkRequest r : requests) {
                futures.add(pool.submit(() -> outcome(shared, r)));
            }
            List<String> actual = new ArrayList<>();
            for (Future<String> f : futures) {
                actual.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(expected, actual);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(expected.stream().anyMatch(s -> s.contains("out of time order")));
        assertEquals(4, expected.stream().filter(s -> s.startsWith("error")).count());
    }

    private static String outcome(CsvChunkFetcher fetcher, ChunkRequest request) {
        try {
            FetchedChunk chunk = fetcher.fetch(request);
            return chunk.request() + " " + chunk.bars() + " " + chunk.warnings();
        } catch (ChunkFetchException e) {
            return "error " + e.getMessage();
        }
    }
}
