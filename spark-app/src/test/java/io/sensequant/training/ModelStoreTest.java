package io.sensequant.training;

import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.SharedSpark;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models load only when their SHA-256 matches the record; a tampered teacher file or student model is refused, named. */
class ModelStoreTest {
    @TempDir
    Path dir;

    final Configuration conf = new Configuration();

    static void assertRefusal(ModelIntegrityException e, String path, String expected) {
        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(path), e.getMessage());
        assertTrue(e.getMessage().contains("recorded sha256 " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("found "), e.getMessage());
        assertTrue(e.getMessage().contains("retrain"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void teacherFileVerifiesAndATamperedOneIsRefused() throws Exception {
        float[] values = new float[60];
        float[] labels = new float[30];
        for (int i = 0; i < 30; i++) {
            values[2 * i] = i;
            values[2 * i + 1] = i % 3;
            labels[i] = i % 3;
        }
        DMatrix matrix = new DMatrix(values, 30, 2, Float.NaN);
        matrix.setLabel(labels);
        Map<String, Object> params = new HashMap<>(Map.of("objective", "multi:softprob", "num_class", 3, "seed", 1, "nthread", 1));
        Booster booster = XGBoost.train(matrix, params, 3, new HashMap<>(), null, null);
        String path = dir.resolve("teachers/T_2022-01-01_to_2022-06-29.json").toString();
        String sha = LakeFiles.write(conf, path, booster.toByteArray("json"));

        ModelStore store = new ModelStore(conf);
        Booster loaded = store.loadBooster(path, sha);
        assertEquals(booster.predict(matrix)[5][1], loaded.predict(matrix)[5][1]);
        loaded.dispose();

        // one changed byte: a split threshold edited in place
        byte[] bytes = Files.readAllBytes(Path.of(path));
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int digit = text.indexOf("\"split_conditions\":[") + "\"split_conditions\":[".length();
        bytes[digit] = (byte) (bytes[digit] == '1' ? '2' : '1');
        Files.write(Path.of(path), bytes);
        assertRefusal(assertThrows(ModelIntegrityException.class, () -> store.loadBooster(path, sha)), path, sha);

        Files.delete(Path.of(path));
        ModelIntegrityException missing = assertThrows(ModelIntegrityException.class, () -> store.loadBooster(path, sha));
        assertTrue(missing.getMessage().contains(path + " is missing"), missing.getMessage());
        booster.dispose();
        matrix.dispose();
    }

    @Test
    void studentSparkModelDirectoryVerifiesAndATamperedOneIsRefused() throws Exception {
        var spark = SharedSpark.get();
        StructType schema = new StructType().add("label", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(RowFactory.create(i % 3, Math.sin(i) + 0.5, i % 3 + 0.25));
        }
        Map<String, Object> params = new HashMap<>(Map.of("objective", "multi:softprob", "num_class", 3,
                "num_round", 3, "num_workers", 1, "nthread", 1, "seed", 1L, "missing", Float.NaN));
        var classifier = new ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier(scala.collection.JavaConverters
                .mapAsScalaMapConverter(params).asScala().toMap(scala.Predef.$conforms()));
        classifier.setFeaturesCol(StudentModel.FEATURES);
        classifier.setLabelCol("label");
        XGBoostClassificationModel model = classifier.fit(
                StudentModel.assemble(spark.createDataFrame(rows, schema), List.of("a", "b")));
        String sparkDir = dir.resolve("student/spark").toString();
        model.write().overwrite().save(sparkDir);
        String digest = ModelStore.directorySha256(conf, sparkDir);
        assertEquals(digest, ModelStore.directorySha256(conf, sparkDir), "the digest is stable");

        ModelStore store = new ModelStore(conf);
        XGBoostClassificationModel loaded = store.loadSparkModel(sparkDir, digest);
        assertEquals(model.nativeBooster().toByteArray("json").length, loaded.nativeBooster().toByteArray("json").length);

        // tamper with a file inside the model directory (the metadata's uid), leaving its .crc stale
        Path metadata;
        try (Stream<Path> files = Files.walk(Path.of(sparkDir, "metadata"))) {
            metadata = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.writeString(metadata, " ", StandardOpenOption.APPEND);
        assertNotEquals(digest, ModelStore.directorySha256(conf, sparkDir));
        assertRefusal(assertThrows(ModelIntegrityException.class, () -> store.loadSparkModel(sparkDir, digest)), sparkDir, digest);
    }
}
