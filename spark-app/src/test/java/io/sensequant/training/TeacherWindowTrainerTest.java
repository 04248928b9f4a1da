package io.sensequant.training;

import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Hashing;
import io.sensequant.identity.Seeds;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.WindowPlanner;
import io.sensequant.spark.SharedSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teacher window rules, on the trainer itself with hand-made feature rows (no Spark job): window labels,
 * the three skip reasons (not enough future bars for the last labels, fewer than min_samples rows, too few
 * rows to split), and the time-ordered split with purged rows, whose validation part is never below 2 rows.
 */
class TeacherWindowTrainerTest {
    static final String SYMBOL = "TCS";
    static final List<String> FEATURES = List.of("f1", "f2");
    static final StructType ROW = new StructType()
            .add("ts", DataTypes.TimestampType)
            .add("date", DataTypes.DateType)
            .add("label", DataTypes.IntegerType)
            .add("f1", DataTypes.DoubleType)
            .add("f2", DataTypes.DoubleType);
    /** Weekends and one holiday, Monday 2024-03-04, so that "days short" must count sessions. */
    static final TradingCalendar CALENDAR = new TradingCalendar("TEST", "UTC", LocalTime.of(9, 15), LocalTime.of(15, 30),
            Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(LocalDate.of(2024, 3, 4)));

    static PipelineConfig.Training training;
    static Map<String, Object> hyperparameters;

    @BeforeAll
    static void config() {
        PipelineConfig config = SharedSpark.testConfig();
        training = config.training();
        // The hand-worked splits below assume the shipped fractions.
        assertEquals(0.8, training.trainFraction());
        assertEquals(0.6, training.minTrainFraction());
        hyperparameters = new HashMap<>(config.models().xgboost().hyperparameters().teacher());
        hyperparameters.put(XgbParams.NUM_ROUND, 2); // the split is under test, not the model
    }

    static Row row(LocalDate day, int i) {
        return new GenericRowWithSchema(new Object[] {Timestamp.valueOf(day.atTime(15, 30)), Date.valueOf(day), i % 3,
                (double) i, Math.sin(i)}, ROW);
    }

    static TeacherSpec spec(WindowPlanner planner, LocalDate start, LocalDate end, int horizon, int minSamples,
                            LocalDate lastBar, Path models) {
        return new TeacherSpec("run-1", 7L, FEATURES, hyperparameters, 1, planner, start, end, horizon, minSamples,
                training.trainFraction(), training.minTrainFraction(), CALENDAR, Map.of(SYMBOL, lastBar), models.toString());
    }

    static Object field(Row outcome, String name) {
        return outcome.get(TeacherRows.SCHEMA.fieldIndex(name));
    }

