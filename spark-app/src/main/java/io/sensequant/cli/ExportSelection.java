package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;

/**
 * What {@code export} writes: one lake table at one Delta version, filtered, projected and sorted so that two
 * exports of the same version give the same bytes. Every user mistake (table, version, predicate, column) is a
 * {@link ConfigException} that names it.
 */
record ExportSelection(LakeTable table, long version, Dataset<Row> rows) {

    /** {@code version} null means the latest; {@code where} and {@code columns} null mean no filter, all columns. */
    static ExportSelection resolve(Lake lake, String tableName, Long version, String where, List<String> columns) {
        LakeTable table = table(lake, tableName);
        long resolved = version(lake, table, version);
        Dataset<Row> all = userInput(table.tableName() + "@" + resolved, () -> lake.readVersion(table, resolved));
        Dataset<Row> filtered = where == null ? all : userInput("--where", () -> all.where(where));
        List<String> selected = columns == null ? List.of(all.columns()) : checkColumns(table, all.schema(), columns);
        // Sort before projecting, on the whole row: a projection that drops the key keeps a deterministic order.
        Dataset<Row> ordered = filtered.orderBy(columns(sortColumns(table, all.schema())));
        return new ExportSelection(table, resolved, ordered.select(columns(selected)));
    }

    private static LakeTable table(Lake lake, String name) {
        LakeTable table = LakeTable.byName(name).orElseThrow(() -> new ConfigException(
                "unknown table '" + name + "'; lake tables: " + String.join(", ", LakeTable.names())));
        if (!lake.exists(table)) {
            List<String> present = lake.tableNames().stream().filter(n -> LakeTable.byName(n).isPresent()).toList();
            throw new ConfigException("no table '" + name + "' in lake " + lake.root() + "; tables there: "
                    + (present.isEmpty() ? "none (run 'sensequant ingest' or 'sensequant run' first)" : String.join(", ", present)));
        }
        return table;
    }

    private static long version(Lake lake, LakeTable table, Long requested) {
        long latest = lake.latestVersion(table).orElseThrow();
        if (requested != null && (requested < 0 || requested > latest)) {
            throw new ConfigException("--version " + requested + ": " + table.tableName() + " has versions 0 to " + latest);
        }
        return requested == null ? latest : requested;
    }

    private static List<String> checkColumns(LakeTable table, StructType schema, List<String> columns) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(schema.fieldNames()));
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!known.contains(column)) {
                throw new ConfigException("unknown column '" + column + "' in " + table.tableName() + "; columns: "
                        + String.join(", ", known));
            }
            if (!seen.add(column)) {
                throw new ConfigException("--columns names '" + column + "' twice");
            }
        }
        return List.copyOf(seen);
    }

    /**
     * The table's key columns first, then every other sortable column: the key alone orders a table whose
     * key is unique, and the rest settles ties in append-only tables or a key that is not (yet) unique.
     * Maps have no order in Spark, so they cannot take part.
     */
    static List<String> sortColumns(LakeTable table, StructType schema) {
        List<String> columns = new ArrayList<>();
        Set<String> present = Set.of(schema.fieldNames());
        table.key().stream().filter(present::contains).forEach(columns::add);
        for (StructField field : schema.fields()) {
            if (!columns.contains(field.name()) && sortable(field.dataType())) {
                columns.add(field.name());
            }
        }
        return columns;
    }

    private static boolean sortable(DataType type) {
        if (type instanceof MapType) {
            return false;
        }
        if (type instanceof ArrayType array) {
            return sortable(array.elementType());
        }
        if (type instanceof StructType struct) {
            return Arrays.stream(struct.fields()).allMatch(f -> sortable(f.dataType()));
        }
        return true;
    }

    /** Spark reports a bad predicate or an unreadable version as an analysis (or parse) error: the user's to fix. */
    private static Dataset<Row> userInput(String what, Supplier<Dataset<Row>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new ConfigException(what + ": " + firstLine(e.getMessage()));
            }
            throw new IllegalStateException(e);
        }
    }

    /** Quoted, so that a name with a dot or a space is taken literally. */
    private static Column[] columns(List<String> names) {
        return names.stream().map(n -> col("`" + n.replace("`", "``") + "`")).toArray(Column[]::new);
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
