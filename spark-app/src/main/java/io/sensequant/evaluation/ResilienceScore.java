package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A stress period's resilience score, 0–100. First a gate: a book whose Sharpe ratio is not above 0, or whose
 * directional precision is not above the no-skill precision (what up/down calls of the same mix would score by
 * chance on the period's labels), scores 0: a small drawdown is no merit in a book that lost money without skill.
 * Past the gate, score = drawdown_weight × D + precision_weight × P + sharpe_weight × S with
 * D = 100 · max(0, 1 − |max drawdown| / drawdown_limit), P = 100 · clamp((precision − no-skill) / (1 − no-skill), 0, 1)
 * (credit only for precision above chance) and S = 100 · clamp(Sharpe / sharpe_cap, 0, 1). An undefined Sharpe
 * ratio (no dispersion) or precision (no directional call) closes the gate. The score passes at
 * {@code pass_threshold} or above; the period's verdict also needs its Sharpe interval ({@link StressEvaluation}).
 */
public final class ResilienceScore {
    private ResilienceScore() {
    }

    /**
     * @param components the three 0–100 components (reported whatever the gate)
     * @param gate       null when open, else why the score is 0
     * @param score      the weighted components, or 0 when the gate is closed
     */
    public record Result(Map<String, Double> components, String gate, double score) {
        public boolean passes(PipelineConfig.Resilience config) {
            return gate == null && score >= config.passThreshold();
        }
    }

    /**
     * @param maxDrawdown      the book's maximum drawdown (≤ 0)
     * @param sharpe           its annualised Sharpe ratio
     * @param precision        its directional precision
     * @param noSkillPrecision the precision of calls of the same mix made independently of the labels
     */
    public static Result of(double maxDrawdown, double sharpe, double precision, double noSkillPrecision,
                            PipelineConfig.Resilience config) {
        Map<String, Double> components = new LinkedHashMap<>();
        components.put("drawdown", 100 * Math.max(0, 1 - Math.abs(maxDrawdown) / config.drawdownLimit()));
        double aboveChance = Double.isFinite(precision) && Double.isFinite(noSkillPrecision) && noSkillPrecision < 1
                ? (precision - noSkillPrecision) / (1 - noSkillPrecision) : 0.0;
        components.put("precision", 100 * clamp(aboveChance));
        components.put("sharpe", Double.isFinite(sharpe) ? 100 * clamp(sharpe / config.sharpeCap()) : 0.0);
        double weighted = config.drawdownWeight() * components.get("drawdown")
                + config.precisionWeight() * components.get("precision") + config.sharpeWeight() * components.get("sharpe");
        String gate = gate(sharpe, precision, noSkillPrecision);
        return new Result(components, gate, gate == null ? weighted : 0.0);
    }

    private static String gate(double sharpe, double precision, double noSkillPrecision) {
        if (!(sharpe > 0)) {
            return String.format(Locale.ROOT, "Sharpe ratio %.3f is not above 0", sharpe);
        }
        if (!(precision > noSkillPrecision)) {
            return String.format(Locale.ROOT, "directional precision %.3f is not above the no-skill precision %.3f",
                    precision, noSkillPrecision);
        }
        return null;
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
