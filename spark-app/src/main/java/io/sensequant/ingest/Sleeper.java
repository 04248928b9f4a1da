package io.sensequant.ingest;

import java.time.Duration;

/**
 * Waiting between retries, behind an interface so that tests can record the waits instead of sleeping them
 * (a retry test that really slept its backoff would take minutes).
 */
@FunctionalInterface
public interface Sleeper {
    /** The real clock: blocks the calling thread. */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
