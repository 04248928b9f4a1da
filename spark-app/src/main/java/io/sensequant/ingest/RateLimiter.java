package io.sensequant.ingest;

/**
 * One limiter shared by every fetching thread: at most {@code requestsPerMinute} requests in any sliding
 * minute (0 = unlimited) and at least {@code minDelaySeconds} between consecutive request starts.
 */
public final class RateLimiter {
    private final int requestsPerMinute;
    private final long minDelayNanos;
    private final java.util.ArrayDeque<Long> starts = new java.util.ArrayDeque<>();
    private long lastStart = Long.MIN_VALUE;

    public RateLimiter(int requestsPerMinute, double minDelaySeconds) {
        this.requestsPerMinute = requestsPerMinute;
        this.minDelayNanos = (long) (minDelaySeconds * 1e9);
    }

    /** Blocks until a request may start, then records its start. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long wait = 0;
            if (lastStart != Long.MIN_VALUE) {
                wait = Math.max(wait, lastStart + minDelayNanos - now);
            }
            while (!starts.isEmpty() && now - starts.peekFirst() >= 60_000_000_000L) {
                starts.pollFirst();
            }
            if (requestsPerMinute > 0 && starts.size() >= requestsPerMinute) {
                wait = Math.max(wait, starts.peekFirst() + 60_000_000_000L - now);
            }
            if (wait <= 0) {
                starts.addLast(now);
                lastStart = now;
                return;
            }
            wait(Math.max(1, wait / 1_000_000), (int) (wait % 1_000_000));
        }
    }
}
