package io.sensequant.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the {@code conf/} tree is read from: a directory on disk (the checkout, or a directory named by
 * {@code SENSEQUANT_CONF_DIR}), or the copy packaged in the application jar when run through spark-submit.
 */
public final class ConfDir {
    public static final String ENV_VAR = "SENSEQUANT_CONF_DIR";
    public static final String SYSTEM_PROPERTY = "sensequant.conf.dir";
    private static final String CLASSPATH_PREFIX = "sensequant-conf/";

    private final Path directory;

    private ConfDir(Path directory) {
        this.directory = directory;
    }

    public static ConfDir of(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException("config directory " + directory + " does not exist; point "
                    + ENV_VAR + " at the project's conf/ directory");
        }
        return new ConfDir(directory);
    }

    public static ConfDir classpath() {
        return new ConfDir(null);
    }

    /** The system property, then the environment variable, then ./conf, then the packaged copy. */
    public static ConfDir locate() {
        String fromProperty = System.getProperty(SYSTEM_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return of(Path.of(fromProperty));
        }
        String fromEnv = System.getenv(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return of(Path.of(fromEnv));
        }
        Path local = Path.of("conf");
        if (Files.isRegularFile(local.resolve("pipeline.yaml"))) {
            return new ConfDir(local);
        }
        return classpath();
    }

    /** A human-readable name for a file, used in every error message about it. */
    public String describe(String relativePath) {
        return directory == null ? "classpath:" + CLASSPATH_PREFIX + relativePath
                : directory.resolve(relativePath).toString();
    }

    public boolean exists(String relativePath) {
        if (directory == null) {
            return ConfDir.class.getClassLoader().getResource(CLASSPATH_PREFIX + relativePath) != null;
        }
        return Files.isRegularFile(directory.resolve(relativePath));
    }

    public Optional<String> read(String relativePath) {
        try {
            if (directory == null) {
                try (InputStream in = ConfDir.class.getClassLoader().getResourceAsStream(CLASSPATH_PREFIX + relativePath)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Path file = directory.resolve(relativePath);
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + describe(relativePath) + ": " + e.getMessage(), e);
        }
    }

    public String require(String relativePath) {
        return read(relativePath).orElseThrow(() -> new ConfigException(
                "config file " + describe(relativePath) + " is missing"));
    }
}
