package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Hashing;
import io.sensequant.market.TradingCalendar;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Daily sentiment snapshots into the {@code sentiment} table (key symbol, date; partitioned by symbol), when
 * {@code sentiment.enabled}. The source is {@code synthetic} (a deterministic AR(1) score per symbol, generated
 * in Spark tasks, see {@link SyntheticSentiment}) or {@code csv} (one file, checked whole before anything is
 * written, see {@link SentimentCsv}). Rows are limited to the run's symbols and date range and MERGEd on the
 * key with the INGEST snapshot, so a re-run changes nothing. Coverage is the share of the range's trading days
 * that have a score, per symbol and over the run.
 */
public final class SentimentIngestion {
    public static final List<String> KEY = List.of("symbol", "date");
    public static final List<String> PARTITION_COLUMNS = List.of("symbol");
    public static final StructType SCHEMA = new StructType()
            .add("symbol", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("articles", DataTypes.IntegerType, true)
            .add("source", DataTypes.StringType, false);

    private SentimentIngestion() {
    }

    /** What a source produced for the run, before it is written. */
    private record Prepared(Dataset<Row> rows, Map<String, Long> rowsPerSymbol, Map<String, Long> tradingDaysScored,
                            Map<String, Object> details, Runnable release) {
    }

    /**
     * Ingests the run's sentiment snapshots and returns the summary for the briefing: enabled, source, rows,
     * coverage_pct, coverage_by_symbol, version (the committed sentiment version; -1 if the table does not
     * exist). When {@code sentiment.enabled} is false it does nothing and returns {@code {enabled: false}}.
     */
    public static Map<String, Object> run(RunContext context) {
        PipelineConfig.Sentiment settings = context.config().sentiment();
        if (!settings.enabled()) {
            return Map.of("enabled", false);
        }
        PipelineConfig.Run run = context.config().run();
        List<LocalDate> tradingDays = context.calendar().tradingDays(run.startDate(), run.endDate());
        Prepared prepared = switch (settings.source()) {
            case SyntheticSentiment.SOURCE -> synthetic(context, settings);
            case SentimentCsv.SOURCE -> csv(context, settings);
            default -> throw new ConfigException("sentiment.source '" + settings.source() + "' is not one of synthetic, csv");
        };
        long rows = prepared.rowsPerSymbol().values().stream().mapToLong(Long::longValue).sum();
        long version;
        try {
            if (rows > 0) {
                version = context.commits().merge(prepared.rows(), LakeTable.SENTIMENT, KEY, PARTITION_COLUMNS,
                        context.snapshot(Stage.INGEST, LakeTable.SENTIMENT).nEffective(rows)
                                .rowCounts(prepared.rowsPerSymbol()).details(prepared.details()).build());
            } else {
                version = context.lake().latestVersion(LakeTable.SENTIMENT).orElse(-1L);
            }
        } finally {
            prepared.release().run();
        }

        Map<String, Double> bySymbol = new TreeMap<>();
        long scored = 0;
        for (String symbol : context.symbols()) {
            long days = prepared.tradingDaysScored().getOrDefault(symbol, 0L);
            scored += days;
            bySymbol.put(symbol, percent(days, tradingDays.size()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("enabled", true);
        summary.put("source", settings.source());
        summary.put("rows", rows);
        summary.put("trading_days", tradingDays.size());
        summary.put("coverage_pct", percent(scored, (long) tradingDays.size() * context.symbols().size()));
        summary.put("coverage_by_symbol", bySymbol);
        summary.put("version", version);
        prepared.details().forEach((key, value) -> {
            if (key.startsWith("rows_")) {
                summary.put(key, value);
            }
        });
        return summary;
    }

    private static Prepared synthetic(RunContext context, PipelineConfig.Sentiment settings) {
        PipelineConfig.Run run = context.config().run();
        LocalDate origin = context.config().ingest().synthetic().originDate();
        if (run.startDate().isBefore(origin)) {
            throw new ConfigException("run.start_date " + run.startDate() + " is before ingest.synthetic.origin_date "
                    + origin + ", where synthetic sentiment starts; move the origin earlier to generate older snapshots");
        }
        SparkSession spark = context.spark();
        SyntheticSentiment generator = new SyntheticSentiment(settings, run.baseSeed(),
                context.calendar().tradingDays(origin, run.endDate()));
        LocalDate start = run.startDate();
        LocalDate end = run.endDate();
        FlatMapFunction<String, Row> generate = symbol -> generator.generate(symbol, start, end).iterator();
        int partitions = Math.max(1, Math.min(context.symbols().size(), spark.sparkContext().defaultParallelism()));
        Dataset<Row> rows = spark.createDataset(context.symbols(), Encoders.STRING())
                .repartition(partitions)
                .flatMap(generate, Encoders.row(SCHEMA))
                .cache();
        Map<String, Long> perSymbol = new TreeMap<>();
        rows.groupBy("symbol").count().collectAsList().forEach(r -> perSymbol.put(r.getString(0), r.getLong(1)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", SyntheticSentiment.SOURCE);
        details.put("start_date", start.toString());
        details.put("end_date", end.toString());
        details.put("origin_date", origin.toString());
        details.put("synthetic_coverage", settings.syntheticCoverage());
        details.put("synthetic_persistence", settings.syntheticPersistence());
        details.put("synthetic_noise", settings.syntheticNoise());
        // every synthetic snapshot falls on a trading day, so rows and scored trading days coincide
        return new Prepared(rows, perSymbol, perSymbol, details, rows::unpersist);
    }

    private static Prepared csv(RunContext context, PipelineConfig.Sentiment settings) {
        PipelineConfig.Run run = context.config().run();
        Path file = SentimentCsv.locate(settings.csvPath());
        SentimentCsv.Parsed parsed = SentimentCsv.read(file, new HashSet<>(context.symbols()), run.startDate(), run.endDate());
        TradingCalendar calendar = context.calendar();
        Map<String, Long> perSymbol = new TreeMap<>();
        Map<String, Long> scored = new TreeMap<>();
        Set<String> symbols = new HashSet<>();
        long offDays = 0;
        for (Row row : parsed.rows()) {
            String symbol = row.getString(0);
            symbols.add(symbol);
            perSymbol.merge(symbol, 1L, Long::sum);
            if (calendar.isTradingDay(row.getDate(1).toLocalDate())) {
                scored.merge(symbol, 1L, Long::sum);
            } else {
                offDays++;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", SentimentCsv.SOURCE);
        details.put("start_date", run.startDate().toString());
        details.put("end_date", run.endDate().toString());
        details.put("file", file.toString());
        details.put("file_sha256", sha256(file));
        details.put("rows_in_file", parsed.dataRows());
        details.put("rows_outside_run", parsed.outsideRun());
        details.put("rows_on_non_trading_days", offDays);
        details.put("symbols_with_rows", symbols.size());
        Dataset<Row> rows = context.spark().createDataFrame(parsed.rows(), SCHEMA);
        return new Prepared(rows, perSymbol, scored, details, () -> { });
    }

    /** 100 * part / whole, to two decimals; 0 for an empty whole. */
    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(part * 10000.0 / whole) / 100.0;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Hashing.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
    }
}
