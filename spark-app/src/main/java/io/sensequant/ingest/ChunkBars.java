package io.sensequant.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Raw bars tagged with the chunk they came from, so counts and failures can be attributed per chunk. */
public final class ChunkBars {
    public static final String CHUNK_START = "chunk_start";
    public static final StructType SCHEMA = OhlcvSchema.BARS.add(CHUNK_START, DataTypes.DateType, false);

    private ChunkBars() {
    }

    static Row withChunk(Row bar, LocalDate chunkStart) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < bar.length(); i++) {
            values.add(bar.get(i));
        }
        values.add(Date.valueOf(chunkStart));
        return RowFactory.create(values.toArray());
    }

    static Row of(Bar bar, LocalDate chunkStart) {
        return RowFactory.create(bar.symbol(), bar.interval(), Timestamp.from(bar.ts()), bar.open(), bar.high(), bar.low(),
                bar.close(), bar.volume(), Date.valueOf(chunkStart));
    }
}
