package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import io.sensequant.market.TrainingWindow;
import io.sensequant.spark.LakeFiles;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * Trains one symbol's teachers, window by window, with native XGBoost: inside a Spark task
 * ({@code parallel-windows}) or on the driver (the benchmark's sequential loop). Planning, splitting,
 * skipping and the outcome rows come from {@link TeacherWindows}; a window that fails is recorded with
 * its exception and never stops the others.
 */
final class TeacherWindowTrainer {
    private static final float MISSING = Float.NaN;

    private final TeacherSpec spec;
    private final Configuration hadoopConf;

    TeacherWindowTrainer(TeacherSpec spec, Configuration hadoopConf) {
        this.spec = spec;
        this.hadoopConf = hadoopConf;
    }

    /** @param rows the symbol's labelled feature rows, in any order */
    List<Row> train(String symbol, List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> r.<Timestamp>getAs("ts")));
        List<Row> results = new ArrayList<>();
        for (TrainingWindow window : TeacherWindows.windows(spec, symbol)) {
            List<Row> inWindow = sorted.stream()
                    .filter(r -> TeacherWindows.within(r.<Date>getAs(FeatureColumns.DATE).toLocalDate(), window)).toList();
            results.add(trainWindow(window, inWindow));
        }
        return results;
    }

    private Row trainWindow(TrainingWindow window, List<Row> rows) {
        long started = System.nanoTime();
        TeacherWindows.Plan plan = TeacherWindows.plan(spec, window, rows.size());
        if (plan.skipped()) {
            return TeacherWindows.skipped(spec, plan, started);
        }
        DMatrix train = null;
        DMatrix validation = null;
        Booster booster = null;
        try {
            List<Row> trainPart = rows.subList(0, plan.trainRows());
            List<Row> validationPart = rows.subList(plan.trainEnd(), rows.size());
            train = matrix(trainPart);
            validation = matrix(validationPart);
            XgbParams params = XgbParams.of(spec.hyperparameters(), plan.seed(), spec.nthread());
            booster = XGBoost.train(train, params.booster(), params.numRound(), new HashMap<>(), null, null);
            TeacherWindows.Fitted fitted = new TeacherWindows.Fitted(booster.predict(train), booster.predict(validation),
                    booster.toByteArray("json"));
            String modelPath = TeacherWindows.modelPath(spec, window);
            String sha = LakeFiles.write(hadoopConf, modelPath, fitted.jsonModel());
            return TeacherWindows.success(spec, plan, fitted, labels(trainPart),
                    validationPart.stream().map(r -> r.<Timestamp>getAs("ts")).toArray(Timestamp[]::new),
                    labels(validationPart), modelPath, sha, started);
        } catch (XGBoostError | RuntimeException e) {
            return TeacherWindows.failed(spec, plan, e, started);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (train != null) {
                train.dispose();
            }
            if (validation != null) {
                validation.dispose();
            }
        }
    }

    private static int[] labels(List<Row> rows) {
        return rows.stream().mapToInt(TeacherWindows::label).toArray();
    }

    private DMatrix matrix(List<Row> rows) throws XGBoostError {
        List<String> features = spec.featureColumns();
        float[] values = new float[rows.size() * features.size()];
        float[] labels = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            for (int j = 0; j < features.size(); j++) {
                Object value = row.getAs(features.get(j));
                values[i * features.size() + j] = value == null ? MISSING : ((Number) value).floatValue();
            }
            labels[i] = TeacherWindows.label(row);
        }
        DMatrix matrix = new DMatrix(values, rows.size(), features.size(), MISSING);
        matrix.setLabel(labels);
        return matrix;
    }
}
