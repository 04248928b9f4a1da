package io.sensequant.ranking;

import io.sensequant.training.XgbParams;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.Map;

/** A native XGBoost model on a slice of a {@link Design}: fit, predict, and the class or value it predicts. */
final class QuickModel implements AutoCloseable {
    private static final float MISSING = Float.NaN;

    private final Booster booster;
    private final int[] columns;

    private QuickModel(Booster booster, int[] columns) {
        this.booster = booster;
        this.columns = columns;
    }

    /** @param hyperparameters XGBoost parameters under their native names, with num_round */
    static QuickModel fit(Design design, int[] rows, int[] columns, double[] target, Map<String, Object> hyperparameters,
                          int seed, int nthread) {
        XgbParams params = XgbParams.of(hyperparameters, seed, nthread);
        DMatrix train = null;
        try {
            train = matrix(design, rows, columns);
            float[] labels = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = (float) target[rows[i]];
            }
            train.setLabel(labels);
            Booster booster = XGBoost.train(train, params.booster(), params.numRound(), new HashMap<>(), null, null);
            return new QuickModel(booster, columns);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
        }
    }

    static DMatrix matrix(Design design, int[] rows, int[] columns) throws XGBoostError {
        return new DMatrix(design.slice(rows, columns), rows.length, columns.length, MISSING);
    }

    float[][] predict(Design design, int[] rows) {
        return predict(design.slice(rows, columns), rows.length);
    }

    /** Predictions for a row-major matrix over this model's columns. */
    float[][] predict(float[] values, int rows) {
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(values, rows, columns.length, MISSING);
            return booster.predict(matrix);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** Total-gain importance per column position of this model (0 for a column no tree splits on). */
    double[] gain() {
        String[] names = new String[columns.length];
        for (int j = 0; j < columns.length; j++) {
            names[j] = "f" + j;
        }
        try {
            Map<String, Double> scores = booster.getScore(names, "total_gain");
            double[] out = new double[columns.length];
            for (int j = 0; j < columns.length; j++) {
                out[j] = scores.getOrDefault(names[j], 0.0);
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost importance failed: " + e.getMessage(), e);
        }
    }

    /** The predicted class of each row: argmax of multi-class probabilities, or p > 0.5 for one binary output. */
    static int[] classes(float[][] predictions) {
        int[] out = new int[predictions.length];
        for (int i = 0; i < predictions.length; i++) {
            float[] p = predictions[i];
            if (p.length == 1) {
                out[i] = p[0] > 0.5f ? 1 : 0;
            } else {
                int best = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                out[i] = best;
            }
        }
        return out;
    }

    static double[] values(float[][] predictions) {
        double[] out = new double[predictions.length];
        for (int i = 0; i < predictions.length; i++) {
            out[i] = predictions[i][0];
        }
        return out;
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
