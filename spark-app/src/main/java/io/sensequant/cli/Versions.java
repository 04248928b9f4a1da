package io.sensequant.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of libraries on the classpath, from the pom.properties Maven puts in every jar. */
public final class Versions {
    private Versions() {
    }

    /** Jars without pom.properties (Delta's) still name their version in the manifest of a known class's package. */
    private static String fromManifest(String groupId, String artifactId) {
        String anchor = groupId.equals("io.delta") ? "io.delta.tables.DeltaTable" : null;
        try {
            String version = anchor == null ? null : Class.forName(anchor).getPackage().getImplementationVersion();
            return version == null ? "not on the classpath" : version;
        } catch (ClassNotFoundException e) {
            return "not on the classpath";
        }
    }

    public static String of(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return fromManifest(groupId, artifactId);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
