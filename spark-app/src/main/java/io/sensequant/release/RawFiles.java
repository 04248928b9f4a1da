package io.sensequant.release;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a file's bytes as they are, bypassing Hadoop's local {@code .crc} sidecars: a file edited outside
 * Hadoop must reach the audit's own checks (hash, JSON) instead of failing with a ChecksumException.
 */
final class RawFiles {
    private RawFiles() {
    }

    static byte[] read(Configuration conf, String path) {
        Path file = new Path(path);
        try {
            FileSystem fs = file.getFileSystem(conf);
            FileSystem raw = fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
            try (FSDataInputStream in = raw.open(file)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
