package io.sensequant.spark;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/**
 * One SparkSession per test JVM, built by the application's own factory from conf/ with two local cores and
 * few shuffle partitions. The CLI's getOrCreate() in end-to-end tests returns this same session.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessionFactory.create(testConfig().spark());
        }
        return session;
    }

    public static PipelineConfig testConfig(String... sets) {
        List<String> assignments = new java.util.ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=4"));
        assignments.addAll(List.of(sets));
        return new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments)).typed();
    }
}
