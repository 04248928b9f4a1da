package io.sensequant.pipeline;

/** A phase failed; the run stops there and reports which phase and why. */
public class PhaseFailedException extends RuntimeException {
    private final String phase;

    public PhaseFailedException(String phase, Throwable cause) {
        super("phase '" + phase + "' failed: " + describe(cause), cause);
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }
}
