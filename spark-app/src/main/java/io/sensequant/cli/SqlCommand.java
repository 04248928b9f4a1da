package io.sensequant.cli;

import io.sensequant.config.ConfigException;
import io.sensequant.spark.Lake;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sensequant sql}: Spark SQL over the lake, every table registered as a view under its name. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a Spark SQL statement with every lake table registered as a view (ohlcv, features, ...).")
final class SqlCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "STATEMENT", description = "The SQL statement.")
    String statement;

    @Option(names = "--json", description = "Print JSON lines instead of CSV with a header.")
    boolean json;

    @Override
    public Integer call() {
        Lake lake = Session.openLake(configOptions.load(List.of()));
        List<String> tables = lake.registerViews();
        Dataset<Row> result;
        try {
            result = lake.spark().sql(statement);
        } catch (Exception e) {
            if (e instanceof AnalysisException || e.getClass().getSimpleName().contains("ParseException")) {
                throw new ConfigException("SQL error: " + e.getMessage().lines().findFirst().orElse("")
                        + " (tables in " + lake.root() + ": " + (tables.isEmpty() ? "none" : String.join(", ", tables)) + ")");
            }
            throw e;
        }
        print(result, json, System.out);
        return SenseQuant.OK;
    }

    static void print(Dataset<Row> result, boolean json, PrintStream out) {
        if (json) {
            Iterator<String> lines = result.toJSON().toLocalIterator();
            lines.forEachRemaining(out::println);
            return;
        }
        out.println(String.join(",", List.of(result.columns()).stream().map(SqlCommand::csv).toList()));
        Iterator<Row> rows = result.toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(row.isNullAt(i) ? "" : csv(String.valueOf(row.get(i))));
            }
            out.println(line);
        }
    }

    /** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
    static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
