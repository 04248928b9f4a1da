package io.sensequant.ranking;

/** The leakage guard gave up: a score stayed above its threshold after the last attempt (or no feature explains it). */
public final class LeakageException extends IllegalStateException {
    public LeakageException(String message) {
        super(message);
    }
}
