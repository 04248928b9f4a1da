package io.sensequant.config;

/**
 * A user error in configuration or command-line input. Its message is shown to the user as one line
 * (no stack trace), so it must name the key, file or value at fault and say what is expected.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
