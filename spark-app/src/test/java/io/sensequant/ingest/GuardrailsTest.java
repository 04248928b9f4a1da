package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guardrail corpus: every correctable and every suspect case, in quarantine and in keep mode. */
class GuardrailsTest {
    static Timestamp day(int i) {
        return Timestamp.from(LocalDate.of(2024, 1, 1).plusDays(i).atStartOfDay(ZoneId.of("Asia/Kolkata")).toInstant());
    }

    static Row bar(int day, double open, double high, double low, double close, long volume) {
        return RowFactory.create("TEST", "1day", day(day), open, high, low, close, volume);
    }

    /** 30 calm bars around 100, then one bar of each problem. */
    static List<Row> corpus() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double close = 100 + (i % 2 == 0 ? 0.5 : -0.5);
            rows.add(bar(i, 100, 101, 99, close, 1000));
        }
        rows.add(bar(30, 100, 101, 99, 100, -50));          // negative volume: clipped
        rows.add(bar(31, 100, 101, 99, 100.2, 1000));       // exact duplicate pair: one dropped
        rows.add(bar(31, 100, 101, 99, 100.2, 1000));
        rows.add(bar(32, 100, 99, 101, 100, 1000));         // high below low
        rows.add(bar(33, 100, 101, 99, 105, 1000));         // close outside [low, high]
        rows.add(bar(34, -1, 101, 99, 100, 1000));          // non-positive price (and open outside)
        rows.add(bar(35, 100, 101, 99, 100.1, 1000));       // conflicting versions of one timestamp
        rows.add(bar(35, 100, 101, 99, 100.3, 1000));
        rows.add(bar(36, 100, 300, 99, 250, 1000));         // jump far beyond recent volatility ...
        rows.add(bar(37, 100, 101, 99, 100, 1000));         // ... that reverts at once: an isolated spike
        return rows;
    }

    static PipelineConfig.Guardrails settings(String action) {
        return SharedSpark.testConfig("ingest.guardrails.suspect_action=" + action).ingest().guardrails();
    }

    @Test
    void quarantineModeCorrectsCountsAndQuarantinesWithReasons() {
        Guardrails.Result result = Guardrails.apply(SharedSpark.get().createDataFrame(corpus(), OhlcvSchema.BARS), settings("quarantine"));
        try {
            Map<String, Long> counts = result.counts();
            assertEquals(40L, counts.get("bars_received"));
            assertEquals(0L, counts.get("market_events_kept"));
            assertEquals(1L, counts.get("negative_volume_clipped"));
            assertEquals(1L, counts.get("exact_duplicates_dropped"));
            Map<String, String> reasons = result.quarantined().collectAsList().stream().collect(Collectors.toMap(
                    r -> r.getTimestamp(2).toInstant().atZone(ZoneId.of("Asia/Kolkata")).toLocalDate().toString() + "/" + r.getDouble(6),
                    r -> r.getString(8)));
            assertTrue(reasons.get("2024-02-02/100.0").contains("high below low"), reasons.toString());
            assertTrue(reasons.get("2024-02-03/105.0").contains("close outside [low, high]"), reasons.toString());
            assertTrue(reasons.get("2024-02-04/100.0").contains("non-positive price"), reasons.toString());
            assertTrue(reasons.get("2024-02-05/100.1").contains("conflicting bars"), reasons.toString());
            assertTrue(reasons.get("2024-02-05/100.3").contains("conflicting bars"), reasons.toString());
            assertTrue(reasons.get("2024-02-06/250.0").contains("jump beyond") && reasons.get("2024-02-06/250.0").contains("reverted"),
                    reasons.toString());
            assertEquals(6, reasons.size(), reasons.toString());

            List<Row> clean = result.clean().orderBy(OhlcvSchema.TS).collectAsList();
            assertEquals(33, clean.size(), "30 calm + clipped + one of the exact duplicates + the bar after the spike");
            assertEquals(0L, clean.get(30).getLong(7), "negative volume clipped to 0");
        } finally {
            result.release();
        }
    }

    @Test
    void keepModeKeepsSuspectBarsButCountsThem() {
        Guardrails.Result result = Guardrails.apply(SharedSpark.get().createDataFrame(corpus(), OhlcvSchema.BARS), settings("keep"));
        try {
            assertEquals(0, result.quarantined().count());
            assertEquals(39, result.clean().count(), "only the exact duplicate is dropped");
            assertEquals(6L, result.counts().get("suspect_bars_kept_with_warning"));
        } finally {
            result.release();
        }
    }

    /** A calm daily path of {@code symbol} (log returns of about 1%), with {@code moves} (day -> log move) added. */
    static List<Row> path(String symbol, int days, Map<Integer, Double> moves, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        double logClose = Math.log(100);
        for (int i = 0; i < days; i++) {
            logClose += 0.01 * random.nextGaussian() + moves.getOrDefault(i, 0.0);
            double close = Math.round(Math.exp(logClose) * 100) / 100.0;
            rows.add(RowFactory.create(symbol, "1day", day(i), close, close, close, close, 1000L));
        }
        return rows;
    }

    static Map<String, List<String>> byDay(List<Row> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.getString(0),
                Collectors.mapping(r -> r.getTimestamp(2).toInstant().atZone(ZoneId.of("Asia/Kolkata")).toLocalDate().toString(),
                        Collectors.toList())));
    }

    @Test
    void anIsolatedSpikeThatRevertsIsQuarantinedAndAJumpThatPersistsStays() {
        List<Row> rows = new ArrayList<>(path("SPIKE", 40, Map.of(25, 0.4, 26, -0.4), 1));  // +49% and straight back
        rows.addAll(path("STEP", 40, Map.of(25, -0.3), 2));                                   // -26% and it stays down
        Guardrails.Result result = Guardrails.apply(SharedSpark.get().createDataFrame(rows, OhlcvSchema.BARS), settings("quarantine"));
        try {
            String day25 = LocalDate.of(2024, 1, 26).toString();
            List<Row> quarantined = result.quarantined().collectAsList();
            assertEquals(Map.of("SPIKE", List.of(day25)), byDay(quarantined), quarantined.toString());
            assertTrue(quarantined.get(0).getString(8).contains("reverted"), quarantined.toString());
            assertEquals(Map.of("STEP", List.of(day25)), byDay(result.marketEvents().collectAsList()));
            assertEquals(Guardrails.MARKET_EVENT, result.marketEvents().first().getString(8));
            assertEquals(79, result.clean().count(), "every bar but the spike stays, the persistent jump included");
            assertEquals(1L, result.counts().get("market_events_kept"));
            assertEquals(1L, result.counts().get("market_events_persistent"));
            assertEquals(0L, result.counts().get("market_events_shared"));
        } finally {
            result.release();
        }
    }

    @Test
    void aJumpManySymbolsShareOnOneDayStaysEvenWhenItReverts() {
        // Five of six symbols crash 30% on day 25 and rebound at once (a V-shaped market day); CALM stays calm.
        // Alone, each would be an isolated spike; shared by 5 of the 6 symbols it is a market event.
        List<Row> rows = new ArrayList<>();
        List<String> crashed = List.of("A", "B", "C", "D", "E");
        for (int k = 0; k < crashed.size(); k++) {
            rows.addAll(path(crashed.get(k), 40, Map.of(25, -0.35, 26, 0.35), 10 + k));
        }
        rows.addAll(path("CALM", 40, Map.of(), 20));
        PipelineConfig.Guardrails settings = settings("quarantine");
        assertTrue(crashed.size() >= settings.sharedMinSymbols() && crashed.size() >= settings.sharedMinShare() * 6,
                "the corpus must clear the configured minimum count and share");
        Guardrails.Result result = Guardrails.apply(SharedSpark.get().createDataFrame(rows, OhlcvSchema.BARS), settings);
        try {
            assertEquals(0, result.quarantined().count(), result.quarantined().collectAsList().toString());
            assertEquals(240, result.clean().count());
            Map<String, List<String>> events = byDay(result.marketEvents().collectAsList());
            assertEquals(new java.util.TreeSet<>(crashed), new java.util.TreeSet<>(events.keySet()));
            assertTrue(events.values().stream().allMatch(days -> days.equals(List.of("2024-01-26"))), events.toString());
            assertEquals(5L, result.counts().get("market_events_shared"));
        } finally {
            result.release();
        }
        // The same V in one symbol only is an isolated spike.
        List<Row> alone = new ArrayList<>(path("A", 40, Map.of(25, -0.35, 26, 0.35), 10));
        alone.addAll(path("CALM", 40, Map.of(), 20));
        Guardrails.Result single = Guardrails.apply(SharedSpark.get().createDataFrame(alone, OhlcvSchema.BARS), settings);
        try {
            assertEquals(Map.of("A", List.of("2024-01-26")), byDay(single.quarantined().collectAsList()));
            assertEquals(0, single.marketEvents().count());
        } finally {
            single.release();
        }
    }
}
