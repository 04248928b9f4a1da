package io.sensequant.features;

import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Content fingerprints of feature columns: per feature, the XOR over rows of a 64-bit hash of (symbol,
 * interval, ts, value), and the count of non-null values. XOR is order-independent, so the fingerprint depends
 * only on the values written, not on partitioning; any changed value changes it (with overwhelming odds).
 */
final class FeatureFingerprints {
    private FeatureFingerprints() {
    }

    /**
     * {@code feature_fingerprint_input}: the XOR over the bars read of a 64-bit hash of every bar column, so
     * the fingerprint names the exact input whatever Delta version or file layout it came from.
     */
    static String input(Dataset<Row> bars) {
        Column[] columns = java.util.stream.Stream.of(OhlcvSchema.SYMBOL, OhlcvSchema.INTERVAL, OhlcvSchema.TS,
                OhlcvSchema.OPEN, OhlcvSchema.HIGH, OhlcvSchema.LOW, OhlcvSchema.CLOSE, OhlcvSchema.VOLUME)
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Row r = bars.agg(bit_xor(xxhash64(columns)), count(org.apache.spark.sql.functions.lit(1))).first();
        return String.format(Locale.ROOT, "%016x:%d", r.isNullAt(0) ? 0L : r.getLong(0), r.getLong(1));
    }

    /** {@code feature_fingerprint_output}: SHA-256 of the per-feature fingerprints' canonical JSON. */
    static String output(Map<String, Object> perFeature) {
        return io.sensequant.identity.Hashing.sha256Hex(io.sensequant.identity.CanonicalJson.write(perFeature));
    }

    static Map<String, Object> of(Dataset<Row> rows, List<String> features) {
        List<Column> aggregates = new ArrayList<>();
        for (String feature : features) {
            aggregates.add(bit_xor(xxhash64(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.INTERVAL), col(OhlcvSchema.TS),
                    col(feature))));
            aggregates.add(count(col(feature)));
        }
        Row r = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        Map<String, Object> fingerprints = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            long hash = r.isNullAt(2 * i) ? 0L : r.getLong(2 * i);
            fingerprints.put(features.get(i), Map.of("xxh64_xor", String.format(Locale.ROOT, "%016x", hash),
                    "non_null", r.getLong(2 * i + 1)));
        }
        return fingerprints;
    }
}
