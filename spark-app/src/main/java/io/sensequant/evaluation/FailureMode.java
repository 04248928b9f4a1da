package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;

/**
 * Why a model struggled in a stress period, by rules checked in this order (the first that holds wins):
 * <ol>
 * <li>{@code black_swan}: the equal-weight universe's maximum drawdown in the period is deeper than
 * {@code black_swan_drawdown_multiple} × its training-period daily volatility × √(sessions in the period), i.e. a
 * fall many times what the training period's volatility makes plausible over that span;</li>
 * <li>{@code regime_change}: the universe's daily volatility in the period exceeds {@code regime_volatility_ratio} ×
 * its training-period volatility and the period accuracy is at least {@code regime_accuracy_drop} below the
 * in-sample accuracy;</li>
 * <li>{@code overfit}: the in-sample accuracy (the replay student on its own training rows) exceeds the period
 * accuracy by more than {@code overfit_accuracy_gap};</li>
 * <li>{@code none}.</li>
 * </ol>
 * Accuracies are against the true labels. Undefined inputs (NaN) never make a rule hold.
 */
public final class FailureMode {
    public static final String BLACK_SWAN = "black_swan";
    public static final String REGIME_CHANGE = "regime_change";
    public static final String OVERFIT = "overfit";
    public static final String NONE = "none";

    private FailureMode() {
    }

    /** What the rules look at. Drawdown ≤ 0; volatilities are daily standard deviations of the universe's returns. */
    public record Evidence(double inSampleAccuracy, double periodAccuracy, double trainingVolatility,
                           double periodVolatility, double universeDrawdown, int periodSessions) {
    }

    public static String classify(Evidence e, PipelineConfig.FailureModes rules) {
        double plausible = rules.blackSwanDrawdownMultiple() * e.trainingVolatility() * Math.sqrt(e.periodSessions());
        if (-e.universeDrawdown() > plausible) {
            return BLACK_SWAN;
        }
        double accuracyDrop = e.inSampleAccuracy() - e.periodAccuracy();
        if (e.periodVolatility() > rules.regimeVolatilityRatio() * e.trainingVolatility()
                && accuracyDrop >= rules.regimeAccuracyDrop()) {
            return REGIME_CHANGE;
        }
        if (accuracyDrop > rules.overfitAccuracyGap()) {
            return OVERFIT;
        }
        return NONE;
    }
}
