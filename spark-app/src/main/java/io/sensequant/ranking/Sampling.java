package io.sensequant.ranking;

import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/** Seeded, partitioning-independent subsamples: a row is kept by a hash of (symbol, ts, seed). */
final class Sampling {
    private static final long BUCKETS = 1_000_000L;

    private Sampling() {
    }

    /** About {@code maxRows} of the {@code total} rows (all of them when maxRows is 0 or not smaller). */
    static Dataset<Row> rows(Dataset<Row> rows, int maxRows, long total, long seed) {
        if (maxRows <= 0 || total <= maxRows) {
            return rows;
        }
        long keep = (long) Math.ceil((double) maxRows / total * BUCKETS);
        return rows.where(pmod(xxhash64(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS), lit(seed)), lit(BUCKETS)).lt(lit(keep)));
    }

    /** At most {@code max} symbols (all when 0), a seeded choice that does not depend on the others present. */
    static List<String> symbols(List<String> symbols, int max, long baseSeed, String scope) {
        if (max <= 0 || symbols.size() <= max) {
            return symbols.stream().sorted().toList();
        }
        return symbols.stream().sorted(Comparator.comparingLong(s -> Seeds.derive(baseSeed, scope + "/" + s)))
                .limit(max).sorted().toList();
    }
}
