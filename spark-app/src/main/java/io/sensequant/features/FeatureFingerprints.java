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
