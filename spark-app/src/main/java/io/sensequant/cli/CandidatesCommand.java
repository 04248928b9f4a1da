package io.sensequant.cli;

import io.sensequant.release.RegistryTransitions;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * {@code sensequant candidates}: the candidate registry. By default the current status of every run (its row
 * with the highest seq), newest run first; {@code --history} every status change; {@code --latest} only the most
 * recently registered run; {@code --status} and {@code --run} filter.
 */
@Command(name = "candidates", mixinStandardHelpOptions = true,
        description = {"List release candidates from candidate_runs: the current status of every run (newest first),",
                "or every status change with --history. Exit 0 (also when the registry is empty)."})
final class CandidatesCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("run_id", "seq", "ts", "status", "from_status", "by", "note",
            "config_fingerprint", "symbols", "start_date", "end_date", "manifest_path", "briefing_path");

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--status", paramLabel = "S", description = "Only runs whose current status is S (with --history: rows with status S).")
    String status;

    @Option(names = "--latest", description = "Only the most recently registered run.")
    boolean latest;

    @Option(names = "--history", description = "Every status change (seq order) instead of the current status.")
    boolean history;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only this run.")
    String run;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() {
        Lake lake = Session.openLake(configOptions.load(List.of()));
        PrintStream out = System.out;
        if (!lake.exists(LakeTable.CANDIDATE_RUNS)) {
            if (!json) {
                out.println("no candidates in " + lake.root() + " (a completed 'sensequant run' registers one)");
            }
            return SenseQuant.OK;
        }
        Dataset<Row> rows = select(lake.read(LakeTable.CANDIDATE_RUNS));
        if (json) {
            rows.toJSON().collectAsList().forEach(out::println);
        } else {
            printTable(out, rows.collectAsList());
        }
        return SenseQuant.OK;
    }

    /** The rows to show, newest run first, a run's changes in seq order. */
    Dataset<Row> select(Dataset<Row> registry) {
        Dataset<Row> rows = registry;
        if (run != null) {
            rows = rows.where(col("run_id").equalTo(run));
        }
        Dataset<Row> registered = registry.groupBy("run_id").agg(org.apache.spark.sql.functions.min("ts").as("registered_at"));
        if (latest) {
            Row newest = registered.orderBy(col("registered_at").desc(), col("run_id").desc()).limit(1).first();
            rows = rows.where(col("run_id").equalTo(newest.getString(0)));
        }
        if (!history) {
            rows = rows.withColumn("_rank", row_number().over(Window.partitionBy("run_id").orderBy(col("seq").desc())))
                    .where(col("_rank").equalTo(1)).drop("_rank");
        }
        if (status != null) {
            rows = rows.where(col("status").equalTo(status));
        }
        return rows.join(registered, "run_id").orderBy(col("registered_at").desc(), col("run_id").desc(), col("seq"))
                .select(COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    private static void printTable(PrintStream out, List<Row> rows) {
        if (rows.isEmpty()) {
            out.println("no matching candidates");
            return;
        }
        out.printf(Locale.ROOT, "%-40s %4s  %-19s  %-16s  %-16s  %-18s  %s%n", "run_id", "seq", "when (UTC)", "status", "from",
                "by", "note");
        for (Row r : rows) {
            String note = r.isNullAt(6) ? "" : r.getString(6);
            out.printf(Locale.ROOT, "%-40s %4d  %-19s  %-16s  %-16s  %-18s  %s%n", r.getString(0), r.getInt(1),
                    r.getTimestamp(2).toInstant().toString().substring(0, 19).replace('T', ' '), r.getString(3),
                    r.isNullAt(4) ? "-" : r.getString(4), r.getString(5), note.length() > 100 ? note.substring(0, 97) + "..." : note);
        }
    }

    static void printTransition(RegistryTransitions.Transition t) {
        System.out.printf(Locale.ROOT, "%s: %s -> %s by %s at %s (seq %d, candidate_runs v%d)%s%n", t.runId(), t.from(), t.to(),
                t.by(), t.at(), t.seq(), t.version(), t.note() == null ? "" : "; note: " + t.note());
    }
}
