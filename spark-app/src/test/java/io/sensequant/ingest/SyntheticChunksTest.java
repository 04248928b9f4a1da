package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.sensequant.ingest.SyntheticBarsTest.CONFIG;
import static io.sensequant.ingest.SyntheticBarsTest.NSE;
import static io.sensequant.ingest.SyntheticBarsTest.SECTORS;
import static io.sensequant.ingest.SyntheticBarsTest.SEED;
import static io.sensequant.ingest.SyntheticBarsTest.STRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticChunksTest {
    final SyntheticChunks chunks = new SyntheticChunks(SharedSpark.get(), CONFIG.ingest().synthetic(), SEED, NSE, SECTORS, STRESS);

    static final Comparator<Row> ORDER = Comparator.<Row, String>comparing(r -> r.getString(0))
            .thenComparing(r -> r.getTimestamp(2));

    @Test
    void intradayChunksInSparkTasksMatchTheDriverAndNameTheirChunk() {
        LocalDate start = LocalDate.of(2024, 3, 4);
        LocalDate end = LocalDate.of(2024, 3, 15);
        List<ChunkRequest> requests = new ArrayList<>();
        for (String symbol : List.of("TCS", "SBIN")) {
            requests.addAll(new ChunkPlanner(7).plan(symbol, symbol, "5minute", start, end));
        }
        List<Row> rows = new ArrayList<>(chunks.generate(requests).collectAsList());
        rows.sort(ORDER);
        assertEquals(2 * 75 * NSE.tradingDays(start, end).size(), rows.size());

        SyntheticBars driver = new SyntheticBars(CONFIG.ingest().synthetic(), SEED, NSE, SECTORS, STRESS);
        List<Row> expected = new ArrayList<>();
        for (ChunkRequest chunk : requests) {
            for (Row bar : driver.generate(chunk.symbol(), chunk.interval(), chunk.start(), chunk.end())) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < bar.length(); i++) {
                    values.add(bar.get(i));
                }
                values.add(Date.valueOf(chunk.start()));
                expected.add(RowFactory.create(values.toArray()));
            }
        }
        expected.sort(ORDER);
        assertEquals(expected, rows);
    }

    @Test
    void dailyChunksWithoutSectorsStillWork() {
        SyntheticChunks plain = new SyntheticChunks(SharedSpark.get(), CONFIG.ingest().synthetic(), SEED, NSE);
        List<ChunkRequest> requests = new ChunkPlanner(90).plan("INFY", "INFY", "1day", LocalDate.of(2023, 1, 1),
                LocalDate.of(2023, 12, 31));
        List<Row> rows = plain.generate(requests).collectAsList();
        assertEquals(NSE.tradingDays(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)).size(), rows.size());
        assertTrue(rows.stream().allMatch(r -> r.getDouble(5) <= r.getDouble(4) && r.getLong(7) > 0));
        // The sector factor changes INFY's path, so the two constructors give different (each deterministic) bars.
        List<Row> withSectors = chunks.generate(requests).collectAsList();
        assertNotEquals(rows.stream().map(r -> r.getDouble(6)).sorted().toList(),
                withSectors.stream().map(r -> r.getDouble(6)).sorted().toList());
    }

    @Test
    void emptyAndUnsupportedRequests() {
        assertEquals(0, chunks.generate(List.of()).count());
        assertEquals(ChunkBars.SCHEMA, chunks.generate(List.of()).schema());
        List<ChunkRequest> weekly = List.of(new ChunkRequest("TCS", "TCS", "1week", LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 31)));
        assertThrows(ConfigException.class, () -> chunks.generate(weekly));
        List<ChunkRequest> early = List.of(new ChunkRequest("TCS", "TCS", "1day", LocalDate.of(1999, 1, 1),
                LocalDate.of(1999, 1, 31)));
        assertThrows(ConfigException.class, () -> chunks.generate(early));
    }
}
