package io.sensequant.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Every seed in the system is derived from the run's one {@code base_seed} and a stable name (a symbol,
 * a window label, a model role), so that adding a symbol or a window never shifts anyone else's seed.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A 63-bit non-negative seed for java.util.Random / SplittableRandom. */
    public static long derive(long baseSeed, String name) {
        byte[] digest = Hashing.sha256().digest((baseSeed + "/" + name).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong() & Long.MAX_VALUE;
    }

    /** A 31-bit non-negative seed, for libraries (XGBoost) that take an int seed. */
    public static int deriveInt(long baseSeed, String name) {
        return (int) (derive(baseSeed, name) & Integer.MAX_VALUE);
    }
}
