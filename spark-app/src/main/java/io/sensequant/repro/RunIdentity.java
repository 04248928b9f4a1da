package io.sensequant.repro;

import io.sensequant.identity.StageIdentity;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * The run's data identity, from the bars it actually read: the universe signature (the sorted symbols that have
 * bars, so one universe never yields two batch ids), the batch id {@code batch_<12 hex>}, and the
 * {@code dataset_signature} over the source, the Delta version read, the interval, each symbol's row count, the
 * date range and a content hash per symbol (XOR of 64-bit hashes of its bars), so a lake rebuilt with other bars
 * never passes for the same dataset.
 */
public record RunIdentity(List<String> symbols, String universeSignature, String batchId, String datasetSignature,
                          Map<String, Object> dataset) {

    public static final String BATCH_PREFIX = "batch_";

    /** {@code bars}: the run's slice of ohlcv (its symbols, interval and dates) at {@code version}. */
    public static RunIdentity of(Dataset<Row> bars, String table, long version, String interval, Map<String, Object> source) {
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> content = new TreeMap<>();
        List<String> firstLast = new ArrayList<>();
        String first = null;
        String last = null;
        Column bar = xxhash64(col(OhlcvSchema.INTERVAL), col(OhlcvSchema.TS), col(OhlcvSchema.OPEN), col(OhlcvSchema.HIGH),
                col(OhlcvSchema.LOW), col(OhlcvSchema.CLOSE), col(OhlcvSchema.VOLUME));
        for (Row r : bars.groupBy(OhlcvSchema.SYMBOL).agg(count("*"), min(OhlcvSchema.TS).cast("string"),
                max(OhlcvSchema.TS).cast("string"), bit_xor(bar)).collectAsList()) {
            rows.put(r.getString(0), r.getLong(1));
            content.put(r.getString(0), r.getLong(4));
            first = first == null || r.getString(2).compareTo(first) < 0 ? r.getString(2) : first;
            last = last == null || r.getString(3).compareTo(last) > 0 ? r.getString(3) : last;
        }
        firstLast.add(first == null ? "" : first);
        firstLast.add(last == null ? "" : last);
        List<String> symbols = List.copyOf(rows.keySet());
        String universe = StageIdentity.signature(symbols);
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("source", new TreeMap<>(source));
        dataset.put("table", table);
        dataset.put("delta_version", version);
        dataset.put("interval", interval);
        dataset.put("symbols", symbols);
        dataset.put("rows_per_symbol", rows);
        dataset.put("date_range", firstLast);
        dataset.put("content_xor64", content);
        return new RunIdentity(symbols, universe, batchId(universe), StageIdentity.signature(dataset), dataset);
    }

    /** The identity of no bars at all (nothing ingested yet). */
    public static RunIdentity empty(String table, String interval, Map<String, Object> source) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("source", new TreeMap<>(source));
        dataset.put("table", table);
        dataset.put("delta_version", -1L);
        dataset.put("interval", interval);
        dataset.put("symbols", List.of());
        dataset.put("rows_per_symbol", Map.of());
        dataset.put("date_range", List.of("", ""));
        dataset.put("content_xor64", Map.of());
        String universe = StageIdentity.signature(List.of());
        return new RunIdentity(List.of(), universe, batchId(universe), StageIdentity.signature(dataset), dataset);
    }

    public static String batchId(String universeSignature) {
        return BATCH_PREFIX + universeSignature.substring(0, 12);
    }
}
