package io.sensequant.ingest;

import io.delta.tables.DeltaTable;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sentiment snapshots against real Delta tables in a temp lake: off by default, synthetic snapshots that are
 * deterministic and range-independent with the configured coverage, idempotent re-runs, and csv files ingested
 * or, when a value is bad, rejected with the file, row and column named and nothing written.
 */
class SentimentIngestionTest {
    static final List<String> SYMBOLS = List.of("INFY", "M&M", "RELIANCE", "TCS");
    static final MarketData MARKET = new MarketData(ConfDir.locate());

    @TempDir
    Path dir;

    static EffectiveConfig config(String... sets) {
        List<String> assignments = new ArrayList<>(List.of("sentiment.enabled=true", "run.start_date=2023-01-01",
                "run.end_date=2023-06-30", "spark.master=local[2]"));
        assignments.addAll(List.of(sets));
        return new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments));
    }

    RunContext context(String lake, EffectiveConfig config) {
        Universe universe = MARKET.universe(config.typed().run().universe());
        TradingCalendar calendar = MARKET.calendar(config.typed().run().calendar());
        return new RunContext("run_test", config, "test", universe, calendar, SYMBOLS,
                new Lake(SharedSpark.get(), dir.resolve(lake).toString()));
    }

    /** symbol|date -> score|articles|source, for every row. */
    static Map<String, String> contents(Lake lake) {
        Map<String, String> rows = new TreeMap<>();
        for (Row row : lake.read(LakeTable.SENTIMENT).collectAsList()) {
            rows.put(row.getAs("symbol") + "|" + row.getAs("date"),
                    row.getAs("score") + "|" + row.getAs("articles") + "|" + row.getAs("source"));
        }
        return rows;
    }

    @Test
    void disabledByDefaultWritesNothing() {
        RunContext context = context("lake", config("sentiment.enabled=false"));
        assertEquals(Map.of("enabled", false), SentimentIngestion.run(context));
        assertFalse(context.lake().exists(LakeTable.SENTIMENT));
        assertFalse(new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(List.of(), null, null, Map.of(), List.of(),
                List.of())).typed().sentiment().enabled(), "sentiment must be off in conf/pipeline.yaml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void syntheticSnapshotsAreDeterministicRangeIndependentAndIdempotent() {
        EffectiveConfig config = config();
        RunContext context = context("lake", config);
        Map<String, Object> summary = SentimentIngestion.run(context);
        Lake lake = context.lake();

        TradingCalendar calendar = context.calendar();
        List<LocalDate> days = calendar.tradingDays(LocalDate.parse("2023-01-01"), LocalDate.parse("2023-06-30"));
        List<Row> rows = lake.read(LakeTable.SENTIMENT).collectAsList();
        assertEquals((long) rows.size(), summary.get("rows"));
        Set<String> symbols = new HashSet<>();
        for (Row row : rows) {
            LocalDate date = row.getDate(row.fieldIndex("date")).toLocalDate();
            assertTrue(days.contains(date), "not a trading day of the range: " + date);
            double score = row.getDouble(row.fieldIndex("score"));
            assertTrue(score >= -1 && score <= 1, "score out of [-1, 1]: " + score);
            assertEquals("synthetic", row.getString(row.fieldIndex("source")));
            assertNull(row.get(row.fieldIndex("articles")));
            symbols.add(row.getString(row.fieldIndex("symbol")));
        }
        assertEquals(Set.copyOf(SYMBOLS), symbols);
        assertTrue(rows.stream().map(r -> r.getDouble(r.fieldIndex("score"))).distinct().count() > rows.size() / 2,
                "scores should vary from day to day");

        double expected = config.typed().sentiment().syntheticCoverage() * 100;
        double coverage = (double) summary.get("coverage_pct");
        assertTrue(Math.abs(coverage - expected) <= 10, "coverage " + coverage + "% vs configured " + expected + "%");
        assertEquals(100.0 * rows.size() / (days.size() * SYMBOLS.size()), coverage, 0.01);
        Map<String, Double> bySymbol = (Map<String, Double>) summary.get("coverage_by_symbol");
        assertEquals(Set.copyOf(SYMBOLS), bySymbol.keySet());
        assertEquals(true, summary.get("enabled"));
        assertEquals("synthetic", summary.get("source"));
        long version = (long) summary.get("version");
        assertEquals(lake.latestVersion(LakeTable.SENTIMENT).orElseThrow(), version);
        String metadata = DeltaTable.forPath(lake.spark(), lake.path(LakeTable.SENTIMENT)).history(1)
                .select("userMetadata").first().getString(0);
        assertTrue(metadata.contains("INGEST") && metadata.contains("\"sentiment\""), metadata);

        // Re-running changes nothing: a new MERGE version with the same rows and values.
        Map<String, String> before = contents(lake);
        Map<String, Object> again = SentimentIngestion.run(context);
        assertEquals(version + 1, (long) again.get("version"));
        assertEquals(before, contents(lake));
        assertEquals(summary.get("coverage_by_symbol"), again.get("coverage_by_symbol"));

        // Another range in a fresh lake: overlapping days carry exactly the same snapshots (and absences).
        RunContext shifted = context("shifted", config("run.start_date=2023-04-01", "run.end_date=2023-09-30"));
        SentimentIngestion.run(shifted);
        Map<String, String> other = contents(shifted.lake());
        LocalDate overlapStart = LocalDate.parse("2023-04-01");
        Map<String, String> inOverlapBefore = new TreeMap<>();
        before.forEach((key, value) -> {
            if (!LocalDate.parse(key.substring(key.indexOf('|') + 1)).isBefore(overlapStart)) {
                inOverlapBefore.put(key, value);
            }
        });
        Map<String, String> inOverlapOther = new TreeMap<>();
        other.forEach((key, value) -> {
            if (!LocalDate.parse(key.substring(key.indexOf('|') + 1)).isAfter(LocalDate.parse("2023-06-30"))) {
                inOverlapOther.put(key, value);
            }
        });
        assertFalse(inOverlapBefore.isEmpty());
        assertEquals(inOverlapBefore, inOverlapOther);
    }

    @Test
    @SuppressWarnings("unchecked")
    void csvRowsOfTheRunAreIngested() throws Exception {
        Path file = dir.resolve("sentiment.csv");
        Files.writeString(file, String.join("\n",
                "Date,SYMBOL,Score,Articles,note",
                "2023-01-02,RELIANCE,0.25,12,first",
                "2023-01-03,RELIANCE,-0.5,,no count",
                "2023-01-02,TCS,1,3,",
                "2023-01-07,TCS,0.1,1,a Saturday",
                "2023-01-02,WIPRO,0.3,4,not in the run",
                "2022-12-30,TCS,0.2,5,before the range",
                ""));
        RunContext context = context("lake", config("sentiment.source=csv", "sentiment.csv_path=" + file));
        Map<String, Object> summary = SentimentIngestion.run(context);

        Map<String, String> expected = new TreeMap<>(Map.of(
                "RELIANCE|2023-01-02", "0.25|12|csv",
                "RELIANCE|2023-01-03", "-0.5|null|csv",
                "TCS|2023-01-02", "1.0|3|csv",
                "TCS|2023-01-07", "0.1|1|csv"));
        assertEquals(expected, contents(context.lake()));
        assertEquals(4L, summary.get("rows"));
        assertEquals("csv", summary.get("source"));
        assertEquals(2L, summary.get("rows_outside_run"));
        assertEquals(1L, summary.get("rows_on_non_trading_days"));
        int tradingDays = (int) summary.get("trading_days");
        Map<String, Double> bySymbol = (Map<String, Double>) summary.get("coverage_by_symbol");
        assertEquals(Math.round(2 * 10000.0 / tradingDays) / 100.0, bySymbol.get("RELIANCE"));
        assertEquals(Math.round(10000.0 / tradingDays) / 100.0, bySymbol.get("TCS"));
        assertEquals(0.0, bySymbol.get("INFY"));
        assertEquals(Math.round(3 * 10000.0 / (tradingDays * SYMBOLS.size())) / 100.0, summary.get("coverage_pct"));
    }

    @Test
    void badCsvScoreFailsNamingFileRowAndColumnAndWritesNothing() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "symbol,date,score\nRELIANCE,2023-01-02,0.5\nTCS,2023-01-02,2.5\n");
        RunContext context = context("lake", config("sentiment.source=csv", "sentiment.csv_path=" + file));
        SentimentDataException e = assertThrows(SentimentDataException.class, () -> SentimentIngestion.run(context));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'score'"), e.getMessage());
        assertFalse(context.lake().exists(LakeTable.SENTIMENT));

        Files.writeString(file, "symbol,date,score\nRELIANCE,2023-01-02,0.5\nreliance,2023-01-03,0.1\n");
        e = assertThrows(SentimentDataException.class, () -> SentimentIngestion.run(context));
        assertTrue(e.getMessage().contains("row 3, column 'symbol'"), e.getMessage());
        Files.writeString(file, "symbol,date,score\nRELIANCE,02/01/2023,0.5\n");
        e = assertThrows(SentimentDataException.class, () -> SentimentIngestion.run(context));
        assertTrue(e.getMessage().contains("row 2, column 'date'"), e.getMessage());
        assertFalse(context.lake().exists(LakeTable.SENTIMENT));
    }

    @Test
    void csvSourceNeedsAPath() {
        io.sensequant.config.ConfigException e = assertThrows(io.sensequant.config.ConfigException.class,
                () -> config("sentiment.source=csv"));
        assertTrue(e.getMessage().contains("sentiment.csv_path"), e.getMessage());
        e = assertThrows(io.sensequant.config.ConfigException.class, () -> config("sentiment.synthetic_coverage=1.5"));
        assertTrue(e.getMessage().contains("sentiment.synthetic_coverage"), e.getMessage());
        e = assertThrows(io.sensequant.config.ConfigException.class, () -> config("sentiment.source=news"));
        assertTrue(e.getMessage().contains("sentiment.source"), e.getMessage());
    }
}
