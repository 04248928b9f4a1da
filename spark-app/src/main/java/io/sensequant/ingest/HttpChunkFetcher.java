package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches chunks from a REST market-data API in the style of ICICI Breeze's historical charts: one signed GET
 * per chunk (see {@link HistoricalChartsRequests}), the answer read by {@link HistoricalChartsParser}, transient
 * failures retried by {@link RetryPolicy}, and every request, retries included, admitted by the shared
 * {@link RateLimiter}, because providers count retries against the quota too.
 *
 * <p>Thread-safe: all state is immutable or itself thread-safe (HttpClient, RateLimiter). Messages and logs
 * name the symbol, chunk, attempts and status, never a header or a secret; text the server sends back is
 * scrubbed of the secrets before it is quoted, in case it echoes them.
 */
public final class HttpChunkFetcher implements ChunkFetcher {
    public static final String NAME = "http";

    private final PipelineConfig.Ingest settings;
    private final ProviderSecrets secrets;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final Clock clock;
    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient client;
    private final HistoricalChartsRequests requests;

    public HttpChunkFetcher(PipelineConfig.Ingest settings, ProviderSecrets secrets, RateLimiter limiter, long baseSeed) {
        this(settings, secrets, limiter, RetryPolicy.fromConfig(settings, baseSeed, Sleeper.SYSTEM), Clock.systemUTC());
    }

    HttpChunkFetcher(PipelineConfig.Ingest settings, ProviderSecrets secrets, RateLimiter limiter, RetryPolicy retry,
                     Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.limiter = limiter;
        this.retry = retry;
        this.clock = clock;
        this.baseUrl = baseUrl(settings.http());
        if (!(settings.requestTimeoutSeconds() > 0)) {
            throw new ConfigException("ingest.request_timeout_seconds must be positive, got "
                    + settings.requestTimeoutSeconds());
        }
        this.timeout = Duration.ofNanos(Math.round(settings.requestTimeoutSeconds() * TimeUnit.SECONDS.toNanos(1)));
        // HTTP/1.1: one request per chunk under a rate limit gains nothing from HTTP/2 multiplexing, and plain
        // http:// endpoints (proxies, test servers) then see no h2c upgrade attempt. Redirects are not followed:
        // they would resend the session token to wherever the redirect points.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        requireHeaderSafe("API key", secrets.apiKey());
        requireHeaderSafe("session token", secrets.sessionToken());
        this.requests = new HistoricalChartsRequests(baseUrl, settings.http(), secrets, timeout);
    }

