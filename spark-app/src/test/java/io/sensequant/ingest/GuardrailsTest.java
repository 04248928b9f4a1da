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
        rows.add(bar(36, 100, 300, 99, 250, 1000));         // jump far beyond recent volatility
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
            assertEquals(39L, counts.get("bars_received"));
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
            assertTrue(reasons.get("2024-02-06/250.0").contains("jump beyond"), reasons.toString());
            assertEquals(6, reasons.size(), reasons.toString());

            List<Row> clean = result.clean().orderBy(OhlcvSchema.TS).collectAsList();
            assertEquals(32, clean.size(), "30 calm + clipped + one of the exact duplicates");
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
            assertEquals(38, result.clean().count(), "only the exact duplicate is dropped");
            assertEquals(6L, result.counts().get("suspect_bars_kept_with_warning"));
        } finally {
            result.release();
        }
    }
}
