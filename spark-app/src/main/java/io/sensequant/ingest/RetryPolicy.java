package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * Retries a transient failure with exponential backoff: before retry n (1-based) it waits
 * {@code min(max, initial × 2^(n-1))}, or longer if the server asked for it (Retry-After), plus a jitter of up
 * to one initial backoff. The jitter keeps threads that failed together (one provider outage hits every chunk
 * in flight) from retrying in lockstep; it is drawn from a seed derived from base_seed, the caller's key and the
 * retry number, so a rerun waits the same and no state is shared between threads.
 *
 * <p>Knows nothing about HTTP: the caller classifies each try as success, transient or fatal.
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    private static final double NANOS_PER_SECOND = 1e9;

    private final int maxRetries;
    private final double initialSeconds;
    private final double maxSeconds;
    private final long baseSeed;
    private final Sleeper sleeper;

    public RetryPolicy(int maxRetries, double initialSeconds, double maxSeconds, long baseSeed, Sleeper sleeper) {
        if (maxRetries < 0 || initialSeconds < 0 || maxSeconds < 0) {
            throw new IllegalArgumentException("retry settings must not be negative: max_retries=" + maxRetries
                    + ", retry_backoff_initial_seconds=" + initialSeconds + ", retry_backoff_max_seconds=" + maxSeconds);
        }
        this.maxRetries = maxRetries;
        this.initialSeconds = initialSeconds;
        this.maxSeconds = maxSeconds;
        this.baseSeed = baseSeed;
        this.sleeper = sleeper;
    }

    /** ingest.max_retries, ingest.retry_backoff_initial_seconds and ingest.retry_backoff_max_seconds. */
    public static RetryPolicy fromConfig(PipelineConfig.Ingest ingest, long baseSeed, Sleeper sleeper) {
        return new RetryPolicy(ingest.maxRetries(), ingest.retryBackoffInitialSeconds(),
                ingest.retryBackoffMaxSeconds(), baseSeed, sleeper);
    }

    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** One try; {@code attempt} is 1-based. */
    @FunctionalInterface
    public interface Attempt<T> {
        Outcome<T> run(int attempt) throws InterruptedException;
    }

    /** How one try ended. Reasons are shown to users and logged, so they must never contain a secret. */
    public sealed interface Outcome<T> {
        record Success<T>(T value) implements Outcome<T> {
        }

        /** Worth another try (5xx, 429, timeout, broken connection, truncated body). */
        record Transient<T>(String reason, Optional<Duration> retryAfter, Throwable cause) implements Outcome<T> {
        }

        /** Another try would fail the same way (bad credentials, bad request). */
        record Fatal<T>(String reason, Throwable cause) implements Outcome<T> {
        }

        static <T> Outcome<T> success(T value) {
            return new Success<>(value);
        }

        static <T> Outcome<T> retry(String reason) {
            return new Transient<>(reason, Optional.empty(), null);
        }

        static <T> Outcome<T> retry(String reason, Throwable cause) {
            return new Transient<>(reason, Optional.empty(), cause);
        }

        static <T> Outcome<T> retryAfter(String reason, Optional<Duration> retryAfter) {
            return new Transient<>(reason, retryAfter, null);
        }

        static <T> Outcome<T> fatal(String reason) {
            return new Fatal<>(reason, null);
        }
    }

    /** The end of the whole series of tries. */
    public sealed interface Result<T> {
        int attempts();

        record Succeeded<T>(T value, int attempts) implements Result<T> {
        }

        /** {@code retriesExhausted}: the last failure was transient but no retry was left. */
        record Failed<T>(String reason, int attempts, boolean retriesExhausted, Throwable cause) implements Result<T> {
        }
    }

    /**
     * Runs {@code attempt} until it succeeds, fails fatally or the retries are used up. {@code key} names the
     * work in log lines and seeds the jitter; it must be stable (e.g. a chunk's description) and secret-free.
     */
    public <T> Result<T> run(String key, Attempt<T> attempt) throws InterruptedException {
        for (int n = 1; ; n++) {
            Outcome<T> outcome = attempt.run(n);
            if (outcome instanceof Outcome.Success<T> success) {
                return new Result.Succeeded<>(success.value(), n);
            }
            if (outcome instanceof Outcome.Fatal<T> fatal) {
                return new Result.Failed<>(fatal.reason(), n, false, fatal.cause());
            }
            Outcome.Transient<T> failure = (Outcome.Transient<T>) outcome;
            if (n > maxRetries) {
                return new Result.Failed<>(failure.reason(), n, true, failure.cause());
            }
            Duration wait = delayBefore(key, n, failure.retryAfter());
            LOG.warn("{}: attempt {} of {} failed ({}); retrying in {} s", key, n, maxAttempts(), failure.reason(),
                    String.format("%.2f", wait.toNanos() / NANOS_PER_SECOND));
            sleeper.sleep(wait);
        }
    }

    /** The wait before retry number {@code retry} (1-based): backoff or Retry-After, whichever is longer, plus jitter. */
    Duration delayBefore(String key, int retry, Optional<Duration> retryAfter) {
        double backoff = Math.min(maxSeconds, initialSeconds * Math.pow(2, retry - 1));
        double jitter = initialSeconds * new Random(Seeds.derive(baseSeed, "retry-jitter/" + key + "/" + retry)).nextDouble();
        Duration wait = Duration.ofNanos(Math.round((backoff + jitter) * NANOS_PER_SECOND));
        if (retryAfter.isPresent()) {
            // Never sooner than the server asked; the jitter still spreads the threads that were all told the same.
            Duration asked = retryAfter.get().plusNanos(Math.round(jitter * NANOS_PER_SECOND));
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return wait;
    }
}
