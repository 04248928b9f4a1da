package io.sensequant.spark;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lake root and the Delta tables under it (one directory per table). Any Hadoop path works as the root.
 * Reads are by name, optionally at a version (time travel), so a phase reads exactly what its predecessor wrote.
 */
public final class Lake {
    private final SparkSession spark;
    private final String root;

    public Lake(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String root() {
        return root;
    }

    public SparkSession spark() {
        return spark;
    }

    public String path(LakeTable table) {
        return path(table.tableName());
    }

    public String path(String tableName) {
        return root + "/" + tableName;
    }

    public String modelsDir(String runId) {
        return root + "/models/" + runId;
    }

    public boolean exists(LakeTable table) {
        return exists(table.tableName());
    }

    public boolean exists(String tableName) {
        return DeltaTable.isDeltaTable(spark, path(tableName));
    }

    public Dataset<Row> read(LakeTable table) {
        return spark.read().format("delta").load(path(table));
    }

    public Dataset<Row> readVersion(LakeTable table, long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(path(table));
    }

    public Optional<Long> latestVersion(LakeTable table) {
        if (!exists(table)) {
            return Optional.empty();
        }
        // the log's latest snapshot, read directly: DeltaTable.history() would run a Spark job for every commit made
        long version = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path(table))
                .update(false, scala.Option.empty(), scala.Option.empty()).version();
        return Optional.of(version);
    }

    /** Every Delta table directly under the root, by directory name. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>();
        try {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(hadoopConf());
            if (!fs.exists(rootPath)) {
                return names;
            }
            for (FileStatus status : fs.listStatus(rootPath)) {
                if (status.isDirectory() && fs.exists(new Path(status.getPath(), "_delta_log"))) {
                    names.add(status.getPath().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lake at " + root, e);
        }
        names.sort(String::compareTo);
        return names;
    }

    /** Registers every table as a temporary view under its table name, for SQL and notebooks. */
    public List<String> registerViews() {
        List<String> names = tableNames();
        for (String name : names) {
            spark.read().format("delta").load(path(name)).createOrReplaceTempView(name);
        }
        return names;
    }

    public Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
