package io.sensequant.evaluation;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;
import io.sensequant.features.FeatureColumns;
import io.sensequant.features.FeatureInputs;
import io.sensequant.identity.Seeds;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.LakeTable;
import io.sensequant.stats.DailySeries;
import io.sensequant.stats.DateLevelVerdict;
import io.sensequant.stats.DatePanel;
import io.sensequant.stats.StationaryBootstrap;
import io.sensequant.training.StudentModel;
import io.sensequant.training.StudentPhase;
import io.sensequant.training.TeacherPhase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

/**
 * Stage STAT_TESTS: is the student's skill real? Walk-forward retraining ({@link WalkForward}), the date-level
 * verdict on its test predictions ({@link DateLevelVerdict}: Newey–West and stationary-bootstrap tests of the mean
 * daily Rank IC of its scores, the requirement that its mean daily edge over the training majority class is above
 * 0, and walk-forward agreement), descriptive row-level tests ({@link SignalTests}), and the long/short/flat
 * strategy of its test signals against buy-and-hold and an index ({@link LongShortStrategy}, {@link StrategyReport}).
 * A thin shell: it reads the run's predictions, features and ohlcv at the versions the run wrote, computes on the
 * driver, then writes {@code stat_test_folds}, {@code strategy_returns}, {@code metrics} and {@code stat_tests.json}.
 * "failed" is a verdict about the evidence, not an error: the run goes on.
 */
