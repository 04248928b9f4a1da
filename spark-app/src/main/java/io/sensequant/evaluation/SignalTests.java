package io.sensequant.evaluation;

/**
 * DESCRIPTIVE row-level tests of the student's test predictions, kept as figures and never used for the verdict
 * (rows of one date share a market factor and overlapping h-day labels, so they are not independent and these
 * p-values are far too small; the verdict is date-level, {@link io.sensequant.stats.DateLevelVerdict}): one-sided
 * tests against the majority class (exact binomial test of the correct count against the test rows' majority
 * share, the best constant predictor in hindsight) and against the teacher-free persistence predictor (exact
 * McNemar test on the rows where persistence has a call; see {@link StudentTestRows}).
 */
public final class SignalTests {
    private SignalTests() {
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
