package io.sensequant.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that plays a Breeze-style historical-charts API. Each stock code has a
 * script of steps (one per request: a failure to inject, or OK); once the script is used up it answers OK.
 * OK serves one bar per weekday in the requested range at 09:15 IST, with prices derived from the date, as
 * numbers on odd days and strings on even days. Every request is recorded, and every request that is not
 * signed and parameterised as the client contract says is listed in {@link #problems()}.
 */
final class FakeChartsServer implements AutoCloseable {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    enum Step { OK, ERROR_500, ERROR_503, RATE_LIMITED, SLOW, TRUNCATED, NO_DATA_EMPTY, NO_DATA_ERROR, UNAUTHORIZED }

    record Arrival(long nanos, String stockCode, String rawQuery, Step step) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final String apiKey;
    private final String apiSecret;
    private final String sessionToken;
    private final String intervalName;
    private final long slowMillis;

    FakeChartsServer(String apiKey, String apiSecret, String sessionToken, String intervalName, long slowMillis)
            throws IOException {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.sessionToken = sessionToken;
        this.intervalName = intervalName;
        this.slowMillis = slowMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/breezeapi/api/v2/historicalcharts", this::handle);
        server.setExecutor(executor); // a slow answer must not hold up the others
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/breezeapi/api/v2/historicalcharts";
    }

    void script(String stockCode, Step... steps) {
        scripts.put(stockCode, new ArrayDeque<>(List.of(steps)));
    }

    List<Arrival> arrivals(String stockCode) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> a.stockCode().equals(stockCode)).toList();
        }
    }

    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** The bars OK serves, computed the way a test states them (IST 09:15 = 03:45 UTC), not via the client. */
    static List<Bar> expectedBars(String symbol, String interval, LocalDate start, LocalDate end) {
        List<Bar> bars = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            if (isSession(d)) {
                double[] p = prices(d);
                bars.add(new Bar(symbol, interval, Instant.parse(d + "T03:45:00Z"), p[0], p[1], p[2], p[3], volume(d)));
            }
        }
        return bars;
    }

    private static boolean isSession(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static double[] prices(LocalDate d) {
        double base = 1000 + (d.toEpochDay() % 97) * 1.25;
        return new double[] {base, base + 7.5, base - 4.25, base + 2.75};
    }

    private static long volume(LocalDate d) {
        return 100_000 + (d.toEpochDay() % 13) * 1_001;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String code = query.getOrDefault("stock_code", "");
            Deque<Step> script = scripts.get(code);
            Step step;
            synchronized (this) {
                step = script == null || script.isEmpty() ? Step.OK : script.pollFirst();
            }
            synchronized (arrivals) {
                arrivals.add(new Arrival(now, code, exchange.getRequestURI().getRawQuery(), step));
            }
            check(exchange, query);
            switch (step) {
                case ERROR_500 -> send(exchange, 500, "{\"Status\":500,\"Error\":\"Internal Server Error\",\"Success\":null}");
                case ERROR_503 -> send(exchange, 503, "<html>Service Unavailable</html>");
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 429, "");
                }
                case SLOW -> {
                    sleep(slowMillis);
                    send(exchange, 200, okBody(query));
                }
                case TRUNCATED -> {
                    String body = okBody(query);
                    send(exchange, 200, body.substring(0, body.length() / 2));
                }
                case NO_DATA_EMPTY -> send(exchange, 200, "{\"Status\":200,\"Error\":null,\"Success\":[]}");
                case NO_DATA_ERROR -> send(exchange, 200, "{\"Status\":200,\"Error\":\"No Data Found\",\"Success\":null}");
                // Echoes the token, as a careless server might: the client must scrub it.
                case UNAUTHORIZED -> send(exchange, 401,
                        "{\"Status\":401,\"Error\":\"Session key " + sessionToken + " is expired\",\"Success\":null}");
                case OK -> send(exchange, 200, okBody(query));
            }
        } catch (IOException e) {
            // The client gave up (timeout) before the answer: expected for SLOW.
        }
    }

    private String okBody(Map<String, String> query) {
        LocalDate from = Instant.parse(query.get("from_date")).atZone(IST).toLocalDate();
        LocalDate to = Instant.parse(query.get("to_date")).atZone(IST).toLocalDate();
        StringBuilder rows = new StringBuilder();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!isSession(d)) {
                continue;
            }
            double[] p = prices(d);
            boolean asText = d.getDayOfMonth() % 2 == 0;
            rows.append(rows.length() == 0 ? "" : ",").append("{\"datetime\":\"").append(d).append(" 09:15:00\"");
            String[] names = {"open", "high", "low", "close"};
            for (int i = 0; i < names.length; i++) {
                rows.append(",\"").append(names[i]).append("\":").append(asText ? "\"" + p[i] + "\"" : String.valueOf(p[i]));
            }
            rows.append(",\"volume\":").append(asText ? "\"" + volume(d) + "\"" : String.valueOf(volume(d)))
                    .append(",\"stock_code\":\"").append(query.get("stock_code")).append("\",\"exchange_code\":\"NSE\"}");
        }
        return "{\"Status\":200,\"Error\":null,\"Success\":[" + rows + "]}";
    }

    /** Records every deviation from the request contract; a test asserts that there were none. */
    private void check(HttpExchange exchange, Map<String, String> query) {
        List<String> found = new ArrayList<>();
        var headers = exchange.getRequestHeaders();
        String timestamp = headers.getFirst("X-Timestamp");
        if (!apiKey.equals(headers.getFirst("X-AppKey"))) {
            found.add("X-AppKey wrong");
        }
        if (!sessionToken.equals(headers.getFirst("X-SessionToken"))) {
            found.add("X-SessionToken wrong");
        }
        if (timestamp == null || !timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
            found.add("X-Timestamp not ISO with millis: " + timestamp);
        } else if (!sha256Hex(timestamp + apiSecret).equals(headers.getFirst("X-Checksum"))) {
            found.add("X-Checksum is not sha256(timestamp + body + secret)");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            found.add("method " + exchange.getRequestMethod());
        }
        if (!"NSE".equals(query.get("exch_code")) || !"cash".equals(query.get("product_type"))
                || !intervalName.equals(query.get("interval"))) {
            found.add("query parameters " + query);
        }
        for (String key : List.of("from_date", "to_date")) {
            String v = query.get(key);
            if (v == null || !v.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z")) {
                found.add(key + " not like 2022-01-01T00:00:00.000Z: " + v);
            }
        }
        String raw = String.valueOf(exchange.getRequestURI().getRawQuery());
        for (String secret : List.of(apiKey, apiSecret, sessionToken)) {
            if (raw.contains(secret)) {
                found.add("a secret in the query string");
            }
        }
        if (!found.isEmpty()) {
            synchronized (problems) {
                problems.addAll(found);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
