package io.sensequant.training;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * SYMBOL_SPECIFIC teachers for the whole universe, one row per planned window ({@link TeacherRows#SCHEMA});
 * model files are written as a side effect. The mode ({@code training.teacher.mode}) decides only how
 * boosters are fitted; windows, splits, skips and outcome rows come from {@link TeacherWindows} in every mode.
 */
public final class TeacherTraining {
    private TeacherTraining() {
    }

    /** How the teachers of one run are trained. */
    public record Settings(String mode, int taskPartitions, int distributedWorkers) implements java.io.Serializable {
        public static Settings of(PipelineConfig.Teacher teacher) {
            return new Settings(teacher.mode(), teacher.taskPartitions(), teacher.distributedWorkers());
        }
    }

    public static Dataset<Row> train(Dataset<Row> features, TeacherSpec spec, Configuration hadoopConf, Settings settings) {
        return switch (settings.mode()) {
            case PipelineConfig.Teacher.PARALLEL_WINDOWS -> parallelWindows(features, spec, hadoopConf, settings.taskPartitions());
            case PipelineConfig.Teacher.DISTRIBUTED -> DistributedTeachers.train(features, spec, hadoopConf, settings.distributedWorkers());
            case PipelineConfig.BenchTeachers.SEQUENTIAL -> sequential(features, spec, hadoopConf);
            default -> throw new ConfigException("training.teacher.mode '" + settings.mode() + "' is not one of "
                    + String.join(", ", PipelineConfig.Teacher.MODES));
        };
    }

    static Column[] neededColumns(TeacherSpec spec) {
        return Stream.concat(Stream.of(OhlcvSchema.SYMBOL, OhlcvSchema.TS, FeatureColumns.DATE, FeatureColumns.LABEL),
                spec.featureColumns().stream()).map(c -> col(c)).toArray(Column[]::new);
    }

    /** {@code parallel-windows}: rows grouped by symbol; each group's windows train inside one task with native XGBoost. */
    public static Dataset<Row> parallelWindows(Dataset<Row> features, TeacherSpec spec, Configuration hadoopConf, int partitions) {
        Broadcast<SerializableConfiguration> conf = features.sparkSession().sparkContext()
                .broadcast(new SerializableConfiguration(hadoopConf), scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
        MapFunction<Row, String> bySymbol = row -> row.getString(0);
        FlatMapGroupsFunction<String, Row, Row> trainSymbol = (symbol, rows) -> {
            List<Row> all = new ArrayList<>();
            rows.forEachRemaining(all::add);
            return new TeacherWindowTrainer(spec, conf.value().value()).train(symbol, all).iterator();
        };
        Dataset<Row> input = features.select(neededColumns(spec));
        if (partitions > 0) {
            input = input.repartition(partitions, col(OhlcvSchema.SYMBOL));
        }
        return input.groupByKey(bySymbol, Encoders.STRING()).flatMapGroups(trainSymbol, Encoders.row(TeacherRows.SCHEMA));
    }

    /**
     * The benchmark's baseline: every row collected to the driver, then native XGBoost one window after another
     * (symbols in name order), with the same rules and outcome rows as the Spark modes.
     */
    public static Dataset<Row> sequential(Dataset<Row> features, TeacherSpec spec, Configuration hadoopConf) {
        Map<String, List<Row>> bySymbol = new LinkedHashMap<>();
        features.select(neededColumns(spec)).orderBy(OhlcvSchema.SYMBOL, OhlcvSchema.TS).collectAsList()
                .forEach(r -> bySymbol.computeIfAbsent(r.getString(0), s -> new ArrayList<>()).add(r));
        TeacherWindowTrainer trainer = new TeacherWindowTrainer(spec, hadoopConf);
        List<Row> outcomes = new ArrayList<>();
        bySymbol.forEach((symbol, rows) -> outcomes.addAll(trainer.train(symbol, rows)));
        return features.sparkSession().createDataFrame(outcomes, TeacherRows.SCHEMA);
    }
}
