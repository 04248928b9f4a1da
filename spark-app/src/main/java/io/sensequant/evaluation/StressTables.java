package io.sensequant.evaluation;

import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.RowsSha256;
import io.sensequant.repro.Signatures;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import io.sensequant.training.TrainingIdentity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stress_results} (one row per run × period) and the STRESS_TESTS rows of {@code metrics}. */
public final class StressTables {
    public static final List<String> KEY = List.of("run_id", "period");
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("period", DataTypes.StringType, false)
            .add("start", DataTypes.DateType, false)
            .add("end", DataTypes.DateType, false)
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("max_drawdown", DataTypes.DoubleType, true)
            .add("precision", DataTypes.DoubleType, true)
            .add("recall", DataTypes.DoubleType, true)
            .add("sharpe", DataTypes.DoubleType, true)
            .add("sortino", DataTypes.DoubleType, true)
            .add("buy_hold_return", DataTypes.DoubleType, true)
            .add("sixty_forty_return", DataTypes.DoubleType, true)
            .add("cash_return", DataTypes.DoubleType, true)
            .add("failure_mode", DataTypes.StringType, true)
            .add("resilience_score", DataTypes.DoubleType, true)
            .add("passed", DataTypes.BooleanType, true)
            .add("rows", DataTypes.LongType, false);

    private StressTables() {
    }

    /** Scope of a period's metrics; {@code stress/overall} holds the counts. */
    public static String scope(String periodId) {
        return "stress/" + periodId;
    }

    static Map<String, Long> write(RunContext context, List<StressOutcome> outcomes, Map<String, Long> inputs) {
        List<Row> rows = new ArrayList<>();
        List<Row> metricRows = new ArrayList<>();
        long tested = 0;
        long passed = 0;
        long replayedRows = 0;
        for (StressOutcome o : outcomes) {
            boolean t = o.tested();
            rows.add(RowFactory.create(context.runId(), o.period().id(), Date.valueOf(o.period().start()),
                    Date.valueOf(o.period().end()), o.status(), o.reason(), StressOutcome.finite(o.maxDrawdown()),
                    StressOutcome.finite(o.precision()), StressOutcome.finite(o.recall()), StressOutcome.finite(o.sharpeRatio()),
                    StressOutcome.finite(o.sortino()), t ? StressOutcome.finite(o.baselines().buyAndHold()) : null,
                    t ? StressOutcome.finite(o.baselines().sixtyForty()) : null,
                    t ? StressOutcome.finite(o.baselines().cash()) : null, o.failureMode(),
                    StressOutcome.finite(o.resilienceScore()), o.passed(), o.rows()));
            if (t) {
                tested++;
                passed += o.passed() ? 1 : 0;
                replayedRows += o.rows();
                Map<String, Double> values = new LinkedHashMap<>();
                put(values, "max_drawdown", o.maxDrawdown());
                put(values, "precision", o.precision());
                put(values, "recall", o.recall());
                put(values, "accuracy", o.accuracy());
                put(values, "in_sample_accuracy", o.inSampleAccuracy());
                put(values, "sharpe", o.sharpeRatio());
                put(values, "sharpe_ci_lower", o.sharpe().lower());
                put(values, "sharpe_ci_upper", o.sharpe().upper());
                put(values, "sharpe_ci_confidence", o.sharpe().confidence());
                put(values, "active_sharpe", o.activeSharpe().sharpe());
                put(values, "active_sharpe_ci_lower", o.activeSharpe().lower());
                put(values, "active_sharpe_ci_upper", o.activeSharpe().upper());
                put(values, "no_skill_precision", o.noSkillPrecision());
                put(values, "turnover", o.turnover());
                put(values, "sortino", o.sortino());
                put(values, "buy_hold_return", o.baselines().buyAndHold());
                put(values, "sixty_forty_return", o.baselines().sixtyForty());
                put(values, "cash_return", o.baselines().cash());
                put(values, "resilience_score", o.resilienceScore());
                values.put("passed", o.passed() ? 1.0 : 0.0);
                values.put("rows", (double) o.rows());
                metricRows.addAll(MetricsTable.rows(context.runId(), Stage.STRESS_TESTS.name(), scope(o.period().id()), values));
            }
        }
        metricRows.addAll(MetricsTable.rows(context.runId(), Stage.STRESS_TESTS.name(), scope("overall"), Map.of(
                "periods_tested", (double) tested, "periods_skipped", (double) (outcomes.size() - tested),
                "periods_passed", (double) passed)));
        Dataset<Row> results = context.spark().createDataFrame(rows, SCHEMA).coalesce(1);
        Dataset<Row> metrics = context.spark().createDataFrame(metricRows, MetricsTable.SCHEMA);
        Map<String, Object> details = Map.of("periods_tested", tested, "periods_passed", passed);
        String run = "run_id = '" + context.runId() + "'";
        long resultsVersion = context.commits().replace(results, LakeTable.STRESS_RESULTS, run,
                snapshot(context, LakeTable.STRESS_RESULTS, results, replayedRows, inputs, details)
                        .rowCounts(Map.of(LakeTable.STRESS_RESULTS.tableName(), (long) rows.size())).build());
        long metricsVersion = context.commits().replace(metrics, LakeTable.METRICS,
                run + " AND stage = '" + Stage.STRESS_TESTS.name() + "'",
                snapshot(context, LakeTable.METRICS, metrics, replayedRows, inputs, details)
                        .rowCounts(Map.of(LakeTable.METRICS.tableName(), (long) metricRows.size())).build());
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(LakeTable.STRESS_RESULTS.tableName(), resultsVersion);
        versions.put(LakeTable.METRICS.tableName(), metricsVersion);
        return versions;
    }

    private static io.sensequant.pipeline.SnapshotBuilder snapshot(RunContext context, LakeTable table, Dataset<Row> rows,
                                                                   long nEffective, Map<String, Long> inputs,
                                                                   Map<String, Object> details) {
        return context.snapshot(Stage.STRESS_TESTS, table).view(Signatures.CROSS_SECTIONAL)
                .target(TrainingIdentity.studentTarget(context)).signatures(TrainingIdentity.student(context))
                .fingerprint(Fingerprint.METRICS_SHA256, RowsSha256.of(rows, List.of("run_id")))
                .nEffective(nEffective).inputs(inputs).details(details);
    }

    private static void put(Map<String, Double> values, String key, double value) {
        if (Double.isFinite(value)) {
            values.put(key, value);
        }
    }
}
