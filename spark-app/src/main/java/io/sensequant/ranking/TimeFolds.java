package io.sensequant.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Purged expanding-window folds in time order: the sessions are cut into {@code folds + 1} equal blocks; fold k
 * (1..folds) tests on block k and trains on every earlier session except the last {@code purge} before the
 * block, whose labels (looking {@code horizon} sessions ahead) would overlap the test period. The design holds
 * only the sessions before the run's holdout (FeatureInputs.forSelection), so every fold and validation block here
 * lies before the student's test period.
 */
final class TimeFolds {
    record Fold(int number, int[] train, int[] test) {
    }

    private TimeFolds() {
    }

    /** Folds over the rows of {@code design} that {@code usable} accepts (e.g. rows whose target is not null). */
    static List<Fold> plan(Design design, int folds, int purge, IntPredicate usable) {
        List<Fold> out = new ArrayList<>();
        int blocks = folds + 1;
        for (int k = 1; k <= folds; k++) {
            int testStart = (int) ((long) design.sessions * k / blocks);
            int testEnd = (int) ((long) design.sessions * (k + 1) / blocks);
            int trainEnd = testStart - purge;
            int[] train = IntStream.range(0, design.rows)
                    .filter(i -> design.session[i] < trainEnd && usable.test(i)).toArray();
            int[] test = IntStream.range(0, design.rows)
                    .filter(i -> design.session[i] >= testStart && design.session[i] < testEnd && usable.test(i)).toArray();
            out.add(new Fold(k, train, test));
        }
        return out;
    }

    /**
     * One time-ordered split: the last {@code validationFraction} of sessions is validation, and {@code purge}
     * sessions before it are left out.
     */
    static Fold holdout(Design design, double validationFraction, int purge, IntPredicate usable) {
        int validationStart = (int) Math.floor(design.sessions * (1 - validationFraction));
        int trainEnd = validationStart - purge;
        int[] train = IntStream.range(0, design.rows).filter(i -> design.session[i] < trainEnd && usable.test(i)).toArray();
        int[] test = IntStream.range(0, design.rows).filter(i -> design.session[i] >= validationStart && usable.test(i)).toArray();
        return new Fold(1, train, test);
    }
}
