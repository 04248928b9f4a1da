package io.sensequant.ingest;

import io.sensequant.market.TradingCalendar;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

/**
 * Coverage of {@code ohlcv} against the trading calendar, per symbol: sessions expected and present, the
 * missing sessions as contiguous gap ranges, duplicate keys and quarantined bars.
 */
public final class CoverageAudit {
    public record Gap(LocalDate from, LocalDate to, int sessions) {
    }

    public record SymbolCoverage(String symbol, int expectedSessions, int presentSessions, double coveragePct,
                                 List<Gap> gaps, long duplicateKeys, long quarantined) {
    }

    private CoverageAudit() {
    }

    public static List<SymbolCoverage> audit(Lake lake, TradingCalendar calendar, List<String> symbols, String interval,
                                             LocalDate start, LocalDate end) {
        List<LocalDate> sessions = calendar.tradingDays(start, end);
        Map<String, Set<LocalDate>> present = new HashMap<>();
        Map<String, Long> duplicates = new HashMap<>();
        Map<String, Long> quarantined = new HashMap<>();
        org.apache.spark.sql.Column inRange = OhlcvSchema.onDates(start, end, calendar.zone());
        if (lake.exists(LakeTable.OHLCV)) {
            var bars = lake.read(LakeTable.OHLCV).where(col(OhlcvSchema.SYMBOL).isin(symbols.toArray())
                    .and(col(OhlcvSchema.INTERVAL).equalTo(interval)).and(inRange));
            bars.select(col(OhlcvSchema.SYMBOL), to_date(col(OhlcvSchema.TS)).as("day")).distinct().collectAsList()
                    .forEach(r -> present.computeIfAbsent(r.getString(0), s -> new HashSet<>()).add(r.getDate(1).toLocalDate()));
            bars.groupBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS).agg(count(lit(1)).as("n")).where(col("n").gt(1))
                    .groupBy(OhlcvSchema.SYMBOL).count().collectAsList()
                    .forEach(r -> duplicates.put(r.getString(0), r.getLong(1)));
        }
        if (lake.exists(LakeTable.OHLCV_QUARANTINE)) {
            lake.read(LakeTable.OHLCV_QUARANTINE).where(col(OhlcvSchema.SYMBOL).isin(symbols.toArray())
                            .and(col(OhlcvSchema.INTERVAL).equalTo(interval)).and(inRange)
                            // market events stay in ohlcv: they are recorded there for inspection, not withheld
                            .and(col(Guardrails.REASON).notEqual(Guardrails.MARKET_EVENT)))
                    .select(OhlcvSchema.SYMBOL, OhlcvSchema.TS).distinct().groupBy(OhlcvSchema.SYMBOL).count().collectAsList()
                    .forEach((Row r) -> quarantined.put(r.getString(0), r.getLong(1)));
        }
        List<SymbolCoverage> report = new ArrayList<>();
        for (String symbol : symbols) {
            Set<LocalDate> days = present.getOrDefault(symbol, Set.of());
            List<Gap> gaps = new ArrayList<>();
            LocalDate gapStart = null;
            LocalDate previous = null;
            int gapSessions = 0;
            int found = 0;
            for (LocalDate session : sessions) {
                if (days.contains(session)) {
                    found++;
                    if (gapStart != null) {
                        gaps.add(new Gap(gapStart, previous, gapSessions));
                        gapStart = null;
                        gapSessions = 0;
                    }
                } else {
                    gapStart = gapStart == null ? session : gapStart;
                    gapSessions++;
                }
                previous = session;
            }
            if (gapStart != null) {
                gaps.add(new Gap(gapStart, previous, gapSessions));
            }
            double pct = sessions.isEmpty() ? 100.0 : 100.0 * found / sessions.size();
            report.add(new SymbolCoverage(symbol, sessions.size(), found, pct, gaps, duplicates.getOrDefault(symbol, 0L),
                    quarantined.getOrDefault(symbol, 0L)));
        }
        return report;
    }
}
