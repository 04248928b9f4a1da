package io.sensequant.cli;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats of {@code export}; lines end in {@code \n}, like {@code sql}'s output. */
enum ExportFormat {
    /** A header line, then one RFC 4180 line per row. */
    CSV {
        @Override
        void begin(StructType schema, Writer out) throws IOException {
            out.write(Arrays.stream(schema.fieldNames()).map(SqlCommand::csv).collect(Collectors.joining(",")));
            out.write('\n');
        }

        @Override
        void row(Row row, StructType schema, ExportValues values, Writer out) throws IOException {
            StructField[] fields = schema.fields();
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(values.csvCell(row.isNullAt(i) ? null : row.get(i), fields[i].dataType()));
            }
            out.write('\n');
        }
    },
    /** JSON lines: one object per row, keys in column order, nulls written out. */
    JSON {
        @Override
        void row(Row row, StructType schema, ExportValues values, Writer out) throws IOException {
            out.write(ExportValues.write(values.jsonRow(row, schema)));
            out.write('\n');
        }
    };

    void begin(StructType schema, Writer out) throws IOException {
    }

    abstract void row(Row row, StructType schema, ExportValues values, Writer out) throws IOException;

    /** Writes every row and returns how many there were. */
    long write(Iterator<Row> rows, StructType schema, ExportValues values, Writer out) throws IOException {
        begin(schema, out);
        long count = 0;
        while (rows.hasNext()) {
            row(rows.next(), schema, values, out);
            count++;
        }
        return count;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the lower-case names the command line shows ({@code csv}, {@code json}). */
    static final class Converter implements CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            return Arrays.stream(values()).filter(f -> f.label().equals(value.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not a format; use "
                            + Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(" or "))));
        }
    }
}
