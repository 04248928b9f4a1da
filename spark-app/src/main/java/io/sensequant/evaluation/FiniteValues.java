package io.sensequant.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summaries and reports hold undefined figures (a Sharpe ratio without variation) as null, never as NaN, which
 * JSON cannot carry and a reader could mistake for a value; and only defined figures go to {@code metrics}.
 */
final class FiniteValues {
    private FiniteValues() {
    }

    /** A deep copy of maps and lists with every non-finite double replaced by null. */
    static Object clean(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), clean(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(clean(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cleanMap(Map<String, Object> map) {
        return (Map<String, Object>) clean(map);
    }

    /** The finite numbers among a summary section's direct entries (booleans as 0 / 1), for {@code metrics}. */
    static Map<String, Double> metrics(Map<String, Object> section) {
        Map<String, Double> out = new LinkedHashMap<>();
        section.forEach((key, value) -> {
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                out.put(key, n.doubleValue());
            } else if (value instanceof Boolean b) {
                out.put(key, b ? 1.0 : 0.0);
            }
        });
        return out;
    }
}
