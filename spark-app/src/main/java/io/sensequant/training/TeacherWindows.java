package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import io.sensequant.identity.Seeds;
import io.sensequant.market.TrainingWindow;
import io.sensequant.stats.ClassificationMetrics;
import io.sensequant.stats.ConfusionMatrix;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

/**
 * The rules every teacher mode shares, so that {@code parallel-windows} and {@code distributed} (and the
 * benchmark's sequential loop) plan, split, skip and record windows identically: the window's seed, the
 * skip checks (future data, min_samples, too few rows after purging), the time-ordered split (train, then
 * {@code horizon} purged rows, then validation), metrics, prediction rows and the outcome row
 * ({@link TeacherRows#SCHEMA}). Only fitting the booster differs between modes.
 */
final class TeacherWindows {
    private TeacherWindows() {
    }

    /**
     * A window's plan given its labelled row count: either a skip with its reason, or the split as row
     * indices into the window's rows in time order: {@code [0, trainRows)} train, {@code [trainRows, trainEnd)}
     * purged, {@code [trainEnd, n)} validation.
     */
    record Plan(TrainingWindow window, int seed, int labelledRows, String skipReason, boolean split, int trainRows, int trainEnd) {
        boolean skipped() {
            return skipReason != null;
        }

        int purgedRows() {
            return trainEnd - trainRows;
        }

        int validationRows() {
            return labelledRows - trainEnd;
        }
    }

    static int seed(TeacherSpec spec, TrainingWindow window) {
        return Seeds.deriveInt(spec.baseSeed(), "teacher/" + window.label());
    }

    static List<TrainingWindow> windows(TeacherSpec spec, String symbol) {
        return spec.planner().plan(symbol, spec.start(), spec.end());
    }

    static boolean within(LocalDate date, TrainingWindow window) {
        return !date.isBefore(window.start()) && !date.isAfter(window.end());
    }

    static Plan plan(TeacherSpec spec, TrainingWindow window, int n) {
        int seed = seed(spec, window);
        LocalDate lastBar = spec.lastBarBySymbol().get(window.symbol());
        LocalDate needThrough = spec.calendar().addSessions(window.end(), spec.horizon());
        if (lastBar == null || needThrough.isAfter(lastBar)) {
            int short_ = lastBar == null ? spec.horizon() : spec.calendar().sessionsBetween(lastBar, needThrough);
            return new Plan(window, seed, n, String.format("insufficient future data: need through %s, have through %s, %d days short",
                    needThrough, lastBar, short_), false, 0, 0);
        }
        if (n < spec.minSamples()) {
            return new Plan(window, seed, n, String.format("%d samples after warm-up and labelling, fewer than min_samples %d",
                    n, spec.minSamples()), false, 0, 0);
        }
        double fraction = Math.min(spec.trainFraction(), Math.max(spec.minTrainFraction(), 1.0 - 2.0 / n));
        int trainEnd = (int) Math.floor(n * fraction);
        int purgedStart = Math.max(0, trainEnd - spec.horizon());
        int trainRows = purgedStart;
        int validationRows = n - trainEnd;
        if (trainRows < 2 || validationRows < 2) {
            // counts are recorded as they would have been split
            return new Plan(window, seed, n, String.format("%d train and %d validation rows after purging %d rows; need 2 of each",
                    trainRows, validationRows, trainEnd - purgedStart), true, trainRows, trainEnd);
        }
        return new Plan(window, seed, n, null, true, trainRows, trainEnd);
    }

    /** What a fitted teacher produced for its window, whichever mode fitted it. */
    record Fitted(float[][] trainProbabilities, float[][] validationProbabilities, byte[] jsonModel) {
    }

    static ClassificationMetrics metrics(int[] labels, float[][] probabilities) {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        for (int i = 0; i < labels.length; i++) {
            matrix.add(labels[i], argmax(probabilities[i]));
        }
        return ClassificationMetrics.of(matrix);
    }

    static Row prediction(Timestamp ts, int label, float[] probabilities) {
        int predicted = argmax(probabilities);
        return RowFactory.create(ts, label, predicted, (double) probabilities[0], (double) probabilities[1],
                (double) probabilities[2], (double) probabilities[predicted]);
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

    static String modelPath(TeacherSpec spec, TrainingWindow window) {
        return spec.modelsDir() + "/teachers/" + window.label() + ".json";
    }

    static Row skipped(TeacherSpec spec, Plan plan, long startedNanos) {
        return outcome(spec, plan, "skipped", plan.skipReason(), null, null, startedNanos, null, List.of());
    }

    static Row failed(TeacherSpec spec, Plan plan, Throwable error, long startedNanos) {
        return outcome(spec, plan, "failed", error.getClass().getSimpleName() + ": " + error.getMessage(), null, null,
                startedNanos, error, List.of());
    }

    /**
     * The success row: metrics from the labels and probabilities, the model written to its path (SHA-256 recorded),
     * and the validation predictions for the student.
     */
    static Row success(TeacherSpec spec, Plan plan, Fitted fitted, int[] trainLabels, Timestamp[] validationTs,
                       int[] validationLabels, String modelPath, String modelSha256, long startedNanos) {
        double trainAccuracy = metrics(trainLabels, fitted.trainProbabilities()).accuracy();
        ClassificationMetrics validation = metrics(validationLabels, fitted.validationProbabilities());
        List<Row> predictions = new java.util.ArrayList<>(validationTs.length);
        for (int i = 0; i < validationTs.length; i++) {
            predictions.add(prediction(validationTs[i], validationLabels[i], fitted.validationProbabilities()[i]));
        }
        return outcome(spec, plan, "success", null, new double[]{trainAccuracy, validation.accuracy(), validation.macroF1()},
                new String[]{modelPath, modelSha256}, startedNanos, null, predictions);
    }

    private static Row outcome(TeacherSpec spec, Plan plan, String status, String reason, double[] metrics, String[] model,
                               long startedNanos, Throwable error, List<Row> predictions) {
        String stack = null;
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            stack = trace.toString();
        }
        TrainingWindow window = plan.window();
        boolean split = plan.split();
        return RowFactory.create(spec.runId(), window.symbol(), window.label(), Date.valueOf(window.start()),
                Date.valueOf(window.end()), status, reason, plan.labelledRows(), split ? plan.trainRows() : 0,
                split ? plan.purgedRows() : 0, split ? plan.validationRows() : 0, spec.featureColumns().size(),
                plan.seed(), metrics == null ? null : metrics[0], metrics == null ? null : metrics[1],
                metrics == null ? null : metrics[2], model == null ? null : model[0], model == null ? null : model[1],
                (System.nanoTime() - startedNanos) / 1_000_000, error == null ? null : error.getClass().getName(),
                error == null ? null : error.getMessage(), stack,
                scala.collection.JavaConverters.asScalaBufferConverter(predictions).asScala().toSeq());
    }

    static int label(Row row) {
        return row.<Integer>getAs(FeatureColumns.LABEL);
    }
}