    /**
     * Checked up front because the HTTP client's own error for a bad header value quotes the value, i.e. the
     * secret. Credentials are printable ASCII without spaces; anything else is a copy-paste accident.
     */
    private static void requireHeaderSafe(String what, String value) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new ConfigException("provider http: the " + what + " is empty or contains spaces, line breaks or "
                    + "non-ASCII characters; check how it was pasted into the environment variable or secrets file");
        }
    }

    private static URI baseUrl(PipelineConfig.Http http) {
        String url = http.baseUrl() == null ? "" : http.baseUrl().strip();
        if (url.isEmpty()) {
            throw new ConfigException("ingest.http.base_url is empty; set it to the provider's historical-charts "
                    + "endpoint, e.g. --set ingest.http.base_url=https://api.example.com/breezeapi/api/v2/historicalcharts");
        }
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "expected an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("ingest.http.base_url '" + url + "' is not a usable URL: " + e.getReason());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FetchedChunk fetch(ChunkRequest chunk) throws ChunkFetchException {
        String interval = settings.http().intervalNames().get(chunk.interval());
        if (interval == null) {
            throw new ChunkFetchException("http provider: " + what(chunk) + ": ingest.http.interval_names has no "
                    + "entry for interval '" + chunk.interval() + "'; add the provider's name for it", 0);
        }
        AtomicInteger attempts = new AtomicInteger();
        try {
            RetryPolicy.Result<FetchedChunk> result = retry.run(chunk.describe(), n -> {
                attempts.set(n);
                return attempt(chunk, interval, n);
            });
            if (result instanceof RetryPolicy.Result.Succeeded<FetchedChunk> ok) {
                return ok.value();
            }
            RetryPolicy.Result.Failed<FetchedChunk> failed = (RetryPolicy.Result.Failed<FetchedChunk>) result;
            String message = failed.retriesExhausted()
                    ? what(chunk) + " failed after " + failed.attempts() + " attempt" + (failed.attempts() == 1 ? "" : "s")
                    + " (ingest.max_retries=" + settings.maxRetries() + "); last error: " + failed.reason()
                    : what(chunk) + " failed on attempt " + failed.attempts() + ", not retried: " + failed.reason();
            throw new ChunkFetchException("http provider: " + secrets.redact(message), failed.attempts(), failed.cause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChunkFetchException("http provider: " + what(chunk) + " interrupted", attempts.get(), e);
        }
    }

    /** One request: wait for the limiter, send, and sort the answer into success, transient or fatal. */
    private RetryPolicy.Outcome<FetchedChunk> attempt(ChunkRequest chunk, String interval, int n)
            throws InterruptedException {
        limiter.acquire();
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(requests.build(chunk, interval, clock.instant()),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            // The request timeout bounds the wait for the headers; this bounds the body as well.
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return RetryPolicy.Outcome.retry(timedOut());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return RetryPolicy.Outcome.retry(timedOut(), cause);
            }
            if (cause instanceof IOException) {
                return RetryPolicy.Outcome.retry(describe(cause), cause);
            }
            return new RetryPolicy.Outcome.Fatal<>(describe(cause), cause);
        }
        return classify(chunk, n, response);
    }

    private RetryPolicy.Outcome<FetchedChunk> classify(ChunkRequest chunk, int n, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429) {
            return RetryPolicy.Outcome.retryAfter("HTTP 429 (too many requests)", RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        }
        if (status < 200 || status >= 300) {
            return byStatus(status, "HTTP " + status, response.body());
        }
        HistoricalChartsParser.Parsed parsed = HistoricalChartsParser.parse(response.body(), status, chunk);
        if (parsed instanceof HistoricalChartsParser.Bars bars) {
            List<String> warnings = bars.warnings().stream().map(secrets::redact).toList();
            return RetryPolicy.Outcome.success(new FetchedChunk(chunk, bars.bars(), n, warnings));
        }
        if (parsed instanceof HistoricalChartsParser.NoData) {
            return RetryPolicy.Outcome.success(new FetchedChunk(chunk, List.of(), n, List.of()));
        }
        if (parsed instanceof HistoricalChartsParser.Malformed malformed) {
            return RetryPolicy.Outcome.retry(malformed.reason());
        }
        if (parsed instanceof HistoricalChartsParser.ProviderError error) {
            if (error.status() == 429) {
                return RetryPolicy.Outcome.retryAfter("Status 429 in the body (too many requests)", Optional.empty());
            }
            return byStatus(error.status(), "Status " + error.status() + " in the body", error.error());
        }
        return RetryPolicy.Outcome.fatal("unexpected answer: " + ((HistoricalChartsParser.Unexpected) parsed).reason());
    }

    /** 5xx and 408 are the server's trouble and pass; other 4xx are ours and would fail again. */
    private RetryPolicy.Outcome<FetchedChunk> byStatus(int status, String what, String serverText) {
        String quoted = serverText == null || serverText.isBlank() ? ""
                : ": " + HistoricalChartsParser.quote(secrets.redact(serverText));
        if (status >= 500 || status == 408) {
            return RetryPolicy.Outcome.retry(what + quoted);
        }
        if (status == 401 || status == 403) {
            return RetryPolicy.Outcome.fatal("authentication failed (" + what + ")" + quoted + "; " + credentialsHint());
        }
        if (status >= 300 && status < 400) {
            return RetryPolicy.Outcome.fatal(what + " redirect, not followed; check ingest.http.base_url");
        }
        return RetryPolicy.Outcome.fatal(what + quoted);
    }

    /** Where the credentials came from, by name only, so the user knows which one to renew. */
    private String credentialsHint() {
        PipelineConfig.Http http = settings.http();
        if (http.secretsFile() != null && !http.secretsFile().isBlank()) {
            return "the session token (session_token in ingest.http.secrets_file " + http.secretsFile()
                    + ") may have expired: generate a new one and update the file; also check api_key and api_secret";
        }
        return "the session token in environment variable " + http.sessionTokenEnv()
                + " (ingest.http.session_token_env) may have expired: generate a new one and export it; also check "
                + http.apiKeyEnv() + " and " + http.apiSecretEnv();
    }

    private String timedOut() {
        return "timed out after " + settings.requestTimeoutSeconds() + " s (ingest.request_timeout_seconds)";
    }

    private String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + HistoricalChartsParser.quote(secrets.redact(message)));
    }

    private static String what(ChunkRequest chunk) {
        return chunk.symbol() + " (stock code " + chunk.providerCode() + ") " + chunk.interval() + " "
                + chunk.start() + ".." + chunk.end();
    }

    @Override
    public String toString() {
        // Host and path only: no user-info or query string, whatever base_url holds.
        return "HttpChunkFetcher[" + baseUrl.getScheme() + "://" + baseUrl.getHost()
                + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort()) + baseUrl.getPath()
                + ", exchange " + settings.http().exchangeCode() + "]";
    }
}
