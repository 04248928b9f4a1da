package io.sensequant.training;

/**
 * A model file (or Spark ML model directory) is missing or no longer has the SHA-256 recorded when it was
 * trained. The message is one line naming the path, the expected and the actual digest and what to do; the CLI
 * prints it without a stack trace and exits 1.
 */
public class ModelIntegrityException extends RuntimeException {
    private final String path;

    public ModelIntegrityException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
