package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * SYMBOL_SPECIFIC teachers for the whole universe in one Spark job: rows are grouped by symbol and each
 * group's windows are trained inside one task, so symbols train in parallel across the cluster's cores.
 */
public final class TeacherTraining {
    private TeacherTraining() {
    }

    /** One row per planned window ({@link TeacherRows#SCHEMA}); model files are written as a side effect. */
    public static Dataset<Row> train(Dataset<Row> features, TeacherSpec spec, Configuration hadoopConf, int partitions) {
        Column[] needed = Stream.concat(Stream.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS, FeatureColumns.DATE, FeatureColumns.LABEL),
                spec.featureColumns().stream()).map(c -> col(c)).toArray(Column[]::new);
        Broadcast<SerializableConfiguration> conf = features.sparkSession().sparkContext()
                .broadcast(new SerializableConfiguration(hadoopConf), scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
        MapFunction<Row, String> bySymbol = row -> row.getString(0);
        FlatMapGroupsFunction<String, Row, Row> trainSymbol = (symbol, rows) -> {
            List<Row> all = new ArrayList<>();
            rows.forEachRemaining(all::add);
            return new TeacherWindowTrainer(spec, conf.value().value()).train(symbol, all).iterator();
        };
        Dataset<Row> input = features.select(needed);
        if (partitions > 0) {
            input = input.repartition(partitions, col(OhlcvSchema.SYMBOL));
        }
        return input.groupByKey(bySymbol, Encoders.STRING()).flatMapGroups(trainSymbol, Encoders.row(TeacherRows.SCHEMA));
    }
}
