package io.sensequant.stats;

import io.sensequant.identity.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Is the student's skill real? A pure function of its test rows, decided at the date level.
 *
 * <p>What "passed" claims ({@link #CLAIM}): the student's scores (prob_up − prob_down) rank the next-h-session
 * returns of the symbols better than chance on the same date. Unit of observation: the date (one cross-sectional
 * Spearman correlation per date, dates with fewer than {@code icMinSymbols} scored rows skipped); Newey–West lag
 * h (≥ the label horizon); one-sided. The Rank IC is market-neutral: ranking within a date removes the common
 * market move, which is what made the accuracy edge over the majority class too noisy to show a realistic skill
 * (the majority class's daily accuracy swings with the market; measured in VerdictCalibrationTest).
 *
 * <p>Verdict, an intersection–union test (passed only if every condition holds; adding conditions can only lower
 * the size, so the size is at most alpha without a multiplicity correction, Berger 1982):
 * <ol>
 *   <li>{@value #RANK_IC_TEST}: one-sided Newey–West t test that the mean daily Rank IC is above 0, p &lt; alpha;</li>
 *   <li>{@value #RANK_IC_BOOTSTRAP}: the lower bound of the stationary-bootstrap percentile interval of the mean
 *       daily Rank IC is above 0;</li>
 *   <li>{@value #EDGE_REQUIREMENT}: a requirement, not a test: the mean daily accuracy edge over the constant
 *       majority-class predictor is above 0 (the student is not worse than a constant call). Its own HAC test is
 *       reported beside it as evidence and does not decide significance;</li>
 *   <li>{@value #WALK_FORWARD}: the completed walk-forward folds' mean of their mean daily Rank IC is above 0.
 *       With fewer than {@code minCompletedFolds} completed folds (with a Rank IC) it cannot enter the verdict:
 *       the verdict then rests on 1–3 alone (still a valid size-alpha test on the holdout) and says so in its
 *       notes. It warns rather than fails because walk-forward is a robustness check on top of a calibrated test,
 *       and a short history must not turn "no evidence about robustness" into "evidence of no skill".</li>
 * </ol>
 *
 * <p>Majority baseline of the edge requirement: the constant prediction of the majority class of the student's
 * training labels, a constant call one could have made before the test period. Not the test labels' (hindsight)
 * majority: that one picks the class after seeing the test period, and an ex-ante predictor, skilled or not,
 * loses to it in expectation (measured in VerdictCalibrationTest: on symmetric simulated classes a student with
 * a realistic per-row IC of 0.05 beats it on 35% of panels, one with 0.10 on 69%), so "&gt; 0" against it would
 * be a hidden test with no power instead of a requirement. Where no training labels are
 * known the caller passes the test labels' majority and says so in the baseline text. The edge against
 * persistence and the IC (Pearson) are reported with their own HAC tests but do not decide.
 */
public final class DateLevelVerdict {
    public static final String UNIT = "date";
    public static final String RANK_IC_TEST = "hac_one_sided_mean_daily_rank_ic";
    public static final String RANK_IC_BOOTSTRAP = "stationary_bootstrap_mean_daily_rank_ic_lower_bound";
    public static final String EDGE_REQUIREMENT = "mean_daily_edge_vs_majority_above_zero";
    public static final String WALK_FORWARD = "walk_forward_mean_fold_rank_ic";
    public static final String CLAIM = "the student's scores rank the next-h-session returns of the symbols better "
            + "than chance on the same date (unit: date; Newey-West lag h; one-sided; intersection-union with the "
            + "bootstrap, the edge requirement and walk-forward)";
    public static final String CORRECTION = "intersection-union: passed only if the Rank IC test and the Rank IC "
            + "bootstrap reject and the edge requirement (and walk-forward, when it enters) holds; adding conditions "
            + "only lowers the size, so it is at most alpha and no multiplicity correction is needed";

    private DateLevelVerdict() {
    }

    /**
     * @param hacLag            Newey–West lag in dates (≥ the label horizon)
     * @param meanBlock         stationary bootstrap mean block length in dates
     * @param minCompletedFolds fewest completed walk-forward folds with a Rank IC for walk-forward to enter the verdict
     * @param icMinSymbols      fewest rows with score and return for a date's IC / Rank IC
     * @param seed              the Rank IC bootstrap's seed; the (reported) edge bootstrap's is derived from it
     */
    public record Settings(double alpha, int hacLag, double meanBlock, int iterations, double confidence, long seed,
                           int minCompletedFolds, int icMinSymbols) {
    }

    /**
     * The walk-forward folds: how many were planned, and per completed fold its mean daily Rank IC (NaN: no date
     * with enough scored symbols) and its accuracy − baseline accuracy (reported, not deciding).
     */
    public record WalkForwardEvidence(int planned, double[] foldRankIcs, double[] foldEdges) {
        public static WalkForwardEvidence none() {
            return new WalkForwardEvidence(0, new double[0], new double[0]);
        }
    }

    /** Whether walk-forward entered the verdict, and if so whether it agrees (mean fold Rank IC above 0). */
    public record WalkForwardCheck(int planned, int completed, int minCompleted, double meanRankIc, double meanEdge,
                                   boolean entered, boolean agrees, String note) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("planned_folds", planned);
            map.put("completed_folds", completed);
            map.put("min_completed_folds", minCompleted);
            map.put("mean_fold_rank_ic", meanRankIc);
            map.put("mean_fold_edge", meanEdge);
            map.put("entered_verdict", entered);
            map.put("agrees", agrees);
            if (note != null) {
                map.put("note", note);
            }
            return map;
        }
    }

    /**
     * @param dates        dates with test rows; {@code rankIcDates}: dates with a Rank IC (≥ icMinSymbols scored rows)
     * @param edgeAboveZero the edge requirement (mean daily edge &gt; 0)
     */
    public record Result(int dates, int rankIcDates, int rows, int hacLag, int majorityClass, String baseline,
                         double meanAccuracy,
                         double meanBaseline, NeweyWest.Test rankIc, StationaryBootstrap.Interval rankIcInterval,
                         NeweyWest.Test edge, boolean edgeAboveZero, StationaryBootstrap.Interval edgeInterval,
                         NeweyWest.Test vsPersistence, NeweyWest.Test ic, WalkForwardCheck walkForward, boolean passed,
                         List<String> reasons, List<String> notes, List<String> decidedBy, DailySeries daily) {

        /** The summary's {@code date_level} map. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("claim", CLAIM);
            map.put("unit", UNIT);
            map.put("n_dates", dates);
            map.put("n_rank_ic_dates", rankIcDates);
            map.put("n_rows", rows);
            map.put("hac_lag", hacLag);
            map.put("rank_ic_test", rankIc.asMap());
            map.put("rank_ic_bootstrap", rankIcInterval.asMap());
            Map<String, Object> requirement = new LinkedHashMap<>();
            requirement.put("rule", "mean daily edge over the majority class > 0 (a requirement, not a test)");
            requirement.put("baseline", "constant prediction of class " + majorityClass + " (" + baseline + ")");
            requirement.put("mean_daily_accuracy", meanAccuracy);
            requirement.put("mean_daily_baseline_accuracy", meanBaseline);
            requirement.put("mean_daily_edge", edge.estimate());
            requirement.put("holds", edgeAboveZero);
            requirement.put("edge_test_not_deciding", edge.asMap());
            requirement.put("edge_bootstrap_not_deciding", edgeInterval.asMap());
            map.put("edge_requirement", requirement);
            map.put("vs_persistence_test_not_deciding", vsPersistence.asMap());
            map.put("ic_test_not_deciding", ic.asMap());
            map.put("walk_forward", walkForward.asMap());
            map.put("correction", CORRECTION);
            return map;
        }
    }

    public static final String TEST_MAJORITY = "the test labels' majority class: hindsight, no training labels given";
    public static final String TRAINING_MAJORITY = "the majority class of the student's training labels: a constant "
            + "call one could have made before the test period";

    /** The verdict with the edge requirement against the test labels' majority (where no training labels are known). */
    public static Result decide(DatePanel panel, WalkForwardEvidence walkForward, Settings settings) {
        return decide(panel, panel.majorityClass(), TEST_MAJORITY, walkForward, settings);
    }

    /**
     * The verdict with the edge requirement against the constant prediction of {@code majority}; {@code baseline}
     * says which majority it is (e.g. {@link #TRAINING_MAJORITY}).
     */
    public static Result decide(DatePanel panel, int majority, String baseline, WalkForwardEvidence walkForward,
                                Settings settings) {
        DailySeries daily = DailySeries.of(panel, majority, settings.icMinSymbols());
        double[] rankIcs = DailySeries.finite(daily.rankIc());
        double[] edges = DailySeries.finite(daily.edge());
        NeweyWest.Test rankIc = NeweyWest.mean(rankIcs, settings.hacLag());
        StationaryBootstrap.Interval rankIcInterval = StationaryBootstrap.mean(rankIcs, settings.iterations(),
                settings.confidence(), settings.meanBlock(), settings.seed());
        NeweyWest.Test edge = NeweyWest.mean(edges, settings.hacLag());
        StationaryBootstrap.Interval edgeInterval = StationaryBootstrap.mean(edges, settings.iterations(),
                settings.confidence(), settings.meanBlock(), Seeds.derive(settings.seed(), "edge"));
        NeweyWest.Test persistence = NeweyWest.mean(DailySeries.finite(daily.persistenceEdge()), settings.hacLag());
        NeweyWest.Test ic = NeweyWest.mean(DailySeries.finite(daily.ic()), settings.hacLag());
        WalkForwardCheck check = walkForward(walkForward, settings.minCompletedFolds());

        List<String> reasons = new ArrayList<>();
        if (rankIcs.length < 2) {
            reasons.add(String.format("no Rank IC test: only %d of %d dates have at least %d scored symbols with a "
                    + "forward return (validation.ic_min_symbols) and a score that varies", rankIcs.length,
                    edges.length, settings.icMinSymbols()));
        } else if (!(rankIc.pOneSided() < settings.alpha())) {
            reasons.add(String.format("mean daily Rank IC %+.4f over %d dates is not significantly above 0 "
                            + "(Newey-West lag %d, one-sided p = %.4g, alpha %s)", rankIc.estimate(), rankIc.n(),
                    settings.hacLag(), rankIc.pOneSided(), settings.alpha()));
        }
        if (rankIcs.length >= 2 && !(rankIcInterval.lower() > 0)) {
            reasons.add(String.format("stationary-bootstrap %.0f%% interval of the mean daily Rank IC [%+.4f, %+.4f] "
                    + "(mean block %.1f dates) does not lie above 0", 100 * settings.confidence(), rankIcInterval.lower(),
                    rankIcInterval.upper(), settings.meanBlock()));
        }
        boolean edgeAboveZero = edge.estimate() > 0;
        if (!edgeAboveZero) {
            reasons.add(String.format("the student is not better than the constant majority-class predictor (class %d, "
                            + "%s): mean daily accuracy %.4f vs %.4f, edge %+.4f is not above 0 (requirement; its "
                            + "Newey-West one-sided p = %.4g is evidence only)", majority, baseline,
                    mean(daily.accuracy()), mean(daily.baseline()), edge.estimate(), edge.pOneSided()));
        }
        if (check.entered() && !check.agrees()) {
            reasons.add(String.format("walk-forward disagrees: the completed folds' mean of their mean daily Rank IC "
                    + "%+.4f over %d folds is not above 0", check.meanRankIc(), check.completed()));
        }
        List<String> notes = new ArrayList<>();
        if (!check.entered()) {
            notes.add(check.note());
        }
        List<String> decidedBy = new ArrayList<>(List.of(RANK_IC_TEST, RANK_IC_BOOTSTRAP, EDGE_REQUIREMENT));
        if (check.entered()) {
            decidedBy.add(WALK_FORWARD);
        }
        return new Result(edges.length, rankIcs.length, panel.rows(), settings.hacLag(), majority, baseline,
                mean(daily.accuracy()), mean(daily.baseline()), rankIc, rankIcInterval, edge, edgeAboveZero,
                edgeInterval, persistence, ic, check, reasons.isEmpty(), List.copyOf(reasons), List.copyOf(notes),
                List.copyOf(decidedBy), daily);
    }

    static WalkForwardCheck walkForward(WalkForwardEvidence evidence, int minCompleted) {
        double[] folds = DailySeries.finite(evidence.foldRankIcs());
        double meanRankIc = mean(folds);
        double meanEdge = mean(evidence.foldEdges());
        if (folds.length < minCompleted) {
            String note = String.format("walk-forward could not enter the verdict: %d of %d folds completed with a "
                    + "mean daily Rank IC, fewer than stat_tests.walk_forward.min_completed_folds %d; the verdict rests "
                    + "on the date-level holdout tests alone", folds.length, evidence.planned(), minCompleted);
            return new WalkForwardCheck(evidence.planned(), folds.length, minCompleted, meanRankIc, meanEdge, false,
                    false, note);
        }
        return new WalkForwardCheck(evidence.planned(), folds.length, minCompleted, meanRankIc, meanEdge, true,
                meanRankIc > 0, null);
    }

    private static double mean(double[] series) {
        return Arrays.stream(series).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
