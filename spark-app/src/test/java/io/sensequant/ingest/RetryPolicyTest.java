package io.sensequant.ingest;

import io.sensequant.ingest.RetryPolicy.Outcome;
import io.sensequant.ingest.RetryPolicy.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RetryPolicy with a recording sleeper: the waits are checked, never slept. */
class RetryPolicyTest {
    static final String KEY = "RELIANCE 1day 2022-01-01..2022-03-31";
    final List<Duration> slept = new ArrayList<>();
    final Sleeper recorder = slept::add;

    RetryPolicy policy(int maxRetries, double initial, double max, long seed) {
        return new RetryPolicy(maxRetries, initial, max, seed, recorder);
    }

    /** Fails transiently {@code failures} times, then succeeds with the attempt number. */
    static RetryPolicy.Attempt<Integer> failing(int failures) {
        return n -> n <= failures ? Outcome.retry("HTTP 503") : Outcome.success(n);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void firstTrySuccessDoesNotWait() throws InterruptedException {
        Result<Integer> result = policy(3, 1, 30, 7).run(KEY, failing(0));
        assertEquals(new Result.Succeeded<>(1, 1), result);
        assertTrue(slept.isEmpty());
    }

    @Test
    void backoffDoublesFromTheInitialWaitPlusJitterBelowOneInitial() throws InterruptedException {
        Result<Integer> result = policy(5, 1, 30, 7).run(KEY, failing(3));
        assertEquals(new Result.Succeeded<>(4, 4), result);
        assertEquals(3, slept.size());
        double[] base = {1, 2, 4};
        for (int i = 0; i < base.length; i++) {
            double s = seconds(slept.get(i));
            assertTrue(s >= base[i] && s < base[i] + 1, "retry " + (i + 1) + " waited " + s + " s");
        }
    }

    @Test
    void backoffIsCappedAtTheMaximumAndExhaustionReportsTheLastError() throws InterruptedException {
        int[] calls = {0};
        Result<Integer> result = policy(5, 1, 4, 7).run(KEY, n -> {
            calls[0]++;
            return Outcome.retry(n < 6 ? "HTTP 503" : "timed out");
        });
        Result.Failed<Integer> failed = assertInstanceOf(Result.Failed.class, result);
        assertEquals(6, failed.attempts());
        assertEquals(6, calls[0]);
        assertTrue(failed.retriesExhausted());
        assertEquals("timed out", failed.reason());
        double[] base = {1, 2, 4, 4, 4};
        assertEquals(base.length, slept.size());
        for (int i = 0; i < base.length; i++) {
            double s = seconds(slept.get(i));
            assertTrue(s >= base[i] && s < base[i] + 1, "retry " + (i + 1) + " waited " + s + " s");
        }
    }

    @Test
    void retryAfterLongerThanTheBackoffIsHonoured() throws InterruptedException {
        Result<Integer> result = policy(3, 0.01, 0.05, 7).run(KEY, n -> n == 1
                ? Outcome.retryAfter("HTTP 429", Optional.of(Duration.ofSeconds(2))) : Outcome.success(n));
        assertEquals(2, result.attempts());
        assertTrue(slept.get(0).compareTo(Duration.ofSeconds(2)) >= 0, "waited " + slept.get(0));
        assertTrue(slept.get(0).compareTo(Duration.ofMillis(2_010)) < 0, "waited " + slept.get(0));
    }

    @Test
    void retryAfterShorterThanTheBackoffDoesNotShortenIt() {
        Duration wait = policy(3, 1, 30, 7).delayBefore(KEY, 3, Optional.of(Duration.ofSeconds(1)));
        assertTrue(seconds(wait) >= 4, "waited " + wait);
    }

    @Test
    void fatalStopsAtOnceWithItsCause() throws InterruptedException {
        IOException cause = new IOException("x");
        Result<Integer> result = policy(5, 1, 30, 7).run(KEY, n -> new Outcome.Fatal<>("HTTP 401", cause));
        Result.Failed<Integer> failed = assertInstanceOf(Result.Failed.class, result);
        assertEquals(1, failed.attempts());
        assertFalse(failed.retriesExhausted());
        assertSame(cause, failed.cause());
        assertTrue(slept.isEmpty());
    }

    @Test
    void zeroRetriesMeansOneAttempt() throws InterruptedException {
        Result<Integer> result = policy(0, 1, 30, 7).run(KEY, failing(1));
        assertEquals(1, result.attempts());
        assertTrue(((Result.Failed<Integer>) result).retriesExhausted());
        assertTrue(slept.isEmpty());
    }

    @Test
    void jitterIsSeededByBaseSeedKeyAndRetry() {
        RetryPolicy a = policy(3, 1, 30, 7);
        Duration first = a.delayBefore(KEY, 1, Optional.empty());
        assertEquals(first, policy(3, 1, 30, 7).delayBefore(KEY, 1, Optional.empty()), "same seed, same wait");
        assertNotEquals(first, policy(3, 1, 30, 8).delayBefore(KEY, 1, Optional.empty()), "other base seed");
        assertNotEquals(first, a.delayBefore("TCS 1day 2022-01-01..2022-03-31", 1, Optional.empty()), "other chunk");
        // Threads that failed together spread out: the jitters of different chunks are not all alike.
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> a.delayBefore("S" + i, 1, Optional.empty())).distinct().count();
        assertTrue(distinct > 15, distinct + " distinct waits of 20");
    }

    @Test
    void interruptionPropagates() {
        RetryPolicy policy = new RetryPolicy(3, 1, 30, 7, d -> {
            throw new InterruptedException();
        });
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, () -> policy.run(KEY, failing(5)));
    }

    @Test
    void retryAfterHeaderReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2015-10-21T07:27:30Z");
        assertEquals(Optional.of(Duration.ofSeconds(1)), RetryAfter.parse("1", now));
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }

    @Test
    void theRealSleeperSleeps() throws InterruptedException {
        long start = System.nanoTime();
        Sleeper.SYSTEM.sleep(Duration.ofMillis(20));
        assertTrue(System.nanoTime() - start >= 20_000_000L);
        Sleeper.SYSTEM.sleep(Duration.ZERO);
    }
}
