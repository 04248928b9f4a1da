package io.sensequant.identity;

/** A stage's identity lacks a signature its stage requires, in strict identity mode; the stage writes nothing. */
public final class IdentityIncompleteException extends RuntimeException {
    public IdentityIncompleteException(String message) {
        super(message);
    }
}
