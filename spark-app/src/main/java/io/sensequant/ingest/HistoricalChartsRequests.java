package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Hashing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the one GET per chunk of a Breeze-style historical-charts API. Everything that identifies the data goes
 * in the query string; everything secret goes in headers (the URL ends up in proxy and server logs, headers
 * do not), and the API secret itself is never sent: it only keys the checksum
 * {@code sha256_hex(timestamp + body + secret)}, with an empty body for a GET.
 */
final class HistoricalChartsRequests {
    /** The provider's convention: dates mean Indian exchange days, bar times are IST wall-clock times. */
    static final ZoneId PROVIDER_ZONE = ZoneId.of("Asia/Kolkata");
    /** Breeze's timestamp format: UTC, millisecond field, trailing Z (2022-01-01T00:00:00.000Z). */
    static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String EMPTY_BODY = "";

    private final URI baseUrl;
    private final PipelineConfig.Http http;
    private final ProviderSecrets secrets;
    private final Duration timeout;

    HistoricalChartsRequests(URI baseUrl, PipelineConfig.Http http, ProviderSecrets secrets, Duration timeout) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.secrets = secrets;
        this.timeout = timeout;
    }

    HttpRequest build(ChunkRequest chunk, String providerInterval, Instant now) {
        String timestamp = UTC_MILLIS.format(now.truncatedTo(ChronoUnit.SECONDS));
        return HttpRequest.newBuilder(uri(chunk, providerInterval))
                .GET()
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-AppKey", secrets.apiKey())
                .header("X-SessionToken", secrets.sessionToken())
                .header("X-Timestamp", timestamp)
                .header("X-Checksum", checksum(timestamp, EMPTY_BODY, secrets.apiSecret()))
                .build();
    }

    URI uri(ChunkRequest chunk, String providerInterval) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("stock_code", chunk.providerCode());
        query.put("exch_code", http.exchangeCode());
        query.put("product_type", http.productType());
        query.put("interval", providerInterval);
        query.put("from_date", fromDate(chunk.start()));
        query.put("to_date", toDate(chunk.end()));
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = baseUrl.toString();
        // base_url may already carry fixed parameters of its own.
        return URI.create(base + (baseUrl.getRawQuery() == null ? "?" : "&") + encoded);
    }

    /** Midnight at the start of the exchange day, in UTC. */
    static String fromDate(LocalDate start) {
        return UTC_MILLIS.format(start.atStartOfDay(PROVIDER_ZONE).toInstant());
    }

    /** The last second of the exchange day, in UTC (the API's to_date is inclusive, at second resolution). */
    static String toDate(LocalDate end) {
        return UTC_MILLIS.format(end.plusDays(1).atStartOfDay(PROVIDER_ZONE).toInstant().minusSeconds(1));
    }

    static String checksum(String timestamp, String body, String secret) {
        return Hashing.sha256Hex(timestamp + body + secret);
    }
}
