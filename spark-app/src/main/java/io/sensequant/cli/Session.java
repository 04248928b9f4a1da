package io.sensequant.cli;

import io.sensequant.config.EffectiveConfig;
import io.sensequant.spark.Lake;
import io.sensequant.spark.SparkSessionFactory;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/** Opens Spark and the lake for a command; local paths are made absolute so every message shows where things are. */
final class Session {
    private Session() {
    }

    static Lake openLake(EffectiveConfig config) {
        SparkSession spark = SparkSessionFactory.create(config.typed().spark());
        return new Lake(spark, absolute(config.typed().paths().lakeRoot()));
    }

    /** A path without a scheme is a local path: resolve it against the working directory. */
    static String absolute(String path) {
        if (path.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return path;
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