    @Test
    void windowsAreLabelledAndSkippedWithTheirReasons(@TempDir Path models) throws IOException {
        // Four 15-day windows over Jan-Feb 2024, horizon 3 sessions, min_samples 5, last bar Friday 2024-03-01.
        TeacherSpec spec = spec(new WindowPlanner(15, 15), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29),
                3, 5, LocalDate.of(2024, 3, 1), models);
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (LocalDate day : CALENDAR.tradingDays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29))) {
            boolean sparse = !day.isBefore(LocalDate.of(2024, 1, 16)) && !day.isAfter(LocalDate.of(2024, 1, 30));
            boolean small = !day.isBefore(LocalDate.of(2024, 1, 31)) && !day.isAfter(LocalDate.of(2024, 2, 14));
            // Window 2 keeps 3 of its sessions, window 3 keeps 6 (Jan 31 .. Feb 7).
            if ((sparse && i % 4 != 0) || (small && day.isAfter(LocalDate.of(2024, 2, 7)))) {
                i++;
                continue;
            }
            rows.add(row(day, i++));
        }
        List<Row> reversed = new ArrayList<>(rows);
        java.util.Collections.reverse(reversed); // any order in, time order inside
        List<Row> out = new TeacherWindowTrainer(spec, new Configuration()).train(SYMBOL, reversed);

        assertEquals(List.of("TCS_2024-01-01_to_2024-01-15", "TCS_2024-01-16_to_2024-01-30",
                "TCS_2024-01-31_to_2024-02-14", "TCS_2024-02-15_to_2024-02-29"),
                out.stream().map(r -> field(r, "window_label")).toList());
        assertEquals(List.of("success", "skipped", "skipped", "skipped"), out.stream().map(r -> field(r, "status")).toList());

        // 1: 11 sessions (Jan 1..15). 1 - 2/11 > 0.8, so train_fraction 0.8: train end floor(8.8) = 8,
        // the 3 rows before it purged (horizon 3), 3 validation rows.
        Row first = out.get(0);
        assertEquals(11, field(first, "labelled_rows"));
        assertEquals(5, field(first, "train_rows"));
        assertEquals(3, field(first, "purged_rows"));
        assertEquals(3, field(first, "validation_rows"));
        assertEquals(2, field(first, "feature_count"));
        assertEquals(Seeds.deriveInt(7L, "teacher/TCS_2024-01-01_to_2024-01-15"), field(first, "seed"));
        assertNull(field(first, "reason"));
        String modelPath = (String) field(first, "model_path");
        assertEquals(models + "/teachers/TCS_2024-01-01_to_2024-01-15.json", modelPath);
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(Path.of(modelPath))), field(first, "model_sha256"));
        scala.collection.Seq<?> predictions = (scala.collection.Seq<?>) field(first, TeacherRows.PREDICTIONS);
        assertEquals(3, predictions.size());
        // Validation is the last 3 rows of the window: Jan 11, 12, 15.
        assertEquals(Timestamp.valueOf(LocalDate.of(2024, 1, 11).atTime(15, 30)), ((Row) predictions.apply(0)).get(0));

        // 2: 3 rows kept.
        assertEquals("3 samples after warm-up and labelling, fewer than min_samples 5", field(out.get(1), "reason"));
        assertEquals(3, field(out.get(1), "labelled_rows"));
        // 3: 6 rows: fraction max(0.6, 1 - 2/6) = 2/3, train end 4, purging 3 leaves 1 train row.
        assertEquals("1 train and 2 validation rows after purging 3 rows; need 2 of each", field(out.get(2), "reason"));
        // 4: ends Thursday Feb 29; 3 sessions later is Wednesday Mar 6 (Mar 4 is a holiday); the last bar is
        // Friday Mar 1, so 2 sessions (Mar 5, Mar 6) are missing.
        assertEquals("insufficient future data: need through 2024-03-06, have through 2024-03-01, 2 days short",
                field(out.get(3), "reason"));
        assertEquals(List.of(), scala.collection.JavaConverters.seqAsJavaList(
                (scala.collection.Seq<?>) field(out.get(3), TeacherRows.PREDICTIONS)));
        try (var files = Files.list(models.resolve("teachers"))) {
            // (Hadoop's local file system adds a hidden .crc file next to each.)
            assertEquals(List.of("TCS_2024-01-01_to_2024-01-15.json"), files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json")).toList(), "only the trained window writes a model");
        }
    }

    @Test
    void smallWindowsAlwaysKeepTwoValidationRows(@TempDir Path models) {
        // One window holding n sessions, horizon 1: fraction min(0.8, max(0.6, 1 - 2/n)).
        Map<Integer, int[]> byHand = Map.of(
                4, new int[] {1, 1, 2},   // 0.6: train end floor(2.4) = 2, 1 purged: too few train rows, skipped
                5, new int[] {2, 1, 2},   // 0.6: train end 3
                6, new int[] {3, 1, 2},   // 2/3: train end 4
                9, new int[] {6, 1, 2},   // 7/9: train end 7
                10, new int[] {7, 1, 2},  // 0.8: train end 8
                11, new int[] {7, 1, 3},  // 0.8: train end floor(8.8) = 8
                20, new int[] {15, 1, 4});
        List<Row> days = new ArrayList<>();
        int i = 0;
        for (LocalDate day : CALENDAR.tradingDays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31))) {
            days.add(row(day, i++));
        }
        for (int n = 4; n <= 24; n++) {
            TeacherSpec spec = spec(new WindowPlanner(366, 366), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
                    1, 4, LocalDate.of(2025, 1, 31), models);
            List<Row> out = new TeacherWindowTrainer(spec, new Configuration()).train(SYMBOL, days.subList(0, n));
            assertEquals(1, out.size());
            Row r = out.get(0);
            int train = (int) field(r, "train_rows");
            int purged = (int) field(r, "purged_rows");
            int validation = (int) field(r, "validation_rows");
            assertEquals(n, train + purged + validation, "n = " + n);
            assertTrue(validation >= 2, "n = " + n + ": " + validation + " validation rows");
            assertEquals(n >= 5 ? "success" : "skipped", field(r, "status"), "n = " + n + ": " + field(r, "reason"));
            if (byHand.containsKey(n)) {
                assertEquals(List.of(byHand.get(n)[0], byHand.get(n)[1], byHand.get(n)[2]), List.of(train, purged, validation),
                        "n = " + n);
            }
            if (n >= 5) {
                assertEquals(validation, ((scala.collection.Seq<?>) field(r, TeacherRows.PREDICTIONS)).size());
            }
        }
    }
}
