package io.sensequant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import io.sensequant.config.ConfigException;
import io.sensequant.config.Yaml;
import io.sensequant.spark.Lake;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sensequant history}: a table's Delta commits with each commit's stage snapshot parsed into fields, or
 * with {@code --run} one run's transitions and commits ({@link RunHistory}).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show a lake table's Delta commit history with the stage snapshot of every commit,",
                "or with --run one run's transitions (run_context) and stage commits (snapshot_index), optionally to one table."})
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--table", paramLabel = "NAME", description = "Table name, e.g. features.")
    String table;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Show this run's transitions and commits.")
    String run;

    @Option(names = "--json", description = "Print one JSON object per line (per commit, or per transition and commit with --run).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (run == null && table == null) {
            throw new ConfigException("history needs --table NAME, --run RUN_ID or both (e.g. 'sensequant history --run <run_id>')");
        }
        Lake lake = Session.openLake(configOptions.load(List.of()));
        if (run != null) {
            RunHistory.print(System.out, lake, run, table, json);
            return SenseQuant.OK;
        }
        if (!table.matches("[a-z_]+") || !lake.exists(table)) {
            List<String> tables = lake.tableNames();
            throw new ConfigException("no table '" + table + "' in lake " + lake.root() + "; tables: "
                    + (tables.isEmpty() ? "none (run 'sensequant run' first)" : String.join(", ", tables)));
        }
        List<Row> commits = DeltaTable.forPath(lake.spark(), lake.path(table)).history()
                .select("version", "timestamp", "operation", "userMetadata").orderBy("version").collectAsList();
        PrintStream out = System.out;
        for (Row commit : commits) {
            ObjectNode entry = Yaml.JSON.createObjectNode();
            entry.put("version", commit.getLong(0));
            entry.put("timestamp", commit.getTimestamp(1).toInstant().toString());
            entry.put("operation", commit.getString(2));
            String metadata = commit.isNullAt(3) ? null : commit.getString(3);
            if (metadata == null) {
                entry.putNull("snapshot");
            } else {
                entry.set("snapshot", Yaml.JSON.readTree(metadata));
            }
            if (json) {
                out.println(Yaml.JSON.writeValueAsString(entry));
            } else {
                printText(out, entry);
            }
        }
        return SenseQuant.OK;
    }

    private static void printText(PrintStream out, ObjectNode entry) {
        out.printf("version %d  %s  %s%n", entry.get("version").asLong(), entry.get("timestamp").asText(),
                entry.get("operation").asText());
        JsonNode snapshot = entry.get("snapshot");
        if (snapshot == null || snapshot.isNull()) {
            out.println("  (no snapshot: this commit was not made by a SenseQuant stage)");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = snapshot.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String value = field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString();
            out.printf("  %-20s %s%n", field.getKey(), value.length() > 200 ? value.substring(0, 197) + "..." : value);
        }
    }
}
