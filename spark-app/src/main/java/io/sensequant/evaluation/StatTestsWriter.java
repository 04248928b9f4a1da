package io.sensequant.evaluation;

import io.sensequant.pipeline.RunContext;
import io.sensequant.pipeline.SnapshotBuilder;
import io.sensequant.repro.RowsSha256;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import io.sensequant.training.TrainingIdentity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the stage's tables, each replacing this run's rows (metrics: this run's STAT_TESTS rows) in one Delta
 * commit carrying the STAT_TESTS snapshot. Called only after every figure is computed, so a failure in the
 * computation writes nothing.
 */
final class StatTestsWriter {
    private final RunContext context;
    private final Map<String, Long> inputs;
    private final long testRows;

    StatTestsWriter(RunContext context, Map<String, Long> inputs, long testRows) {
        this.context = context;
        this.inputs = inputs;
        this.testRows = testRows;
    }

    long folds(List<WalkForward.Outcome> outcomes) {
        List<Row> rows = outcomes.stream().map(o -> o.row(context.runId())).toList();
        Dataset<Row> frame = context.spark().createDataFrame(rows, StatTestsTables.FOLDS).coalesce(1);
        return write(frame, LakeTable.STAT_TEST_FOLDS, runPredicate(), rows.size());
    }

    long strategy(StrategyGrid grid, LongShortStrategy.Days days, double[] buyAndHold, double[] index) {
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < grid.days().length; d++) {
            rows.add(RowFactory.create(context.runId(), Date.valueOf(grid.realised()[d]), days.net()[d], buyAndHold[d],
                    Double.isNaN(index[d]) ? null : index[d], days.turnover()[d], days.gross()[d], days.cost()[d]));
        }
        Dataset<Row> frame = context.spark().createDataFrame(rows, StatTestsTables.STRATEGY).coalesce(1);
        return write(frame, LakeTable.STRATEGY_RETURNS, runPredicate(), rows.size());
    }

    long metrics(Map<String, Map<String, Double>> scopes) {
        List<Row> rows = new ArrayList<>();
        scopes.forEach((scope, values) -> rows.addAll(MetricsTable.rows(context.runId(), Stage.STAT_TESTS.name(), scope, values)));
        Dataset<Row> frame = context.spark().createDataFrame(rows, MetricsTable.SCHEMA);
        return write(frame, LakeTable.METRICS, runPredicate() + " AND stage = '" + Stage.STAT_TESTS.name() + "'", rows.size());
    }

    private String runPredicate() {
        return "run_id = '" + context.runId() + "'";
    }

    private long write(Dataset<Row> frame, LakeTable table, String predicate, long rows) {
        SnapshotBuilder snapshot = context.snapshot(Stage.STAT_TESTS, table).view(Signatures.CROSS_SECTIONAL)
                .target(TrainingIdentity.studentTarget(context)).signatures(TrainingIdentity.student(context))
                .fingerprint(Fingerprint.METRICS_SHA256, RowsSha256.of(frame, List.of("run_id")))
                .nEffective(testRows).inputs(inputs).rowCounts(Map.of(table.tableName(), rows))
                .details(Map.of("model", io.sensequant.training.StudentPhase.MODEL));
        return context.commits().replace(frame, table, predicate, snapshot.build());
    }
}
