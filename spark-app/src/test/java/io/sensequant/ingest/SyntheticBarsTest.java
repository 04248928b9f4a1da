package io.sensequant.ingest;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticBarsTest {
    final TradingCalendar nse = new MarketData(ConfDir.locate()).calendar("nse");
    final PipelineConfig config = SharedSpark.testConfig();

    SyntheticBars bars(long seed, LocalDate end) {
        PipelineConfig.Synthetic p = config.ingest().synthetic();
        return new SyntheticBars(p, seed, nse.tradingDays(p.originDate(), end), nse.zone());
    }

    @Test
    void aBarDoesNotDependOnTheRequestedRange() {
        LocalDate end = LocalDate.of(2022, 12, 31);
        List<Row> year = bars(7, end).generate("TCS", "1day", LocalDate.of(2022, 1, 1), end);
        List<Row> half = bars(7, LocalDate.of(2023, 6, 30)).generate("TCS", "1day", LocalDate.of(2022, 7, 1), end);
        List<Row> overlap = year.stream().filter(r -> !r.getTimestamp(2).toInstant().atZone(nse.zone()).toLocalDate()
                .isBefore(LocalDate.of(2022, 7, 1))).toList();
        assertEquals(overlap, half);
        assertEquals(nse.tradingDays(LocalDate.of(2022, 1, 1), end).size(), year.size());
    }

    @Test
    void barsAreConsistentAndSeedDependent() {
        LocalDate end = LocalDate.of(2021, 12, 31);
        List<Row> rows = bars(7, end).generate("INFY", "1day", LocalDate.of(2021, 1, 1), end);
        for (Row r : rows) {
            double open = r.getDouble(3), high = r.getDouble(4), low = r.getDouble(5), close = r.getDouble(6);
            assertTrue(low > 0 && low <= Math.min(open, close) && high >= Math.max(open, close), r.toString());
            assertTrue(r.getLong(7) > 0, r.toString());
        }
        assertNotEquals(rows, bars(8, end).generate("INFY", "1day", LocalDate.of(2021, 1, 1), end));
        assertNotEquals(rows.get(0).getDouble(6),
                bars(7, end).generate("TCS", "1day", LocalDate.of(2021, 1, 1), end).get(0).getDouble(6));
    }
}
