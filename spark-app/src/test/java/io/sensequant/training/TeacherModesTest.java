package io.sensequant.training;

import io.sensequant.config.ConfDir;
import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Hashing;
import io.sensequant.market.MarketData;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.WindowPlanner;
import io.sensequant.spark.SharedSpark;
import org.apache.hadoop.conf.Configuration;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both teacher modes (and the benchmark's sequential loop) on two tiny symbols × four windows: the same window
 * labels, statuses, skip reasons and split counts; a window whose data makes XGBoost throw (labels outside
 * num_class, only in BBB's second window) fails alone, with its exception recorded, and every other window
 * still trains; every model file's SHA-256 is the recorded one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeacherModesTest {
    static final LocalDate START = LocalDate.of(2022, 1, 1);
    static final LocalDate END = LocalDate.of(2022, 12, 31);
    static final List<String> FEATURES = List.of("f1", "f2");
    static final int HORIZON = 3;
    static final String BROKEN = "BBB_2022-05-01_to_2022-08-28";

    @TempDir
    Path dir;
    SparkSession spark;
    TradingCalendar calendar;
    Dataset<Row> features;

    @BeforeAll
    void data() {
        spark = SharedSpark.get();
        calendar = new MarketData(ConfDir.locate()).calendar("nse");
        StructType schema = new StructType().add("symbol", DataTypes.StringType).add("ts", DataTypes.TimestampType)
                .add("date", DataTypes.DateType).add("label", DataTypes.IntegerType)
                .add("f1", DataTypes.DoubleType).add("f2", DataTypes.DoubleType).add("unused", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (String symbol : List.of("AAA", "BBB")) {
            int i = 0;
            for (LocalDate day : calendar.tradingDays(START, END)) {
                int label = (i * 7 + symbol.hashCode()) % 3;
                boolean broken = symbol.equals("BBB") && !day.isBefore(LocalDate.of(2022, 5, 1))
                        && !day.isAfter(LocalDate.of(2022, 8, 28)) && i % 5 == 0;
                // f2 tracks the label with some noise; f1 is null on some rows (missing)
                rows.add(RowFactory.create(symbol, Timestamp.valueOf(day.atTime(15, 30)), Date.valueOf(day),
                        broken ? 7 : label, i % 11 == 0 ? null : Math.sin(i), label + 0.3 * Math.cos(i * 1.7), "x"));
                i++;
            }
        }
        features = spark.createDataFrame(rows, schema);
    }

    TeacherSpec spec(String mode) {
        PipelineConfig config = SharedSpark.testConfig();
        Map<String, Object> hyper = new HashMap<>(config.models().xgboost().hyperparameters().teacher());
        hyper.put(XgbParams.NUM_ROUND, 5);
        LocalDate lastBar = calendar.tradingDays(START, END).get(calendar.tradingDays(START, END).size() - 1);
        return new TeacherSpec("run_test", config.run().baseSeed(), FEATURES, hyper, 1, new WindowPlanner(120, 120),
                START, END, HORIZON, 20, 0.8, 0.6, calendar, Map.of("AAA", lastBar, "BBB", lastBar),
                dir.resolve(mode).toString());
    }

    List<Row> run(String mode) {
        return TeacherTraining.train(features, spec(mode), new Configuration(), new TeacherTraining.Settings(mode, 2, 2))
                .orderBy("window_label").collectAsList();
    }

    static Map<String, String> statuses(List<Row> outcomes) {
        Map<String, String> byLabel = new TreeMap<>();
        outcomes.forEach(r -> byLabel.put(r.getAs("window_label"), r.getAs("status")));
        return byLabel;
    }

    static List<String> counts(Row r) {
        return List.of(r.getAs("window_label").toString(), String.valueOf(r.<Object>getAs("reason")),
                r.getAs("labelled_rows").toString(), r.getAs("train_rows").toString(),
                r.getAs("purged_rows").toString(), r.getAs("validation_rows").toString(), r.getAs("seed").toString());
    }

    void checkIsolatedFailure(List<Row> outcomes) throws Exception {
        assertEquals(8, outcomes.size());
        for (Row r : outcomes) {
            String label = r.getAs("window_label");
            String status = r.getAs("status");
            if (label.equals(BROKEN)) {
                assertEquals("failed", status, label);
                assertNotNull(r.getAs("error_type"));
                assertNotNull(r.getAs("error_message"));
                assertTrue(r.<String>getAs("stack_trace").contains("at "), r.<String>getAs("stack_trace"));
                assertTrue(r.<String>getAs("reason").startsWith(simpleName(r.getAs("error_type"))), r.<String>getAs("reason"));
                assertNull(r.getAs("model_path"));
            } else if (label.endsWith("_2022-12-27_to_2022-12-31")) {
                assertEquals("skipped", status, label);
                assertTrue(r.<String>getAs("reason").startsWith("insufficient future data"), r.<String>getAs("reason"));
            } else {
                assertEquals("success", status, label + ": " + r.getAs("reason"));
                Path model = Path.of(r.<String>getAs("model_path"));
                assertEquals(r.getAs("model_sha256"), Hashing.sha256Hex(Files.readAllBytes(model)), label);
                assertEquals(r.<Integer>getAs("validation_rows"), r.getList(r.fieldIndex(TeacherRows.PREDICTIONS)).size());
                assertTrue(r.<Double>getAs("validation_accuracy") >= 0);
            }
        }
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @Test
    void modesAgreeAndIsolateAFailingWindow() throws Exception {
        List<Row> parallel = run(PipelineConfig.Teacher.PARALLEL_WINDOWS);
        List<Row> distributed = run(PipelineConfig.Teacher.DISTRIBUTED);
        List<Row> sequential = run(PipelineConfig.BenchTeachers.SEQUENTIAL);
        checkIsolatedFailure(parallel);
        checkIsolatedFailure(distributed);
        checkIsolatedFailure(sequential);
        assertEquals(statuses(parallel), statuses(distributed));
        assertEquals(statuses(parallel), statuses(sequential));
        for (int i = 0; i < parallel.size(); i++) {
            if (!parallel.get(i).getAs("status").equals("failed")) {
                assertEquals(counts(parallel.get(i)), counts(distributed.get(i)));
            } else {
                // the failure's message differs by mode and carries XGBoost's clock time; the window's plan does not
                assertEquals(counts(parallel.get(i)).subList(2, 7), counts(distributed.get(i)).subList(2, 7));
                assertEquals(counts(parallel.get(i)).subList(2, 7), counts(sequential.get(i)).subList(2, 7));
                continue;
            }
            assertEquals(counts(parallel.get(i)), counts(sequential.get(i)));
        }
        // native XGBoost on the same rows, seed and params gives the same model whether in a task or on the driver
        for (int i = 0; i < parallel.size(); i++) {
            assertEquals(String.valueOf(parallel.get(i).<Object>getAs("model_sha256")),
                    String.valueOf(sequential.get(i).<Object>getAs("model_sha256")));
        }
        System.out.println("teacher modes: " + statuses(distributed) + "; distributed failure: "
                + distributed.stream().filter(r -> r.getAs("status").equals("failed")).map(r -> r.getAs("reason")).toList());
    }
}
