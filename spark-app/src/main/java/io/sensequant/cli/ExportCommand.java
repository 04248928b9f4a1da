package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeFiles;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sensequant export}: one lake table (optionally at a Delta version, filtered and projected) to one CSV or
 * JSON-lines file on any Hadoop path, written atomically and in a deterministic order, so that exporting the same
 * version twice gives the same file and the printed SHA-256 identifies it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a lake table (at a Delta version, filtered, projected) to one CSV or JSON-lines file.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "Lake table, e.g. ohlcv.")
    String table;

    @Option(names = "--format", required = true, paramLabel = "csv|json", converter = ExportFormat.Converter.class,
            description = "csv (with a header) or json (JSON lines).")
    ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output file (local or any Hadoop path).")
    String out;

    @Option(names = "--where", paramLabel = "SQL", description = "Spark SQL predicate over the table's columns.")
    String where;

    @Option(names = "--columns", paramLabel = "A,B,...", split = ",", description = "Columns to export, in this order (default: all).")
    List<String> columns;

    @Option(names = "--version", paramLabel = "N", description = "Delta version to read (default: the latest).")
    Long version;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        Lake lake = Session.openLake(configOptions.load(List.of()));
        String path = Session.absolute(out);
        ExportSelection selection = ExportSelection.resolve(lake, table, version, where,
                columns == null ? null : columns.stream().map(String::strip).toList());
        checkTarget(lake, path);
        ExportValues values = new ExportValues(ZoneId.of(lake.spark().conf().get("spark.sql.session.timeZone")));
        AtomicLong rows = new AtomicLong();
        String sha256 = LakeFiles.write(lake.hadoopConf(), path, stream -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            Iterator<Row> iterator = selection.rows().toLocalIterator();
            rows.set(format.write(iterator, selection.rows().schema(), values, writer));
            writer.flush();
        });
        System.out.printf("exported %d rows, %d columns of %s@%d to %s (%s, sha256 %s)%n", rows.get(),
                selection.rows().columns().length, selection.table().tableName(), selection.version(), path,
                format.label(), sha256);
        return SenseQuant.OK;
    }

    /** An existing file is replaced only with --force; a directory never, since the export is one file. */
    private void checkTarget(Lake lake, String path) {
        Path target = new Path(path);
        FileStatus status;
        try {
            status = target.getFileSystem(lake.hadoopConf()).getFileStatus(target);
        } catch (FileNotFoundException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
        if (status.isDirectory()) {
            throw new ConfigException("--out " + path + " is a directory; name a file");
        }
        if (!force) {
            throw new ConfigException("--out " + path + " exists; pass --force to replace it");
        }
    }
}
