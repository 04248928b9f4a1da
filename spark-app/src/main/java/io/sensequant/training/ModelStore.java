package io.sensequant.training;

import io.sensequant.identity.Hashing;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * The only way models are read back: a file is loaded only after its SHA-256 matches the digest recorded in
 * the TRAINING snapshot ({@code teacher_runs.model_sha256}, {@code student_runs.model_sha256},
 * {@code student_runs.spark_model_sha256}); a modified or missing file is refused with a
 * {@link ModelIntegrityException} naming the file, both digests and what to do.
 *
 * <p>A Spark ML model is a directory; its digest ({@link #directorySha256}) is the SHA-256 of the lines
 * {@code <relative path> <file sha256>\n} for every file under it, sorted by relative path. Hidden files
 * (Hadoop's {@code .crc} sidecars, names starting with '.') are left out: they are derived from the files they
 * check, and object stores and copy tools do not keep them.
 */
public final class ModelStore {
    private final Configuration hadoopConf;

    public ModelStore(Configuration hadoopConf) {
        this.hadoopConf = hadoopConf;
    }

    /** The model file's bytes, after checking them against {@code expectedSha256}. */
    public byte[] readVerified(String path, String expectedSha256) {
        Path file = new Path(path);
        byte[] bytes;
        try {
            FileSystem fs = raw(file.getFileSystem(hadoopConf));
            if (!fs.exists(file)) {
                throw missing(path, expectedSha256);
            }
            try (FSDataInputStream in = fs.open(file)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path, e);
        }
        check(path, expectedSha256, Hashing.sha256Hex(bytes));
        return bytes;
    }

    /** A native XGBoost booster from its JSON model file, loaded from the very bytes that were verified. */
    public Booster loadBooster(String path, String expectedSha256) {
        byte[] bytes = readVerified(path, expectedSha256);
        try {
            return XGBoost.loadModel(bytes);
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("XGBoost cannot load model file " + path + " (its SHA-256 matched the record)", e);
        }
    }

    /** The student as a Spark ML model, loaded after its directory digest matches the record. */
    public XGBoostClassificationModel loadSparkModel(String dir, String expectedSha256) {
        verifyDirectory(dir, expectedSha256);
        return (XGBoostClassificationModel) XGBoostClassificationModel.read().load(dir);
    }

    /** Checks a Spark ML model directory against its recorded digest. */
    public void verifyDirectory(String dir, String expectedSha256) {
        if (!exists(dir)) {
            throw missing(dir, expectedSha256);
        }
        check(dir, expectedSha256, directorySha256(hadoopConf, dir));
    }

    /** The digest of a model directory, as described in the class comment. */
    public static String directorySha256(Configuration conf, String dir) {
        Path root = new Path(dir);
        try {
            FileSystem fs = raw(root.getFileSystem(conf));
            String rootUri = fs.getFileStatus(root).getPath().toUri().getPath();
            TreeMap<String, String> files = new TreeMap<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                FileStatus status = it.next();
                String relative = status.getPath().toUri().getPath().substring(rootUri.length()).replaceFirst("^/", "");
                if (hidden(relative)) {
                    continue;
                }
                try (FSDataInputStream in = fs.open(status.getPath())) {
                    files.put(relative, Hashing.sha256Hex(in));
                }
            }
            StringBuilder lines = new StringBuilder();
            files.forEach((path, sha) -> lines.append(path).append(' ').append(sha).append('\n'));
            return Hashing.sha256Hex(lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash model directory " + dir, e);
        }
    }

    /**
     * The file system without Hadoop's client-side checksums: a modified file must reach the SHA-256 comparison
     * (and its one-line refusal) rather than fail on a stale {@code .crc} with a ChecksumException.
     */
    private static FileSystem raw(FileSystem fs) {
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private boolean exists(String path) {
        Path target = new Path(path);
        try {
            return target.getFileSystem(hadoopConf).exists(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    private static void check(String path, String expected, String actual) {
        if (!actual.equals(expected)) {
            throw new ModelIntegrityException(path, "model " + path + " was modified after training: recorded sha256 "
                    + expected + ", found " + actual + "; restore the original file or retrain (sensequant run), "
                    + "and do not edit model files in place");
        }
    }

    private static ModelIntegrityException missing(String path, String expected) {
        return new ModelIntegrityException(path, "model " + path + " is missing (recorded sha256 " + expected
                + "); restore it from the lake's models directory or retrain (sensequant run)");
    }
}
