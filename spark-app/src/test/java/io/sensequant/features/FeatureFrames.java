package io.sensequant.features;

import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** Bars frames for feature tests, and collecting a small feature query without code generation. */
public final class FeatureFrames {
    public static final StructType BARS = new StructType()
            .add("symbol", DataTypes.StringType)
            .add("interval", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType)
            .add("open", DataTypes.DoubleType)
            .add("high", DataTypes.DoubleType)
            .add("low", DataTypes.DoubleType)
            .add("close", DataTypes.DoubleType)
            .add("volume", DataTypes.LongType);

    /**
     * On a few hundred rows, compiling generated code for a hundred-odd window columns costs far more than
     * evaluating them, so these queries run interpreted (Spark's test-only codegen factory mode); the setting is restored afterwards for other tests sharing the session.
     */
    public static final String CODEGEN_MODE = "spark.sql.codegen.factoryMode";

    private FeatureFrames() {
    }

    public static Dataset<Row> bars(List<Row> rows) {
        return SharedSpark.get().createDataFrame(rows, BARS);
    }

    public static List<Row> collectInterpreted(Dataset<Row> frame) {
        RuntimeConfig conf = SharedSpark.get().conf();
        String previous = conf.get(CODEGEN_MODE, "FALLBACK");
        try {
            conf.set(CODEGEN_MODE, "NO_CODEGEN");
            return frame.collectAsList();
        } finally {
            conf.set(CODEGEN_MODE, previous);
        }
    }
}
