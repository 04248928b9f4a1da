package io.sensequant.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;

/** A source of bars, returned in {@link OhlcvSchema#BARS} for the requested symbols, interval and dates. */
public interface OhlcvProvider {
    String name();

    Dataset<Row> fetch(List<String> symbols, String interval, LocalDate start, LocalDate end);
}
