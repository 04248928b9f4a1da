package io.sensequant.ingest;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.PipelineConfig;
import io.sensequant.ingest.FakeChartsServer.Arrival;
import io.sensequant.ingest.FakeChartsServer.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HttpChunkFetcher against a real HTTP server on 127.0.0.1 that injects failures per chunk. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpChunkFetcherTest {
    static final String API_KEY = "SECRET-KEY-123";
    static final String API_SECRET = "SECRET-SIGNING-456";
    static final String SESSION_TOKEN = "SECRET-TOKEN-789";
    static final List<String> SECRETS = List.of(API_KEY, API_SECRET, SESSION_TOKEN);
    static final ProviderSecrets CREDENTIALS = new ProviderSecrets(API_KEY, API_SECRET, SESSION_TOKEN);
    /** Config maps 1day to the provider's "day", so the test sees the interval_names mapping at work. */
    static final String PROVIDER_INTERVAL = "day";
    static final LocalDate START = LocalDate.of(2022, 1, 1);
    static final LocalDate END = LocalDate.of(2022, 3, 31);
    /** The server's slow answer comes after this long; the client's timeout (config) is 0.3 s. */
    static final long SLOW_MILLIS = 1_200;

    static FakeChartsServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = new FakeChartsServer(API_KEY, API_SECRET, SESSION_TOKEN, PROVIDER_INTERVAL, SLOW_MILLIS);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** The real config with test overrides: fast backoff, a tiny timeout, no rate limit unless asked. */
    static PipelineConfig config(String... extra) {
        List<String> sets = new ArrayList<>(List.of(
                "ingest.http.base_url=" + server.baseUrl(),
                "ingest.http.interval_names.1day=" + PROVIDER_INTERVAL,
                "ingest.max_retries=3",
                "ingest.retry_backoff_initial_seconds=0.01",
                "ingest.retry_backoff_max_seconds=0.05",
                "ingest.request_timeout_seconds=0.3",
                "ingest.rate_limit_requests_per_minute=0",
                "ingest.rate_limit_delay_seconds=0.0"));
        sets.addAll(List.of(extra));
        return new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), sets)).typed();
    }

    static HttpChunkFetcher fetcher(PipelineConfig config) {
        PipelineConfig.Ingest ingest = config.ingest();
        return new HttpChunkFetcher(ingest, CREDENTIALS,
                new RateLimiter(ingest.rateLimitRequestsPerMinute(), ingest.rateLimitDelaySeconds()),
                config.run().baseSeed());
    }

    static ChunkRequest chunk(String symbol, String code) {
        return new ChunkRequest(symbol, code, "1day", START, END);
    }

    static List<Bar> expected(ChunkRequest c) {
        return FakeChartsServer.expectedBars(c.symbol(), c.interval(), c.start(), c.end());
    }

    @Test
    void everyChunkEndsCompleteThroughTransientFailures() throws Exception {
        server.script("R500", Step.ERROR_500);
        server.script("R429", Step.RATE_LIMITED);
        server.script("SLOW", Step.SLOW);
        server.script("TRUNC", Step.TRUNCATED);
        server.script("EMPTY", Step.NO_DATA_EMPTY);
        server.script("NODATA", Step.NO_DATA_ERROR);
        server.script("CLEAN");
        Map<ChunkRequest, Integer> attemptsWanted = new LinkedHashMap<>();
        attemptsWanted.put(chunk("FIVEHUNDRED", "R500"), 2);
        attemptsWanted.put(chunk("TOOMANY", "R429"), 2);
        attemptsWanted.put(chunk("SLOWPOKE", "SLOW"), 2);
        attemptsWanted.put(chunk("HALFBODY", "TRUNC"), 2);
        attemptsWanted.put(chunk("NOTHING", "EMPTY"), 1);
        attemptsWanted.put(chunk("NODATA", "NODATA"), 1);
        attemptsWanted.put(chunk("RELIANCE", "CLEAN"), 1);
        HttpChunkFetcher fetcher = fetcher(config());

        // From several threads at once, as the ingest loop calls it.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<ChunkRequest, Future<FetchedChunk>> futures = new LinkedHashMap<>();
        try {
            attemptsWanted.keySet().forEach(c -> futures.put(c, pool.submit(() -> fetcher.fetch(c))));
            for (Map.Entry<ChunkRequest, Future<FetchedChunk>> e : futures.entrySet()) {
                ChunkRequest c = e.getKey();
                FetchedChunk got = e.getValue().get(30, TimeUnit.SECONDS);
                boolean noData = c.providerCode().equals("EMPTY") || c.providerCode().equals("NODATA");
                assertEquals(noData ? List.of() : expected(c), got.bars(), c.describe());
                assertEquals(attemptsWanted.get(c), got.attempts(), c.describe());
                assertEquals(attemptsWanted.get(c), server.arrivals(c.providerCode()).size(), c.describe());
                assertEquals(c, got.request());
                assertTrue(got.warnings().isEmpty(), got.warnings()::toString);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), server.problems(), "requests that break the contract");

        // Spot-check the IST conversion: the first session of 2022 is Monday 3 January, 09:15 IST = 03:45 UTC.
        Bar first = expected(chunk("RELIANCE", "CLEAN")).get(0);
        assertEquals("2022-01-03T03:45:00Z", first.ts().toString());
        assertEquals(64, expected(chunk("RELIANCE", "CLEAN")).size()); // weekdays in Q1 2022

        List<Arrival> tooMany = server.arrivals("R429");
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(tooMany.get(1).nanos() - tooMany.get(0).nanos());
        assertTrue(waitedMillis >= 1_000, "429 with Retry-After: 1 was retried after only " + waitedMillis + " ms");
        List<Arrival> slow = server.arrivals("SLOW");
        long retriedAfter = TimeUnit.NANOSECONDS.toMillis(slow.get(1).nanos() - slow.get(0).nanos());
        // The timeout runs from the client's send, which can precede the server's arrival stamp by some ms.
        assertTrue(retriedAfter >= 200 && retriedAfter < SLOW_MILLIS,
                "the slow request should time out after 0.3 s and be retried before its answer, took " + retriedAfter);
    }

    @Test
    void unauthorizedFailsAtOnceNamingTheVariableNotTheToken() {
        server.script("AUTH", Step.UNAUTHORIZED);
        ChunkFetchException e = assertThrows(ChunkFetchException.class,
                () -> fetcher(config()).fetch(chunk("HDFCBANK", "AUTH")));
        assertEquals(1, e.attempts());
        assertEquals(1, server.arrivals("AUTH").size());
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("BREEZE_SESSION_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("HDFCBANK"), e.getMessage());
        assertNoSecret(e.getMessage()); // the server echoed the token; the client scrubbed it
    }

    @Test
    void exhaustedRetriesNameSymbolDatesAttemptsAndLastError() {
        server.script("DOWN", Step.ERROR_503, Step.ERROR_503, Step.ERROR_503, Step.ERROR_503, Step.ERROR_503);
        ChunkFetchException e = assertThrows(ChunkFetchException.class,
                () -> fetcher(config("ingest.max_retries=2")).fetch(chunk("INFY", "DOWN")));
        assertEquals(3, e.attempts());
        assertEquals(3, server.arrivals("DOWN").size());
        for (String part : List.of("INFY", "2022-01-01", "2022-03-31", "3 attempts", "503")) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("?"), "no URL or query string in the message: " + e.getMessage());
    }

    @Test
    void connectionFailuresAreRetriedThenReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        PipelineConfig config = config("ingest.http.base_url=http://127.0.0.1:" + closedPort + "/charts",
                "ingest.max_retries=1");
        ChunkFetchException e = assertThrows(ChunkFetchException.class, () -> fetcher(config).fetch(chunk("TCS", "TCS")));
        assertEquals(2, e.attempts());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        assertTrue(e.getMessage().contains("TCS"), e.getMessage());
    }

    @Test
    void requestsRespectTheSharedRateLimit() throws Exception {
        // 600 per minute and 50 ms between starts: the gap governs for this many requests.
        HttpChunkFetcher fetcher = fetcher(config("ingest.rate_limit_requests_per_minute=600",
                "ingest.rate_limit_delay_seconds=0.05"));
        List<String> warmup = List.of("WARM0", "WARM1", "WARM2", "WARM3");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            codes.add("RL" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // The warm-up opens connections and starts threads on both sides, so that the measured requests see
            // only steady-state latency.
            fetchAll(fetcher, pool, warmup);
            fetchAll(fetcher, pool, codes);
        } finally {
            pool.shutdownNow();
        }
        List<Long> starts = server.arrivals().stream().filter(a -> codes.contains(a.stockCode()))
                .map(Arrival::nanos).sorted().toList();
        assertEquals(codes.size(), starts.size());
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            gaps.add((starts.get(i) - starts.get(i - 1)) / 1e6);
        }
        // The limiter spaces request starts 50 ms apart at the client. The server's arrival stamps add scheduling
        // noise (tens of ms on a busy 2-core machine: one late arrival shortens its gap and lengthens the next),
        // so single gaps are not asserted. Instead: no run of requests, of any length, arrived faster than the
        // limit allows by more than one interval (without a limiter all 12 arrive within a few ms), and the
        // typical (median) gap is the configured one.
        for (int i = 0; i < starts.size(); i++) {
            for (int j = i + 1; j < starts.size(); j++) {
                double span = (starts.get(j) - starts.get(i)) / 1e6;
                assertTrue(span >= (j - i - 1) * 50.0, "requests " + i + ".." + j + " arrived within " + span
                        + " ms; gaps (ms) " + gaps);
            }
        }
        double median = gaps.stream().sorted().toList().get(gaps.size() / 2);
        assertTrue(median >= 45, "median gap " + median + " ms; gaps (ms) " + gaps);
    }

    static void fetchAll(HttpChunkFetcher fetcher, ExecutorService pool, List<String> codes) throws Exception {
        List<Future<FetchedChunk>> futures = new ArrayList<>();
        for (String code : codes) {
            futures.add(pool.submit(() -> fetcher.fetch(new ChunkRequest(code, code, "1day", START, START.plusDays(9)))));
        }
        for (Future<FetchedChunk> f : futures) {
            assertEquals(6, f.get(30, TimeUnit.SECONDS).bars().size()); // weekdays 3..7 and 10 January
        }
    }

    @Test
    void secretsNeverAppearInMessagesLogsOrToString(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        server.script("LEAK500", Step.ERROR_500);
        server.script("LEAKAUTH", Step.UNAUTHORIZED);
        server.script("LEAKDOWN", Step.ERROR_503, Step.ERROR_503, Step.TRUNCATED, Step.ERROR_503);
        List<Object> created = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        String captured;
        try (CapturedOutput output = new CapturedOutput()) {
            PipelineConfig config = config();
            HttpChunkFetcher fetcher = fetcher(config);
            created.add(fetcher);
            created.add(CREDENTIALS);
            created.add(fetcher.fetch(chunk("SBIN", "LEAK500")));
            for (String code : List.of("LEAKAUTH", "LEAKDOWN")) {
                thrown.add(assertThrows(ChunkFetchException.class, () -> fetcher.fetch(chunk("ITC", code))));
            }
            // A secrets file with two of the three values: the error must not quote the two it did find.
            Path file = Files.writeString(dir.resolve("breeze.properties"),
                    "api_key=" + API_KEY + "\nsession_token=" + SESSION_TOKEN + "\n");
            PipelineConfig withFile = config("ingest.http.secrets_file=" + file);
            thrown.add(assertThrows(ConfigException.class,
                    () -> new ProviderSecretsLoader(withFile.ingest().http(), Map.of()).load()));
            ProviderSecrets fromEnv = new ProviderSecretsLoader(config.ingest().http(), Map.of(
                    "BREEZE_API_KEY", API_KEY, "BREEZE_API_SECRET", API_SECRET,
                    "BREEZE_SESSION_TOKEN", SESSION_TOKEN)).load();
            assertEquals(CREDENTIALS, fromEnv);
            created.add(fromEnv);
            captured = output.text();
        }
        assertTrue(captured.contains("retrying in"), "the capture saw the retry warnings:\n" + captured);
        for (Object o : created) {
            assertNoSecret(o.toString());
        }
        for (Throwable t : thrown) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            assertNoSecret(trace.toString());
        }
        assertNoSecret(captured);
        for (Arrival a : server.arrivals()) {
            assertNoSecret(a.rawQuery());
        }
    }

    @Test
    void datesAreWholeIstDaysInUtc() {
        assertEquals("2021-12-31T18:30:00.000Z", HistoricalChartsRequests.fromDate(START));
        assertEquals("2022-03-31T18:29:59.000Z", HistoricalChartsRequests.toDate(END));
    }

    @Test
    void answersOfTheWrongShapeAreSortedWithoutRetrying() {
        ChunkRequest c = chunk("RELIANCE", "RELIND");
        String row = "{\"datetime\":\"%s\",\"open\":%s,\"high\":2,\"low\":0.5,\"close\":1.5,\"volume\":%s,"
                + "\"stock_code\":\"%s\"}";
        java.util.function.Function<String, HistoricalChartsParser.Parsed> parse = rows ->
                HistoricalChartsParser.parse("{\"Status\":200,\"Error\":null,\"Success\":[" + rows + "]}", 200, c);

        HistoricalChartsParser.Bars ok = (HistoricalChartsParser.Bars) parse.apply(
                String.format(row, "2022-01-03 09:15:00", "\"1.25\"", "\"1200.0\"", "RELIND") + ","
                        + String.format(row, "2022-04-01 09:15:00", "1", "5", "RELIND"));
        assertEquals(List.of(new Bar("RELIANCE", "1day", java.time.Instant.parse("2022-01-03T03:45:00Z"),
                1.25, 2, 0.5, 1.5, 1200)), ok.bars());
        assertEquals(1, ok.warnings().size(), "the bar after the chunk's end is dropped, with a warning");

        assertTrue(parse.apply(String.format(row, "2022-01-03 09:15:00", "1", "5", "TCS"))
                instanceof HistoricalChartsParser.Unexpected, "another symbol's bars");
        assertTrue(parse.apply(String.format(row, "03/01/2022", "1", "5", "RELIND"))
                instanceof HistoricalChartsParser.Unexpected, "unreadable datetime");
        assertTrue(parse.apply(String.format(row, "2022-01-03 09:15:00", "\"n/a\"", "5", "RELIND"))
                instanceof HistoricalChartsParser.Unexpected, "unreadable price");
        assertTrue(HistoricalChartsParser.parse("", 204, c) instanceof HistoricalChartsParser.NoData);
        assertTrue(HistoricalChartsParser.parse("{\"Status\":200,\"Success\":[]} trailing", 200, c)
                instanceof HistoricalChartsParser.Malformed);
        assertEquals(new HistoricalChartsParser.ProviderError(500, "Historical Data Fail"), HistoricalChartsParser.parse(
                "{\"Success\":null,\"Status\":500,\"Error\":\"Historical Data Fail\"}", 200, c));
    }

    @Test
    void misconfigurationIsReportedBeforeAnyRequest() {
        ConfigException noUrl = assertThrows(ConfigException.class,
                () -> fetcher(config("ingest.http.base_url=")));
        assertTrue(noUrl.getMessage().contains("ingest.http.base_url"), noUrl.getMessage());
        ChunkFetchException noInterval = assertThrows(ChunkFetchException.class,
                () -> fetcher(config()).fetch(new ChunkRequest("TCS", "TCS", "15minute", START, END)));
        assertEquals(0, noInterval.attempts());
        assertTrue(noInterval.getMessage().contains("ingest.http.interval_names"), noInterval.getMessage());
        assertEquals(0, server.arrivals("TCS").size());
        // The HTTP client's own complaint about such a header would quote it.
        ConfigException badToken = assertThrows(ConfigException.class, () -> new HttpChunkFetcher(config().ingest(),
                new ProviderSecrets(API_KEY, API_SECRET, "SECRET-TOKEN 789\n"), new RateLimiter(0, 0), 1));
        assertTrue(badToken.getMessage().contains("session token"), badToken.getMessage());
        assertNoSecret(badToken.getMessage());
        assertFalse(badToken.getMessage().contains("789"), badToken.getMessage());
    }

    static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), () -> "a secret leaked into:\n" + text);
        }
    }
}
