package io.sensequant.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the user asked for, in merge order: overlay files, a profile, a model variant, environment
 * variables, command-line shorthands (e.g. --lake, each a key=value with the option that set it), then --set.
 */
public record ConfigRequest(List<Path> overlays, String profile, String variant, Map<String, String> environment,
                            List<Shorthand> shorthands, List<String> sets) {

    public record Shorthand(String option, String key, String value) {
    }

    public static ConfigRequest defaults() {
        return new ConfigRequest(List.of(), null, null, Map.of(), List.of(), List.of());
    }
}
