package io.sensequant.repro;

import io.sensequant.identity.Hashing;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * A SHA-256 over a table's rows that does not depend on row order or partitioning: every row is hashed as the
 * JSON of its columns (sorted by name, minus the excluded ones), row hashes are sorted and hashed within
 * {@value #BUCKETS} buckets on the executors, and the driver hashes the bucket digests in bucket order. Equal
 * multisets of rows give equal hashes; any changed value, added or dropped row changes it.
 */
public final class RowsSha256 {
    static final int BUCKETS = 256;

    private RowsSha256() {
    }

    public static String of(Dataset<Row> rows, Collection<String> excludedColumns) {
        Column[] columns = Arrays.stream(rows.columns()).filter(c -> !excludedColumns.contains(c)).sorted()
                .map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Dataset<Row> hashed = rows.select(sha2(to_json(struct(columns)), 256).as("h"));
        List<Row> buckets = hashed.withColumn("b", pmod(xxhash64(col("h")), lit(BUCKETS)))
                .groupBy("b").agg(sha2(concat_ws("", sort_array(collect_list(col("h")))), 256).as("d"),
                        org.apache.spark.sql.functions.count("*").as("n"))
                .orderBy("b").collectAsList();
        MessageDigest digest = Hashing.sha256();
        for (Row bucket : buckets) {
            digest.update((bucket.get(0) + ":" + bucket.getString(1) + ":" + bucket.getLong(2) + ";")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
