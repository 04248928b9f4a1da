package io.sensequant.repro;

import io.sensequant.identity.Hashing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids: {@code run_<UTC start time>_<6 hex>}, sortable by start time; the suffix hashes the config
 * fingerprint and the start instant so that two runs started in the same second still differ.
 */
public final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String next(String configFingerprint, Instant startedAt) {
        String suffix = Hashing.sha256Hex(configFingerprint + "/" + startedAt.toString() + "/" + System.nanoTime()).substring(0, 6);
        return "run_" + STAMP.format(startedAt) + "_" + suffix;
    }
}
