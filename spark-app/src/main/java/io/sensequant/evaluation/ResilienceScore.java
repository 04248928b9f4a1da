package io.sensequant.evaluation;

import io.sensequant.config.PipelineConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stress period's resilience score, 0–100: drawdown_weight × D + precision_weight × P + sharpe_weight × S with
 * D = 100 · max(0, 1 − |max drawdown| / drawdown_limit), P = 100 · directional precision and
 * S = 100 · clamp(Sharpe / sharpe_cap, 0, 1). An undefined Sharpe ratio (no dispersion) scores S = 0, an undefined
 * precision (no directional call) P = 0. The period passes at {@code pass_threshold} or above.
 */
public final class ResilienceScore {
    private ResilienceScore() {
    }

    public static Map<String, Double> components(double maxDrawdown, double precision, double sharpe,
                                                 PipelineConfig.Resilience config) {
        Map<String, Double> components = new LinkedHashMap<>();
        components.put("drawdown", 100 * Math.max(0, 1 - Math.abs(maxDrawdown) / config.drawdownLimit()));
        components.put("precision", Double.isFinite(precision) ? 100 * precision : 0.0);
        components.put("sharpe", Double.isFinite(sharpe) ? 100 * Math.max(0, Math.min(1, sharpe / config.sharpeCap())) : 0.0);
        return components;
    }

    public static double score(double maxDrawdown, double precision, double sharpe, PipelineConfig.Resilience config) {
        Map<String, Double> c = components(maxDrawdown, precision, sharpe, config);
        return config.drawdownWeight() * c.get("drawdown") + config.precisionWeight() * c.get("precision")
                + config.sharpeWeight() * c.get("sharpe");
    }
}
