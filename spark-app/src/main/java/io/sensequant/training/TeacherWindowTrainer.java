package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import io.sensequant.identity.Seeds;
import io.sensequant.market.TrainingWindow;
import io.sensequant.spark.LakeFiles;
import io.sensequant.stats.ClassificationMetrics;
import io.sensequant.stats.ConfusionMatrix;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one symbol's teachers, window by window, inside a Spark task with native XGBoost. Each window's
 * split is time-ordered: train, then {@code horizon} purged rows (whose labels would overlap validation),
 * then validation, so the validation predictions are out of sample. A window that fails is recorded with
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
        for (TrainingWindow window : spec.planner().plan(symbol, spec.start(), spec.end())) {
            List<Row> inWindow = sorted.stream().filter(r -> within(r, window)).toList();
            results.add(trainWindow(window, inWindow));
        }
        return results;
    }

    private Row trainWindow(TrainingWindow window, List<Row> rows) {
        int seed = Seeds.deriveInt(spec.baseSeed(), "teacher/" + window.label());
        long started = System.nanoTime();
        int n = rows.size();
        LocalDate lastBar = spec.lastBarBySymbol().get(window.symbol());
        LocalDate needThrough = spec.calendar().addSessions(window.end(), spec.horizon());
        if (lastBar == null || needThrough.isAfter(lastBar)) {
            int short_ = lastBar == null ? spec.horizon() : spec.calendar().sessionsBetween(lastBar, needThrough);
            return outcome(window, "skipped", String.format("insufficient future data: need through %s, have through %s, %d days short",
                    needThrough, lastBar, short_), n, 0, 0, 0, seed, null, null, started, null, List.of());
        }
        if (n < spec.minSamples()) {
            return outcome(window, "skipped", String.format("%d samples after warm-up and labelling, fewer than min_samples %d",
                    n, spec.minSamples()), n, 0, 0, 0, seed, null, null, started, null, List.of());
        }
        double fraction = Math.min(spec.trainFraction(), Math.max(spec.minTrainFraction(), 1.0 - 2.0 / n));
        int trainEnd = (int) Math.floor(n * fraction);
        int purgedStart = Math.max(0, trainEnd - spec.horizon());
        int trainRows = purgedStart;
        int validationRows = n - trainEnd;
        if (trainRows < 2 || validationRows < 2) {
            return outcome(window, "skipped", String.format("%d train and %d validation rows after purging %d rows; need 2 of each",
                    trainRows, validationRows, trainEnd - purgedStart), n, trainRows, trainEnd - purgedStart, validationRows,
                    seed, null, null, started, null, List.of());
        }
        DMatrix train = null;
        DMatrix validation = null;
        Booster booster = null;
        try {
            List<Row> trainPart = rows.subList(0, trainRows);
            List<Row> validationPart = rows.subList(trainEnd, n);
            train = matrix(trainPart);
            validation = matrix(validationPart);
            XgbParams params = XgbParams.of(spec.hyperparameters(), seed, spec.nthread());
            Map<String, DMatrix> watches = new HashMap<>();
            booster = XGBoost.train(train, params.booster(), params.numRound(), watches, null, null);
            float[][] trainProbabilities = booster.predict(train);
            float[][] validationProbabilities = booster.predict(validation);
            double trainAccuracy = metrics(trainPart, trainProbabilities).accuracy();
            ClassificationMetrics validationMetrics = metrics(validationPart, validationProbabilities);
            byte[] model = booster.toByteArray("json");
            String modelPath = spec.modelsDir() + "/teachers/" + window.label() + ".json";
            String sha = LakeFiles.write(hadoopConf, modelPath, model);
            List<Row> predictions = new ArrayList<>();
            for (int i = 0; i < validationPart.size(); i++) {
                predictions.add(prediction(validationPart.get(i), validationProbabilities[i]));
            }
            return outcome(window, "success", null, n, trainRows, trainEnd - purgedStart, validationRows, seed,
                    new double[]{trainAccuracy, validationMetrics.accuracy(), validationMetrics.macroF1()},
                    new String[]{modelPath, sha}, started, null, predictions);
        } catch (XGBoostError | RuntimeException e) {
            return outcome(window, "failed", e.getClass().getSimpleName() + ": " + e.getMessage(), n, trainRows,
                    trainEnd - purgedStart, validationRows, seed, null, null, started, e, List.of());
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
            labels[i] = row.<Integer>getAs(FeatureColumns.LABEL);
        }
        DMatrix matrix = new DMatrix(values, rows.size(), features.size(), MISSING);
        matrix.setLabel(labels);
        return matrix;
    }

    private static ClassificationMetrics metrics(List<Row> rows, float[][] probabilities) {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        for (int i = 0; i < rows.size(); i++) {
            matrix.add(rows.get(i).<Integer>getAs(FeatureColumns.LABEL), argmax(probabilities[i]));
        }
        return ClassificationMetrics.of(matrix);
    }

    private static Row prediction(Row row, float[] probabilities) {
        int predicted = argmax(probabilities);
        return RowFactory.create(row.<Timestamp>getAs("ts"), row.<Integer>getAs(FeatureColumns.LABEL), predicted,
                (double) probabilities[0], (double) probabilities[1], (double) probabilities[2],
                (double) probabilities[predicted]);
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private Row outcome(TrainingWindow window, String status, String reason, int raw, int train, int purged,
                        int validation, int seed, double[] metrics, String[] model, long startedNanos,
                        Throwable error, List<Row> predictions) {
        String stack = null;
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            stack = trace.toString();
        }
        return RowFactory.create(spec.runId(), window.symbol(), window.label(), Date.valueOf(window.start()),
                Date.valueOf(window.end()), status, reason, raw, train, purged, validation, spec.featureColumns().size(),
                seed, metrics == null ? null : metrics[0], metrics == null ? null : metrics[1],
                metrics == null ? null : metrics[2], model == null ? null : model[0], model == null ? null : model[1],
                (System.nanoTime() - startedNanos) / 1_000_000, error == null ? null : error.getClass().getName(),
                error == null ? null : error.getMessage(), stack,
                scala.collection.JavaConverters.asScalaBufferConverter(predictions).asScala().toSeq());
    }

    private static boolean within(Row row, TrainingWindow window) {
        LocalDate date = row.<Date>getAs(FeatureColumns.DATE).toLocalDate();
        return !date.isBefore(window.start()) && !date.isAfter(window.end());
    }
}