public final class StatTestsPhase implements Phase {
    public static final String NAME = "statistical tests";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String REPORT = "stat_tests.json";
    static final String EQUAL_WEIGHTED = "equal_weighted_universe_buy_and_hold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Stage stage() {
        return Stage.STAT_TESTS;
    }

    @Override
    public PhaseResult run(RunContext context) {
        PipelineConfig.StatTests settings = context.config().statTests();
        if (!settings.enabled()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("status", SKIPPED);
            summary.put("reason", "stat_tests.enabled is false");
            return PhaseResult.of(this, "skipped: stat_tests.enabled is false", summary, Map.of(), List.of());
        }
        long predictionsVersion = context.versionWritten(LakeTable.PREDICTIONS);
        long featuresVersion = context.versionWritten(LakeTable.FEATURES);
        long ohlcvVersion = context.inputVersion(LakeTable.OHLCV);
        int horizon = FeatureInputs.target(context).horizonDays();
        int classes = context.config().validation().classes().size();
        long baseSeed = context.config().run().baseSeed();
        Dataset<Row> predictions = context.lake().readVersion(LakeTable.PREDICTIONS, predictionsVersion)
                .where(col("run_id").equalTo(context.runId()));

        List<WalkForward.Outcome> folds = walkForward(context, predictions, featuresVersion, horizon, classes);

        Dataset<Row> student = predictions.where(col("model").equalTo(StudentPhase.MODEL));
        StudentTestRows rows = StudentTestRows.collect(student, horizon);
        if (rows.size() == 0) {
            throw new IllegalStateException("run " + context.runId() + " has no student test predictions with labels; "
                    + "the statistical tests need the student phase's test rows (see student_runs)");
        }
        StrategyGrid grid = StrategyGrid.of(rows, closes(context, ohlcvVersion, rows));
        PipelineConfig.Strategy strategy = settings.strategy();
        LongShortStrategy.Days days = LongShortStrategy.run(grid.signals(), grid.predicted(), grid.returns(), horizon,
                strategy.costBps());
        double[] buyAndHold = LongShortStrategy.buyAndHold(grid.returns());
        String indexCsv = settings.benchmark().indexCsv();
        double[] index = indexCsv.isBlank() ? buyAndHold.clone()
                : IndexSeries.returnsOn(grid.realised(), readIndex(context, indexCsv));
        PipelineConfig.Bootstrap boot = settings.bootstrap();
        int hacLag = hacLag(settings.inference(), horizon);
        double meanBlock = settings.inference().meanBlockLength() == 0 ? hacLag : settings.inference().meanBlockLength();
        StrategyReport report = new StrategyReport(days, buyAndHold, index, strategy.annualizationDays(), hacLag);
        double alpha = settings.hypothesis().alpha();

        DateLevelVerdict.Settings verdictSettings = new DateLevelVerdict.Settings(alpha, hacLag, meanBlock,
                boot.iterations(), boot.confidence(), Seeds.derive(baseSeed, "stat_tests/bootstrap/rank_ic"),
                settings.walkForward().minCompletedFolds(), context.config().validation().icMinSymbols());
        int trainingMajority = StudentTestRows.trainingMajority(student, classes);
        DateLevelVerdict.Result verdict = decide(rows.panel(classes), trainingMajority, StatTestsSummary.evidence(folds),
                verdictSettings);
        double[] dailyAccuracy = DailySeries.finite(verdict.daily().accuracy());
        StationaryBootstrap.Interval accuracy = StationaryBootstrap.mean(dailyAccuracy, boot.iterations(),
                boot.confidence(), meanBlock, Seeds.derive(baseSeed, "stat_tests/bootstrap/accuracy"));
        StationaryBootstrap.Interval sharpe = report.sharpe(boot.iterations(), boot.confidence(), meanBlock,
                Seeds.derive(baseSeed, "stat_tests/bootstrap/sharpe"));
        Trials trials = Trials.of(context);
        HypothesisTests.Result vsMajority = SignalTests.vsMajority(rows, classes, alpha);
        HypothesisTests.Result vsTeacherFree = SignalTests.vsPersistence(rows, alpha);

        Map<String, Object> direct = directBaseline(predictions, rows.panel(classes), horizon, classes, verdictSettings,
                trainingMajority, context.config().training().student().directBaseline());

        StatTestsSummary summary = new StatTestsSummary(settings, folds, verdict, accuracy, sharpe,
                report.deflatedSharpe(trials.count()), trials.source(), vsMajority, vsTeacherFree, report,
                indexCsv.isBlank() ? EQUAL_WEIGHTED : indexCsv, context.releaseDir() + "/" + REPORT,
                LongShortStrategy.definition(horizon, strategy.costBps(), strategy.annualizationDays()), direct);

        Map<String, Long> inputs = new LinkedHashMap<>();
        inputs.put(LakeTable.PREDICTIONS.tableName(), predictionsVersion);
        inputs.put(LakeTable.FEATURES.tableName(), featuresVersion);
        inputs.put(LakeTable.OHLCV.tableName(), ohlcvVersion);
        StatTestsWriter writer = new StatTestsWriter(context, inputs, rows.size());
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(LakeTable.STAT_TEST_FOLDS.tableName(), writer.folds(folds));
        versions.put(LakeTable.STRATEGY_RETURNS.tableName(), writer.strategy(grid, days, buyAndHold, index));
        versions.put(LakeTable.METRICS.tableName(), writer.metrics(summary.metrics()));
        String reportPath = summary.reportPath();
        LakeFiles.write(context.lake().hadoopConf(), reportPath, summary.report(context.runId(), versions, horizon));

        Map<String, Object> contract = summary.contract();
        return PhaseResult.of(this, summary.headline(), contract, versions, List.of(reportPath,
                context.lake().path(LakeTable.STAT_TEST_FOLDS), context.lake().path(LakeTable.STRATEGY_RETURNS)));
    }

    /**
     * The direct baseline's test rows through the student's date-level verdict (same settings, no walk-forward), beside
     * the student's own holdout-only verdict, so the two are compared on equal terms.
     */
    private static Map<String, Object> directBaseline(Dataset<Row> predictions, DatePanel studentPanel, int horizon,
                                                      int classes, DateLevelVerdict.Settings settings,
                                                      int studentMajority, boolean enabled) {
        if (!enabled) {
            return DirectBaselineTests.notRun("training.student.direct_baseline is false");
        }
        Dataset<Row> direct = predictions.where(col("model").equalTo(StudentPhase.DIRECT_MODEL));
        StudentTestRows rows = StudentTestRows.collect(direct, horizon);
        if (rows.size() == 0) {
            return DirectBaselineTests.notRun("the run has no " + StudentPhase.DIRECT_MODEL + " test predictions");
        }
        DateLevelVerdict.WalkForwardEvidence none = DateLevelVerdict.WalkForwardEvidence.none();
        // the same ex-ante baseline class for both models: the student's training majority (the rows are the same)
        return DirectBaselineTests.compare(StudentPhase.DIRECT_MODEL,
                decide(studentPanel, studentMajority, none, settings), decide(rows.panel(classes), studentMajority, none, settings));
    }

    /** The verdict against the training majority class, or the test labels' majority when there are no training labels. */
    private static DateLevelVerdict.Result decide(DatePanel panel, int trainingMajority,
                                                  DateLevelVerdict.WalkForwardEvidence walkForward,
                                                  DateLevelVerdict.Settings settings) {
        return trainingMajority == StudentTestRows.NONE
                ? DateLevelVerdict.decide(panel, walkForward, settings)
                : DateLevelVerdict.decide(panel, trainingMajority, DateLevelVerdict.TRAINING_MAJORITY, walkForward, settings);
    }

    /** stat_tests.inference.hac_lag: 0 means the target horizon; a set lag must cover the horizon's overlap. */
    static int hacLag(PipelineConfig.Inference inference, int horizon) {
        if (inference.hacLag() == 0) {
            return horizon;
        }
        if (inference.hacLag() < horizon) {
            throw new ConfigException("stat_tests.inference.hac_lag is " + inference.hacLag() + " but the target horizon "
                    + "is " + horizon + " sessions: overlapping labels make dates dependent up to the horizon; set it to 0 "
                    + "(= the horizon) or to at least " + horizon);
        }
        return inference.hacLag();
    }

    private static List<WalkForward.Outcome> walkForward(RunContext context, Dataset<Row> predictions,
                                                         long featuresVersion, int horizon, int classes) {
        PipelineConfig.WalkForward settings = context.config().statTests().walkForward();
        List<String> featureColumns = FeatureInputs.modelInputs(context);
        Dataset<Row> features = FeatureInputs.forTraining(context, featuresVersion)
                .na().fill(Double.NaN, featureColumns.toArray(String[]::new)).cache();
        try {
            List<LocalDate> sessions = features.select(FeatureColumns.DATE).distinct().orderBy(FeatureColumns.DATE)
                    .collectAsList().stream().map(r -> r.getDate(0).toLocalDate()).toList();
            List<WalkForwardPlan.Fold> plan = WalkForwardPlan.of(sessions, settings.trainMonths(), settings.testMonths(),
                    settings.folds(), horizon);
            Dataset<Row> teacherLabels = predictions.where(col("model").equalTo(TeacherPhase.MODEL))
                    .select(col(OhlcvSchema.SYMBOL), col(OhlcvSchema.TS), col("prediction").as(StudentModel.LABEL),
                            col("confidence").as(StudentModel.WEIGHT));
            return WalkForward.run(plan, features, teacherLabels, featureColumns, context.config(),
                    StudentPhase.workers(context), classes);
        } finally {
            features.unpersist();
        }
    }

    /** Closes of the run's symbols in ohlcv from the first test day on, per symbol by exchange date. */
    private static Map<String, NavigableMap<LocalDate, Double>> closes(RunContext context, long ohlcvVersion,
                                                                       StudentTestRows rows) {
        PipelineConfig.Run run = context.config().run();
        LocalDate first = rows.dates()[0];
        Map<String, NavigableMap<LocalDate, Double>> closes = new HashMap<>();
        context.lake().readVersion(LakeTable.OHLCV, ohlcvVersion)
                .where(col(OhlcvSchema.SYMBOL).isin(context.symbols().toArray())
                        .and(col(OhlcvSchema.INTERVAL).equalTo(run.interval()))
                        .and(OhlcvSchema.onDates(run.startDate(), run.endDate(), context.calendar().zone())))
                .select(col(OhlcvSchema.SYMBOL), to_date(col(OhlcvSchema.TS)).as("date"), col(OhlcvSchema.CLOSE))
                .where(col("date").geq(lit(Date.valueOf(first))))
                .collectAsList()
                .forEach(r -> closes.computeIfAbsent(r.getString(0), s -> new TreeMap<>())
                        .put(r.getDate(1).toLocalDate(), r.getDouble(2)));
        return closes;
    }

    private static NavigableMap<LocalDate, Double> readIndex(RunContext context, String path) {
        if (!LakeFiles.exists(context.lake().hadoopConf(), path)) {
            throw new ConfigException(IndexSeries.KEY + " file " + path + " does not exist; point it at a csv of daily "
                    + "index closes (date,close) or set it to \"\" to compare with the equal-weighted universe");
        }
        return IndexSeries.parse(new String(LakeFiles.read(context.lake().hadoopConf(), path), StandardCharsets.UTF_8), path);
    }

    /** The report's JSON: the project's mapper, indented for people. */
    static String json(Object value) {
        try {
            return Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the statistical tests report as JSON", e);
        }
    }
}
