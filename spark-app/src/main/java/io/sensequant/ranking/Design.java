package io.sensequant.ranking;

import io.sensequant.features.FeatureColumns;
import io.sensequant.ingest.OhlcvSchema;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rows in memory for the quick models of ranking and selection, in time order (ts, then symbol): the feature
 * matrix (row-major, NaN for null), each row's session index (for purged time-ordered folds), and the target
 * columns (NaN for null).
 */
final class Design implements Serializable {
    final List<String> features;
    final int rows;
    final float[] x;
    final int[] session;
    final int sessions;
    final Map<String, double[]> targets = new HashMap<>();
    final String[] symbols;

    private Design(List<String> features, int rows, float[] x, int[] session, int sessions, String[] symbols) {
        this.features = List.copyOf(features);
        this.rows = rows;
        this.x = x;
        this.session = session;
        this.sessions = sessions;
        this.symbols = symbols;
    }

    /** @param input rows with symbol, ts, date, the feature columns and the target columns, in any order */
    static Design of(List<Row> input, List<String> features, List<String> targetColumns) {
        List<Row> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.<Row, Timestamp>comparing(r -> r.getAs(OhlcvSchema.TS))
                .thenComparing(r -> r.<String>getAs(OhlcvSchema.SYMBOL)));
        TreeSet<Date> dates = new TreeSet<>();
        sorted.forEach(r -> dates.add(r.getAs(FeatureColumns.DATE)));
        Map<Date, Integer> index = new HashMap<>();
        for (Date date : dates) {
            index.put(date, index.size());
        }
        int n = sorted.size();
        int p = features.size();
        float[] x = new float[n * p];
        int[] session = new int[n];
        String[] symbols = new String[n];
        int[] featureAt = new int[p];
        Map<String, double[]> targets = new HashMap<>();
        for (String target : targetColumns) {
            targets.put(target, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            Row row = sorted.get(i);
            if (i == 0) {
                for (int j = 0; j < p; j++) {
                    featureAt[j] = row.fieldIndex(features.get(j));
                }
            }
            for (int j = 0; j < p; j++) {
                x[i * p + j] = value(row.get(featureAt[j]));
            }
            session[i] = index.get(row.<Date>getAs(FeatureColumns.DATE));
            symbols[i] = row.getAs(OhlcvSchema.SYMBOL);
            for (String target : targetColumns) {
                Object v = row.getAs(target);
                targets.get(target)[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
            }
        }
        Design design = new Design(features, n, x, session, dates.size(), symbols);
        design.targets.putAll(targets);
        return design;
    }

    private static float value(Object v) {
        if (v == null) {
            return Float.NaN;
        }
        float f = ((Number) v).floatValue();
        return Float.isFinite(f) ? f : Float.NaN;
    }

    double[] target(String column) {
        double[] values = targets.get(column);
        if (values == null) {
            throw new IllegalArgumentException("column '" + column + "' was not loaded");
        }
        return values;
    }

    /** Column {@code j} of the feature matrix as doubles. */
    double[] column(int j) {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = x[i * features.size() + j];
        }
        return values;
    }

    /** The rows {@code indices} restricted to the feature positions {@code columns}, row-major. */
    float[] slice(int[] indices, int[] columns) {
        int p = features.size();
        float[] out = new float[indices.length * columns.length];
        for (int i = 0; i < indices.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                out[i * columns.length + j] = x[indices[i] * p + columns[j]];
            }
        }
        return out;
    }
}
