package io.sensequant.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a stage treats an incomplete identity (conf/identity.yaml {@code mode}): {@link #STRICT} fails the stage,
 * naming the missing signatures; {@link #RELAXED} logs a WARNING and records the partial identity with the
 * missing names; {@link #LEGACY} records it without a warning, for lakes that still hold schema-1 snapshots
 * (which carry no identity at all; every reader accepts those in any mode).
 */
public enum IdentityMode {
    STRICT, RELAXED, LEGACY;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IdentityMode parse(String value, String key) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(value)).findFirst()
                .orElseThrow(() -> new io.sensequant.config.ConfigException(key + " '" + value
                        + "' is not an identity mode; use strict, relaxed or legacy"));
    }
}
