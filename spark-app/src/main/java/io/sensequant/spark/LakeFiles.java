package io.sensequant.spark;

import io.sensequant.identity.Hashing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Plain files (model files, release bundles) on any Hadoop path. Writes go to a temporary name first and are
 * renamed into place, so a reader never sees half a file and a failed write leaves nothing behind.
 */
public final class LakeFiles {
    private LakeFiles() {
    }

    /** Produces a file's content; it may fail part-way, and then nothing is left behind. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code path} and returns their SHA-256. */
    public static String write(Configuration conf, String path, byte[] bytes) {
        return write(conf, path, out -> out.write(bytes));
    }

    /**
     * Streams {@code content} to {@code path}, replacing a file already there, and returns the SHA-256 of what
     * was written. The content goes to a hidden sibling first; if anything fails the sibling is deleted, so
     * {@code path} holds either its old file or the complete new one.
     */
    public static String write(Configuration conf, String path, Content content) {
        Path target = new Path(path);
        Path temporary = new Path(target.getParent(), "." + target.getName() + ".inprogress");
        FileSystem fs;
        try {
            fs = target.getFileSystem(conf);
            fs.mkdirs(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        try {
            MessageDigest digest = Hashing.sha256();
            try (OutputStream out = new DigestOutputStream(fs.create(temporary, true), digest)) {
                content.writeTo(out);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("rename of " + temporary + " to " + target + " failed");
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            deleteQuietly(fs, temporary, e);
            throw new UncheckedIOException("cannot write " + path, e);
        } catch (Throwable e) {
            // Spark's failures are checked exceptions thrown undeclared (from Scala), so catch everything here;
            // the precise rethrow still only throws what the try block can (unchecked, after the IOException above).
            deleteQuietly(fs, temporary, e);
            throw e;
        }
    }

    /** Cleanup after a failed write must not hide the failure itself. */
    private static void deleteQuietly(FileSystem fs, Path temporary, Throwable failure) {
        try {
            fs.delete(temporary, false);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    public static String write(Configuration conf, String path, String text) {
        return write(conf, path, text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] read(Configuration conf, String path) {
        Path source = new Path(path);
        try (FSDataInputStream in = source.getFileSystem(conf).open(source)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static boolean exists(Configuration conf, String path) {
        Path target = new Path(path);
        try {
            return target.getFileSystem(conf).exists(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    public static String sha256(Configuration conf, String path) {
        return Hashing.sha256Hex(read(conf, path));
    }
}
