package io.sensequant.evaluation;

/**
 * The student's test predictions as evidence: bootstrap intervals of accuracy and macro precision (resampling
 * rows), and one-sided tests against two baselines — the majority class (exact binomial test of the correct
 * count against the test rows' majority share, the best constant predictor in hindsight) and the teacher-free
 * persistence predictor (exact McNemar test on the rows where persistence has a call; see {@link StudentTestRows}).
 */
public final class SignalTests {
    private SignalTests() {
    }

    public static Bootstrap.Interval accuracy(StudentTestRows rows, int iterations, double confidence, long seed) {
        return Bootstrap.percentile(rows.size(), sample -> {
            long correct = 0;
            for (int i : sample) {
                correct += rows.labels()[i] == rows.predictions()[i] ? 1 : 0;
            }
            return (double) correct / sample.length;
        }, iterations, confidence, seed);
    }

    /** Macro precision as {@link io.sensequant.stats.ClassificationMetrics} defines it (a never-predicted class counts 0). */
    public static Bootstrap.Interval macroPrecision(StudentTestRows rows, int classes, int iterations, double confidence,
                                                    long seed) {
        return Bootstrap.percentile(rows.size(), sample -> {
            long[] predicted = new long[classes];
            long[] right = new long[classes];
            for (int i : sample) {
                int p = rows.predictions()[i];
                predicted[p]++;
                right[p] += rows.labels()[i] == p ? 1 : 0;
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += predicted[c] == 0 ? 0 : (double) right[c] / predicted[c];
            }
            return sum / classes;
        }, iterations, confidence, seed);
    }

    public static HypothesisTests.Result vsMajority(StudentTestRows rows, int classes, double alpha) {
        long[] support = new long[classes];
        long correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            support[rows.labels()[i]]++;
            correct += rows.labels()[i] == rows.predictions()[i] ? 1 : 0;
        }
        long largest = 0;
        int majority = 0;
        for (int c = 0; c < classes; c++) {
            if (support[c] > largest) {
                largest = support[c];
                majority = c;
            }
        }
        double share = rows.size() == 0 ? Double.NaN : (double) largest / rows.size();
        HypothesisTests.Result result = HypothesisTests.binomial(correct, rows.size(), share, alpha);
        result.details().put("baseline", "majority class " + majority + " of the test labels");
        return result;
    }

    public static HypothesisTests.Result vsPersistence(StudentTestRows rows, double alpha) {
        long b = 0;
        long c = 0;
        long n = 0;
        for (int i = 0; i < rows.size(); i++) {
            int baseline = rows.persistence()[i];
            if (baseline == StudentTestRows.NONE) {
                continue;
            }
            n++;
            boolean student = rows.predictions()[i] == rows.labels()[i];
            boolean persistence = baseline == rows.labels()[i];
            b += student && !persistence ? 1 : 0;
            c += persistence && !student ? 1 : 0;
        }
        HypothesisTests.Result result = HypothesisTests.mcnemar(b, c, n, alpha);
        result.details().put("baseline", "persistence: the label realised horizon sessions earlier");
        return result;
    }
}
