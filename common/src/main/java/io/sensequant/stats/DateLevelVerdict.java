package io.sensequant.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Is the classifier's skill real? A pure function of its test rows, decided at the date level.
 *
 * <p>Baseline: the constant predictor of the test labels' majority class (hindsight majority). Chosen over the
 * training labels' majority because it is the harder one to beat: it is the best constant call a person could
 * have made knowing the test period's class balance, so a "passed" cannot come from a class-balance shift between
 * train and test periods that any constant call would also have ridden. Its cost is a conservative bias under the
 * null (the hindsight majority share is at least every class's share), measured with the power in the
 * calibration test.
 *
 * <p>Verdict, an intersection–union test (every component must reject; the size is at most alpha without a
 * multiplicity correction, Berger 1982):
 * <ol>
 *   <li>{@value #EDGE_TEST}: one-sided Newey–West t test that the mean per-date edge (accuracy − majority
 *       baseline accuracy) is above 0, lag ≥ the label horizon, p &lt; alpha;</li>
 *   <li>{@value #EDGE_BOOTSTRAP}: the lower bound of the stationary-bootstrap percentile interval of the mean
 *       per-date edge is above 0;</li>
 *   <li>{@value #WALK_FORWARD}: the completed walk-forward folds' mean (fold accuracy − fold baseline) is above 0.
 *       With fewer than {@code minCompletedFolds} completed folds it cannot enter the verdict: the verdict then
 *       rests on 1 and 2 alone (still a valid size-alpha test on the holdout) and says so in its notes. It warns
 *       rather than fails because walk-forward is a robustness check on top of a calibrated test, and a short
 *       history must not turn "no evidence about robustness" into "evidence of no skill".</li>
 * </ol>
 * The edge against persistence and the IC / Rank IC are reported with their own HAC tests but do not decide.
 */
public final class DateLevelVerdict {
    public static final String UNIT = "date";
    public static final String EDGE_TEST = "hac_mean_daily_edge_vs_majority";
    public static final String EDGE_BOOTSTRAP = "stationary_bootstrap_mean_daily_edge_lower_bound";
    public static final String WALK_FORWARD = "walk_forward_mean_fold_edge";
    public static final String CORRECTION = "intersection-union: passed only if every deciding test rejects; "
            + "the size is at most alpha, so no multiplicity correction is needed";

    private DateLevelVerdict() {
    }

    /**
     * @param hacLag            Newey–West lag in dates (≥ the label horizon)
     * @param meanBlock         stationary bootstrap mean block length in dates
     * @param minCompletedFolds fewest completed walk-forward folds for walk-forward to enter the verdict
     * @param icMinSymbols      fewest rows with score and return for a date's IC
     */
    public record Settings(double alpha, int hacLag, double meanBlock, int iterations, double confidence, long seed,
                           int minCompletedFolds, int icMinSymbols) {
    }

    /** The walk-forward folds: how many were planned, and each completed fold's accuracy − baseline accuracy. */
    public record WalkForwardEvidence(int planned, double[] foldEdges) {
        public static WalkForwardEvidence none() {
            return new WalkForwardEvidence(0, new double[0]);
        }
    }

    /** Whether walk-forward entered the verdict, and if so whether it agrees. */
    public record WalkForwardCheck(int planned, int completed, int minCompleted, double meanEdge, boolean entered,
                                   boolean agrees, String note) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("planned_folds", planned);
            map.put("completed_folds", completed);
            map.put("min_completed_folds", minCompleted);
            map.put("mean_fold_edge", meanEdge);
            map.put("entered_verdict", entered);
            map.put("agrees", agrees);
            if (note != null) {
                map.put("note", note);
            }
            return map;
        }
    }

    public record Result(int dates, int rows, int hacLag, int majorityClass, double meanAccuracy, double meanBaseline,
                         NeweyWest.Test edge, StationaryBootstrap.Interval edgeInterval, NeweyWest.Test vsPersistence,
                         NeweyWest.Test ic, NeweyWest.Test rankIc, WalkForwardCheck walkForward, boolean passed,
                         List<String> reasons, List<String> notes, List<String> decidedBy, DailySeries daily) {

        /** The summary's {@code date_level} map. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("unit", UNIT);
            map.put("n_dates", dates);
            map.put("n_rows", rows);
            map.put("hac_lag", hacLag);
            map.put("baseline", "constant prediction of class " + majorityClass
                    + " (the test labels' majority class: hindsight majority)");
            map.put("mean_daily_accuracy", meanAccuracy);
            map.put("mean_daily_baseline_accuracy", meanBaseline);
            map.put("edge_test", edge.asMap());
            map.put("edge_bootstrap", edgeInterval.asMap());
            map.put("vs_persistence_test", vsPersistence.asMap());
            map.put("ic_test", ic.asMap());
            map.put("rank_ic_test", rankIc.asMap());
            map.put("walk_forward", walkForward.asMap());
            map.put("correction", CORRECTION);
            return map;
        }
    }

    /** The verdict against the test labels' majority class (the product's choice, see the class comment). */
    public static Result decide(DatePanel panel, WalkForwardEvidence walkForward, Settings settings) {
        return decide(panel, panel.majorityClass(), walkForward, settings);
    }

    /** The verdict against the constant prediction of {@code majority} (the calibration test fixes it ex ante). */
    public static Result decide(DatePanel panel, int majority, WalkForwardEvidence walkForward, Settings settings) {
        DailySeries daily = DailySeries.of(panel, majority, settings.icMinSymbols());
        double[] edges = DailySeries.finite(daily.edge());
        NeweyWest.Test edge = NeweyWest.mean(edges, settings.hacLag());
        StationaryBootstrap.Interval interval = StationaryBootstrap.mean(edges, settings.iterations(),
                settings.confidence(), settings.meanBlock(), settings.seed());
        NeweyWest.Test persistence = NeweyWest.mean(DailySeries.finite(daily.persistenceEdge()), settings.hacLag());
        NeweyWest.Test ic = NeweyWest.mean(DailySeries.finite(daily.ic()), settings.hacLag());
        NeweyWest.Test rankIc = NeweyWest.mean(DailySeries.finite(daily.rankIc()), settings.hacLag());
        WalkForwardCheck check = walkForward(walkForward, settings.minCompletedFolds());

        List<String> reasons = new ArrayList<>();
        boolean edgeSignificant = edge.pOneSided() < settings.alpha();
        if (!edgeSignificant) {
            reasons.add(String.format("mean daily edge over the majority class %+.4f over %d dates is not significant "
                            + "(Newey-West lag %d, one-sided p = %.4g, alpha %s)", edge.estimate(), edge.n(),
                    settings.hacLag(), edge.pOneSided(), settings.alpha()));
        }
        if (!(interval.lower() > 0)) {
            reasons.add(String.format("stationary-bootstrap %.0f%% interval of the mean daily edge [%.4f, %.4f] "
                    + "(mean block %.1f dates) does not lie above 0", 100 * settings.confidence(), interval.lower(),
                    interval.upper(), settings.meanBlock()));
        }
        if (check.entered() && !check.agrees()) {
            reasons.add(String.format("walk-forward disagrees: mean fold edge %+.4f over %d completed folds is not above 0",
                    check.meanEdge(), check.completed()));
        }
        List<String> notes = new ArrayList<>();
        if (!check.entered()) {
            notes.add(check.note());
        }
        List<String> decidedBy = new ArrayList<>(List.of(EDGE_TEST, EDGE_BOOTSTRAP));
        if (check.entered()) {
            decidedBy.add(WALK_FORWARD);
        }
        return new Result(edges.length, panel.rows(), settings.hacLag(), majority, mean(daily.accuracy()),
                mean(daily.baseline()), edge, interval, persistence, ic, rankIc, check, reasons.isEmpty(),
                List.copyOf(reasons), List.copyOf(notes), List.copyOf(decidedBy), daily);
    }

    static WalkForwardCheck walkForward(WalkForwardEvidence evidence, int minCompleted) {
        double[] folds = DailySeries.finite(evidence.foldEdges());
        double meanEdge = folds.length == 0 ? Double.NaN : Arrays.stream(folds).average().orElse(Double.NaN);
        if (folds.length < minCompleted) {
            String note = String.format("walk-forward could not enter the verdict: %d of %d folds completed, fewer "
                    + "than stat_tests.walk_forward.min_completed_folds %d; the verdict rests on the date-level "
                    + "holdout tests alone", folds.length, evidence.planned(), minCompleted);
            return new WalkForwardCheck(evidence.planned(), folds.length, minCompleted, meanEdge, false, false, note);
        }
        return new WalkForwardCheck(evidence.planned(), folds.length, minCompleted, meanEdge, true, meanEdge > 0, null);
    }

    private static double mean(double[] series) {
        return Arrays.stream(series).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
