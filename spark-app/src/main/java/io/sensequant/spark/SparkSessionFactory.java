package io.sensequant.spark;

import io.sensequant.config.PipelineConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The one place a SparkSession is built: Delta's extensions and catalog, settings from the spark section of
 * the config. Under spark-submit (or in a notebook) the master and resources come from there, not from config.
 */
public final class SparkSessionFactory {
    private SparkSessionFactory() {
    }

    public static SparkSession create(PipelineConfig.Spark settings) {
        SparkConf loaded = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder()
                .appName(settings.appName())
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", settings.shufflePartitions())
                .config("spark.sql.session.timeZone", settings.sessionTimeZone())
                .config("spark.ui.enabled", settings.uiEnabled())
                .config("spark.ui.showConsoleProgress", false);
        if (!loaded.contains("spark.master")) {
            builder.master(settings.master());
        }
        for (Map.Entry<String, Object> entry : settings.conf().entrySet()) {
            builder.config(entry.getKey(), String.valueOf(entry.getValue()));
        }
        SparkSession spark = builder.getOrCreate();
        // A session that already existed (tests, notebooks) keeps its static settings; the runtime ones apply.
        spark.conf().set("spark.sql.shuffle.partitions", settings.shufflePartitions());
        spark.conf().set("spark.sql.session.timeZone", settings.sessionTimeZone());
        return spark;
    }
}
