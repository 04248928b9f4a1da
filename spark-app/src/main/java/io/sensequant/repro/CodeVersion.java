package io.sensequant.repro;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application's version (from the build), recorded in every snapshot as the code identity. */
public final class CodeVersion {
    private CodeVersion() {
    }

    public static String current() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/sensequant-build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
