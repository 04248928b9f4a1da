package io.sensequant.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, per-class and macro precision / recall / F1 from a confusion matrix. A class that is never
 * predicted (or never occurs) has precision (or recall) 0 and still counts in the macro average, as in
 * scikit-learn's default, so the figures can be cross-checked there.
 */
public record ClassificationMetrics(long samples, double accuracy, List<Double> precision, List<Double> recall,
                                    List<Double> f1, List<Long> support, double macroPrecision, double macroRecall,
                                    double macroF1) {

    public static ClassificationMetrics of(ConfusionMatrix matrix) {
        int k = matrix.classes();
        long total = matrix.total();
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> f1 = new ArrayList<>();
        List<Long> support = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            long truePositives = matrix.count(c, c);
            double p = ratio(truePositives, matrix.predictedTotal(c));
            double r = ratio(truePositives, matrix.actualTotal(c));
            precision.add(p);
            recall.add(r);
            f1.add(p + r == 0 ? 0.0 : 2 * p * r / (p + r));
            support.add(matrix.actualTotal(c));
        }
        return new ClassificationMetrics(total, ratio(matrix.correct(), total), List.copyOf(precision),
                List.copyOf(recall), List.copyOf(f1), List.copyOf(support), mean(precision), mean(recall), mean(f1));
    }

    /** Flat metric name → value, with per-class metrics suffixed by the class name. */
    public Map<String, Double> asMap(List<String> classNames) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("samples", (double) samples);
        values.put("accuracy", accuracy);
        for (int c = 0; c < classNames.size(); c++) {
            String name = classNames.get(c);
            values.put("precision_" + name, precision.get(c));
            values.put("recall_" + name, recall.get(c));
            values.put("f1_" + name, f1.get(c));
            values.put("support_" + name, (double) support.get(c));
        }
        values.put("macro_precision", macroPrecision);
        values.put("macro_recall", macroRecall);
        values.put("macro_f1", macroF1);
        return values;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0.0);
    }
}
