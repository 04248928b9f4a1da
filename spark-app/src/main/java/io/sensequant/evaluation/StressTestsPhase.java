package io.sensequant.evaluation;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.MarketData;
import io.sensequant.market.StressPeriod;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeTable;
import io.sensequant.training.StudentModel;
import io.sensequant.training.TeacherPhase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

/**
 * STRESS_TESTS: for each period of conf/stress_periods.yaml that overlaps the run's data, the student is refitted
 * out of sample on the teacher-labelled rows before the period (less a purge of the target horizon; the baseline
 * student's hyperparameters, a seed derived from base_seed and the period) and replayed through it, and the
 * teachers' own out-of-sample calls in the period are scored beside it ({@link StressEvaluation}: the STAT_TESTS
 * strategy, its Sharpe interval, the gated resilience score and the verdict, {@link StressEvaluation#passRule}).
 * Results go to
 * {@code stress_results} and {@code metrics}, the files to release/<run_id>/ ({@link StressReports}). Periods that
 * do not overlap the data, or with too few rows before or in them, are skipped with the reason ({@link StressPlan}).
 */
public final class StressTestsPhase implements Phase {
    public static final String NAME = "stress tests";
    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";
    static final String NOT_RUN = "not_run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.STRESS_TESTS;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig.StressTests config = context.config().stressTests();
        if (!config.enabled()) {
            Map<String, Object> summary = summary(context, List.of(), NOT_RUN,
                    "stress_tests.enabled is false (sensequant run --run-stress-tests turns it on)");
            return PhaseResult.of(this, "not run: stress_tests.enabled is false", summary, Map.of(), List.of(summary.get("report").toString()));
        }
        long featuresVersion = context.versionWritten(LakeTable.FEATURES);
        long predictionsVersion = context.versionWritten(LakeTable.PREDICTIONS);
        long ohlcvVersion = context.inputVersion(LakeTable.OHLCV);
        List<String> featureColumns = FeatureInputs.modelInputs(context);
        Dataset<Row> features = FeatureInputs.forTraining(context, featuresVersion)
                .na().fill(Double.NaN, featureColumns.toArray(String[]::new)).cache();
        Dataset<Row> teacher = context.lake().readVersion(LakeTable.PREDICTIONS, predictionsVersion)
                .where(col("run_id").equalTo(context.runId()).and(col("model").equalTo(TeacherPhase.MODEL))
                        .and(col("split").equalTo("validation")));
        Dataset<Row> labelled = features.join(teacher.select(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS),
                        col("prediction").as(StudentModel.LABEL), col("confidence").as(StudentModel.WEIGHT)),
                new String[]{OhlcvSchema.SYMBOL, OhlcvSchema.TS}).cache();
        PipelineConfig.Run run = context.config().run();
        Dataset<Row> nextReturns = DailyReturns.nextSession(context.lake().readVersion(LakeTable.OHLCV, ohlcvVersion)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(run.interval()))
                        .and(OhlcvSchema.onDates(run.startDate(), run.endDate(), context.calendar().zone())))).cache();
        try {
            List<LocalDate> sessions = features.select(FeatureColumns.DATE).distinct().orderBy(FeatureColumns.DATE)
                    .collectAsList().stream().map(r -> r.getDate(0).toLocalDate()).toList();
            Map<LocalDate, Double> universe = DailyReturns.universe(nextReturns);
            int horizon = FeatureInputs.target(context).horizonDays();
            StressEvaluation.Settings settings = settings(context);
            List<StressOutcome> outcomes = new ArrayList<>();
            for (StressPeriod period : new MarketData(ConfDir.locate()).stressPeriods()) {
                outcomes.add(test(context, period, sessions, universe, horizon, features, labelled, teacher, nextReturns,
                        featureColumns, settings));
            }
            long tested = outcomes.stream().filter(StressOutcome::tested).count();
            long failed = outcomes.stream().filter(o -> o.tested() && !o.passed()).count();
            String status = tested == 0 ? SKIPPED : failed > 0 ? FAILED : PASSED;
            String reason = tested == 0 ? "no stress period could be tested on the labelled data from " + first(sessions) + " to "
                    + last(sessions) + " (each period's reason is in periods)" : null;

            Map<String, Long> inputs = new LinkedHashMap<>();
            inputs.put(LakeTable.FEATURES.tableName(), featuresVersion);
            inputs.put(LakeTable.OHLCV.tableName(), ohlcvVersion);
            inputs.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
            Map<String, Long> versions = StressTables.write(context, outcomes, inputs);
            Map<String, Object> summary = summary(context, outcomes, status, reason);
            List<String> outputs = new ArrayList<>(List.of(context.lake().path(LakeTable.STRESS_RESULTS),
                    summary.get("report").toString()));
            @SuppressWarnings("unchecked")
            List<String> charts = (List<String>) summary.get("charts");
            outputs.addAll(charts);
            String headline = String.format("%s: %d of %d periods tested (%d passed, %d failed), %d skipped; %s",
                    status, tested, outcomes.size(), tested - failed, failed, outcomes.size() - tested,
                    context.releaseDir() + "/" + StressReports.REPORT_MD);
            return PhaseResult.of(this, headline, summary, versions, outputs);
        } finally {
            nextReturns.unpersist();
            labelled.unpersist();
            features.unpersist();
        }
    }

    private static StressOutcome test(RunContext context, StressPeriod period, List<LocalDate> sessions,
                                      Map<LocalDate, Double> universe, int horizon, Dataset<Row> features,
                                      Dataset<Row> labelled, Dataset<Row> teacher, Dataset<Row> nextReturns,
                                      List<String> featureColumns, StressEvaluation.Settings settings) {
        PipelineConfig.StressTests config = context.config().stressTests();
        StressPlan plan = StressPlan.of(period, sessions, universe, horizon,
                date -> labelled.where(col(FeatureColumns.DATE).leq(Date.valueOf(date))).count(), config);
        if (plan.skipped()) {
            return StressOutcome.skipped(period, plan.skipReason());
        }
        LocalDate trainEnd = plan.trainEnd();
        LocalDate trainStart = labelled.agg(min(FeatureColumns.DATE)).first().getDate(0).toLocalDate();
        PipelineConfig pipeline = context.config();
        int configuredWorkers = pipeline.training().student().numWorkers();
        StressReplay.Fit fit = new StressReplay.Fit(pipeline.models().xgboost().hyperparameters().student(), featureColumns,
                Seeds.deriveInt(pipeline.run().baseSeed(), "stress/" + period.id()),
                configuredWorkers > 0 ? configuredWorkers : context.spark().sparkContext().defaultParallelism(),
                pipeline.training().student().nthread());
        StressReplay.Outcome replay = StressReplay.run(labelled, features, trainEnd, period.start(), period.end(), fit);
        StressOutcome outcome = StressEvaluation.evaluate(new StressEvaluation.Replay(period, replay.signals(),
                        replay.inSampleAccuracy(), plan.trainRows(), trainStart, trainEnd,
                        StressReplay.teacherSignals(teacher, period.start(), period.end())),
                universe, DailyReturns.between(nextReturns, period.start(), period.end()), settings);
        return outcome.withCharts(StressReports.charts(context, outcome));
    }

    /** The shared strategy (stat_tests.strategy) and the target horizon, with the stress rules. */
    private static StressEvaluation.Settings settings(RunContext context) {
        return new StressEvaluation.Settings(context.config().stressTests(), context.config().statTests().strategy(),
                FeatureInputs.target(context).horizonDays());
    }

    /**
     * The phase summary (the briefing's contract), also written as stress_summary.json with stress_report.md.
     * {@code status}: passed (every tested period passed), failed (at least one tested period failed), skipped (the
     * phase ran but no period could be tested) or not_run (disabled), the last two with a {@code reason}.
     */
    private static Map<String, Object> summary(RunContext context, List<StressOutcome> outcomes, String status, String reason) {
        StressEvaluation.Settings settings = settings(context);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", status);
        if (reason != null) {
            summary.put("reason", reason);
        }
        summary.put("pass_rule", StressEvaluation.passRule(settings));
        summary.put("strategy_definition", StressEvaluation.strategyDefinition(settings));
        summary.put("pass_threshold", context.config().stressTests().resilience().passThreshold());
        summary.put("sharpe_pass_floor", context.config().stressTests().sharpeCi().passFloor());
        summary.put("periods", outcomes.stream().map(StressOutcome::asSummary).toList());
        summary.put("tested", outcomes.stream().filter(StressOutcome::tested).count());
        summary.put("skipped", outcomes.stream().filter(o -> !o.tested()).count());
        summary.put("report", context.releaseDir() + "/" + StressReports.SUMMARY_JSON);
        summary.put("report_md", context.releaseDir() + "/" + StressReports.REPORT_MD);
        summary.put("charts", outcomes.stream().flatMap(o -> o.charts().stream()).toList());
        StressReports.writeMarkdown(context, summary);
        StressReports.writeSummary(context, summary);
        return summary;
    }

    private static LocalDate first(List<LocalDate> sessions) {
        return sessions.isEmpty() ? null : sessions.get(0);
    }

    private static LocalDate last(List<LocalDate> sessions) {
        return sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    }
}
