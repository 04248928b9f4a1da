package io.sensequant.training;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.evaluation.ValidationPhase;
import io.sensequant.features.FeatureInputs;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.StoredArtifacts;
import io.sensequant.snapshot.Fingerprint;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.DeltaCommits;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeTable;
import io.sensequant.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct baseline on a planted panel (4 symbols, ~120 NSE sessions, real Delta tables, real XGBoost4J-Spark).
 * The data are built so that each way of getting it wrong fails a different assertion:
 * <ul>
 *   <li>the teachers' classes are the true class rotated by one ((label + 1) mod 3): a model that learned them
 *       is wrong on nearly every test row, one that learned the true labels right on most;</li>
 *   <li>teacher labels exist only from session {@link #TEACHERS_FROM}; before it the true label's relation to
 *       {@code f1} is inverted, on more sessions than the teacher-labelled ones, so a model fitted on every
 *       labelled training row (not the student's rows) learns the inverted rule and fails the test period.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectBaselineTest {
    static final List<String> SYMBOLS = List.of("INFY", "ITC", "RELIANCE", "TCS");
    static final List<String> FEATURES = List.of("f1", "f2", "f3");
    static final LocalDate START = LocalDate.of(2023, 1, 2);
    static final LocalDate END = LocalDate.of(2023, 6, 30);
    static final int TEACHERS_FROM = 60;
    static final int HORIZON = 3;
    static final String RUN = "run_direct";

    @TempDir
    static Path dir;
    Lake lake;
    List<LocalDate> days;

    @BeforeAll
    void lake() {
        SparkSession spark = SharedSpark.get();
        lake = new Lake(spark, dir.resolve("lake").toString());
        TradingCalendar nse = new MarketData(ConfDir.locate()).calendar("nse");
        days = nse.tradingDays(START, END);
        Random random = new Random(13);
        List<Row> bars = new ArrayList<>();
        List<Row> features = new ArrayList<>();
        List<Row> teacher = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            for (int i = 0; i < days.size(); i++) {
                Timestamp ts = Timestamp.from(days.get(i).atTime(15, 30).atZone(nse.zone()).toInstant());
                bars.add(RowFactory.create(symbol, "1day", ts, 100.0, 101.0, 99.0, 100.0, 1000L));
                double f1 = random.nextGaussian();
                double sign = i < TEACHERS_FROM ? -1 : 1;
                double fwd = sign * 0.02 * f1 + 0.002 * random.nextGaussian();
                int label = sign * f1 > 0.5 ? 2 : sign * f1 < -0.5 ? 0 : 1;
                features.add(RowFactory.create(symbol, "1day", ts, Date.valueOf(days.get(i)), f1, random.nextGaussian(),
                        random.nextGaussian(), fwd, label));
                if (i >= TEACHERS_FROM) {
                    int rotated = (label + 1) % 3;
                    double confidence = 0.5 + 0.5 * random.nextDouble();
                    teacher.add(RowFactory.create(RUN, TeacherPhase.MODEL, symbol, ts, "w" + (i / 20), "validation", label,
                            rotated, rotated == 0 ? confidence : 0.0, rotated == 1 ? confidence : 0.0,
                            rotated == 2 ? confidence : 0.0, confidence, fwd));
                }
            }
        }
        spark.createDataFrame(bars, OhlcvSchema.BARS).write().format("delta").save(lake.path(LakeTable.OHLCV));
        StructType featureSchema = new StructType().add("symbol", DataTypes.StringType).add("interval", DataTypes.StringType)
                .add("ts", DataTypes.TimestampType).add("date", DataTypes.DateType).add("f1", DataTypes.DoubleType)
                .add("f2", DataTypes.DoubleType).add("f3", DataTypes.DoubleType).add("fwd_return", DataTypes.DoubleType)
                .add("label", DataTypes.IntegerType);
        spark.createDataFrame(features, featureSchema).write().format("delta").save(lake.path(LakeTable.FEATURES));
        spark.createDataFrame(teacher, TrainingTables.PREDICTIONS).write().format("delta").save(lake.path(LakeTable.PREDICTIONS));
        StructType teacherRuns = new StructType().add("run_id", DataTypes.StringType).add("status", DataTypes.StringType)
                .add("train_accuracy", DataTypes.DoubleType).add("validation_accuracy", DataTypes.DoubleType)
                .add("validation_macro_f1", DataTypes.DoubleType);
        spark.createDataFrame(List.of(RowFactory.create(RUN, "success", 0.9, 0.0, 0.0)), teacherRuns)
                .write().format("delta").save(lake.path(LakeTable.TEACHER_RUNS));
    }

    RunContext context(String... extra) {
        List<String> assignments = new ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=4",
                "run.start_date=" + START, "run.end_date=" + END, "run.symbols=" + String.join(",", SYMBOLS),
                "paths.lake_root=" + lake.root(), "paths.release_dir=" + dir.resolve("release"),
                "features.forecast_horizon_days=" + HORIZON, "models.xgboost.hyperparameters.student.num_round=10",
                "models.xgboost.hyperparameters.student.eta=0.3", "training.student.num_workers=1", "reward.enabled=false"));
        assignments.addAll(List.of(extra));
        EffectiveConfig config = new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(List.of(), null, null, Map.of(), List.of(), assignments));
        MarketData market = new MarketData(ConfDir.locate());
        RunContext context = new RunContext(RUN, config, "test", market.universe("nifty100"), market.calendar("nse"), SYMBOLS, lake);
        context.record(new PhaseResult("features", Stage.FEATURES, "", Map.of(), Map.of("ohlcv", 0L, "features", 0L), List.of(), 0));
        context.record(new PhaseResult("feature selection", Stage.FEATURE_SELECTION, "",
                Map.of(FeatureInputs.SELECTED_FEATURES, FEATURES), Map.of(), List.of(), 0));
        context.record(new PhaseResult("teachers", Stage.TRAINING, "", Map.of(),
                Map.of("predictions", lake.latestVersion(LakeTable.PREDICTIONS).orElseThrow(), "teacher_runs", 0L), List.of(), 0));
        return context;
    }

    Dataset<Row> predictions(String model) {
        return lake.read(LakeTable.PREDICTIONS).where(col("run_id").equalTo(RUN).and(col("model").equalTo(model)));
    }

    static double accuracy(Dataset<Row> rows) {
        return (double) rows.where(col("prediction").equalTo(col("label"))).count() / rows.count();
    }

    @Test
    @SuppressWarnings("unchecked")
    void directModelLearnsTheTrueLabelsOfTheStudentsRowsAndIsReportedBesideIt() throws Exception {
        RunContext context = context();
        PhaseResult student = new StudentPhase().run(context);
        context.record(student);

        // the split, as the student recorded it; the test's own count of the rows each model may train on
        Date trainEnd = Date.valueOf((String) student.summary().get("train_end"));
        Dataset<Row> features = lake.read(LakeTable.FEATURES);
        long labelledTrainRows = features.where(col("date").leq(trainEnd)).count();
        long teacherTrainRows = features.where(col("date").leq(trainEnd)
                .and(col("date").geq(Date.valueOf(days.get(TEACHERS_FROM))))).count();
        assertTrue(teacherTrainRows > 50 && labelledTrainRows > 2 * teacherTrainRows, teacherTrainRows + " / " + labelledTrainRows);
        Map<String, Object> coverage = (Map<String, Object>) student.summary().get(StudentPhase.COVERAGE_SUMMARY);
        assertEquals(labelledTrainRows, coverage.get("labelled_train_rows"));
        assertEquals(teacherTrainRows, coverage.get("teacher_labelled_train_rows"));
        assertEquals(labelledTrainRows - teacherTrainRows, coverage.get("left_out_rows"));
        assertEquals(0.0, (Double) coverage.get("teacher_label_agreement"), "the teachers' classes are all rotated");

        // one student_runs row each, same rows, seed, split and hyperparameters; only label and weighting differ
        List<Row> runs = lake.read(LakeTable.STUDENT_RUNS).where(col("run_id").equalTo(RUN)).collectAsList();
        assertEquals(List.of(StudentPhase.MODEL, StudentPhase.DIRECT_MODEL), runs.stream().map(r -> r.<String>getAs("model")).toList(),
                "baseline first: readers that take the first student_runs row get the student");
        Row baselineRun = runs.get(0);
        Row directRun = runs.get(1);
        for (String column : List.of("train_rows", "test_rows", "seed", "train_start", "train_end", "test_start",
                "test_end", "hyperparameters")) {
            assertEquals(baselineRun.<Object>getAs(column), directRun.<Object>getAs(column), column);
        }
        assertEquals(teacherTrainRows, directRun.<Long>getAs("train_rows"));
        assertEquals("teacher_confidence", baselineRun.getAs("weighting"));
        assertEquals("uniform", directRun.getAs("weighting"));

        // every row predicted by both, with the same split per row
        Dataset<Row> direct = predictions(StudentPhase.DIRECT_MODEL);
        Dataset<Row> baseline = predictions(StudentPhase.MODEL);
        assertEquals(features.count(), direct.count());
        assertEquals(0, direct.as("d").join(baseline.as("s"), new String[]{"symbol", "ts"})
                .where(col("d.split").notEqual(col("s.split")).or(col("d.label").notEqual(col("s.label")))).count());
        assertEquals(directRun.<Long>getAs("test_rows"), direct.where(col("split").equalTo("test")).count());

        // what each learned: the student the teachers' rotated classes, the direct model the true ones of the
        // teacher period (a fit on every labelled row would have learned the inverted rule of the longer early period)
        double directTrain = accuracy(direct.where(col("split").equalTo("train").and(col("ts").geq(
                Timestamp.valueOf(days.get(TEACHERS_FROM).atStartOfDay())))));
        double directTest = accuracy(direct.where(col("split").equalTo("test")));
        double studentTest = accuracy(baseline.where(col("split").equalTo("test")));
        assertTrue(directTrain > 0.85, "direct model on its training rows: " + directTrain);
        assertTrue(directTest > 0.75, "direct model out of sample: " + directTest);
        assertTrue(studentTest < 0.25, "the student learned the rotated teacher classes: " + studentTest);

        // the direct model's file is recorded and hashed into the TRAINING snapshot like the student's
        Map<String, Object> directSummary = (Map<String, Object>) student.summary().get(StudentPhase.DIRECT_SUMMARY);
        assertEquals(true, directSummary.get("enabled"));
        assertEquals(directRun.getAs("model_sha256"), directSummary.get("model_sha256"));
        assertTrue(Files.exists(Path.of((String) directSummary.get("model_path"))));
        long runsVersion = lake.latestVersion(LakeTable.STUDENT_RUNS).orElseThrow();
        StoredArtifacts stored = StoredArtifacts.students(lake, RUN, runsVersion);
        assertTrue(stored.recorded().keySet().stream().anyMatch(p -> p.contains(StudentPhase.DIRECT_MODEL + "/model.json")),
                stored.recorded().toString());
        assertTrue(stored.changed().isEmpty(), stored.changed().toString());
        List<DeltaCommits.Committed> training = context.commits().drain();
        for (String table : List.of(LakeTable.PREDICTIONS.tableName(), LakeTable.STUDENT_RUNS.tableName())) {
            DeltaCommits.Committed commit = training.stream().filter(c -> c.table().equals(table)).reduce((a, b) -> b).orElseThrow();
            assertEquals(stored.sha256(), commit.snapshot().fingerprints().get(Fingerprint.MODEL_ARTIFACT_SHA256.key()), table);
        }

        // validation: the direct model's scopes and IC, and the comparison with its verdict
        PhaseResult validation = new ValidationPhase().run(context);
        Map<String, Object> studentTestScope = (Map<String, Object>) validation.summary().get("student/test");
        Map<String, Object> directTestScope = (Map<String, Object>) validation.summary().get(StudentPhase.DIRECT_MODEL + "/test");
        assertEquals(studentTest, (Double) studentTestScope.get("accuracy"), 1e-12, "student/test reads the student only");
        assertEquals(directTest, (Double) directTestScope.get("accuracy"), 1e-12);
        Map<String, Object> comparison = (Map<String, Object>) validation.summary().get(ValidationPhase.DIRECT_SUMMARY);
        assertEquals("distillation loses skill", comparison.get("verdict"), comparison.toString());
        Map<String, Object> directFigures = (Map<String, Object>) comparison.get("direct");
        Map<String, Object> studentFigures = (Map<String, Object>) comparison.get("student");
        assertTrue((Double) directFigures.get("rank_ic_mean") > 0.3, directFigures.toString());
        assertTrue((Integer) directFigures.get("ic_dates") > 10, directFigures.toString());
        assertEquals(studentFigures.get("ic_dates"), directFigures.get("ic_dates"));
        assertTrue(((String) comparison.get("sentence")).startsWith("distillation loses skill: direct model (true labels) test accuracy "),
                (String) comparison.get("sentence"));
        assertTrue(validation.headline().contains("distillation loses skill"), validation.headline());
        System.out.println("DirectBaselineTest: " + comparison.get("sentence") + "; coverage " + coverage);
        List<Row> metrics = lake.read(LakeTable.METRICS).where(col("run_id").equalTo(RUN)).collectAsList();
        assertTrue(metrics.stream().anyMatch(r -> r.getAs("scope").equals(StudentPhase.DIRECT_MODEL + "/test")
                && r.getAs("metric").equals("rank_ic_mean")), "the direct model's IC is in metrics");
        Row accuracyDifference = metrics.stream().filter(r -> r.getAs("scope").equals(ValidationPhase.DIRECT_SCOPE)
                && r.getAs("metric").equals("accuracy")).findFirst().orElseThrow();
        assertEquals(directTest - studentTest, accuracyDifference.<Double>getAs("value"), 1e-12);
        String markdown = Files.readString(dir.resolve("release").resolve(RUN).resolve("validation_summary.md"));
        assertTrue(markdown.contains("## Direct baseline") && markdown.contains("| " + StudentPhase.DIRECT_MODEL + "/test |"), markdown);

        // switched off on the same run: the replace predicates take its predictions and run row away
        RunContext off = context("training.student.direct_baseline=false");
        PhaseResult again = new StudentPhase().run(off);
        off.record(again);
        assertEquals(0, predictions(StudentPhase.DIRECT_MODEL).count());
        assertEquals(features.count(), predictions(StudentPhase.MODEL).count());
        assertEquals(List.of(StudentPhase.MODEL), lake.read(LakeTable.STUDENT_RUNS).where(col("run_id").equalTo(RUN))
                .collectAsList().stream().map(r -> r.<String>getAs("model")).toList());
        assertEquals(Map.of("enabled", false), again.summary().get(StudentPhase.DIRECT_SUMMARY));
        assertEquals(coverage, again.summary().get(StudentPhase.COVERAGE_SUMMARY), "recorded with the baseline off too");
    }
}
