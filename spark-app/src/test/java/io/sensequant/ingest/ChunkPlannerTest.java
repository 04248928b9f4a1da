package io.sensequant.ingest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChunkPlannerTest {
    @Test
    void hundredDaysAtThirtyAreFourContiguousChunks() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        LocalDate end = start.plusDays(99);
        List<ChunkRequest> chunks = new ChunkPlanner(30).plan("TCS", "TCS", "1day", start, end);
        assertEquals(4, chunks.size());
        assertEquals(start, chunks.get(0).start());
        assertEquals(end, chunks.get(3).end());
        assertEquals(10, chunks.get(3).end().toEpochDay() - chunks.get(3).start().toEpochDay() + 1, "last chunk is clipped");
        for (int i = 1; i < chunks.size(); i++) {
            assertEquals(chunks.get(i - 1).end().plusDays(1), chunks.get(i).start(), "contiguous, no overlap");
        }
    }

    @Test
    void singleDayAndExactMultiples() {
        LocalDate day = LocalDate.of(2024, 3, 1);
        assertEquals(1, new ChunkPlanner(90).plan("X", "X", "1day", day, day).size());
        assertEquals(2, new ChunkPlanner(30).plan("X", "X", "1day", day, day.plusDays(59)).size());
    }
}
