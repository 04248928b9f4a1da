package io.sensequant.release;

/**
 * The release audit found failures (a modified or missing artifact, an invalid report): the run is not released.
 * The message is one line naming the first failure, the count and where deployment_readiness.json is.
 */
public final class ReleaseAuditException extends RuntimeException {
    public ReleaseAuditException(String message) {
        super(message);
    }
}
