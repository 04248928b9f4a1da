package io.sensequant.spark;

import io.sensequant.identity.Hashing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Plain files (model files, release bundles) on any Hadoop path. Writes go to a temporary name first and are
 * renamed into place, so a reader never sees half a file and a failed write leaves nothing behind.
 */
public final class LakeFiles {
    private LakeFiles() {
    }

    /** Writes {@code bytes} to {@code path} and returns their SHA-256. */
    public static String write(Configuration conf, String path, byte[] bytes) {
        Path target = new Path(path);
        Path temporary = new Path(target.getParent(), "." + target.getName() + ".inprogress");
        try {
            FileSystem fs = target.getFileSystem(conf);
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(temporary, true)) {
                out.write(bytes);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("rename of " + temporary + " to " + target + " failed");
            }
            return Hashing.sha256Hex(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
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
