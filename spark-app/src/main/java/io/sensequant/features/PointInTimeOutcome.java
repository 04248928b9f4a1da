package io.sensequant.features;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the point-in-time check found, and how the FEATURES phase reports it: its summary entries, its headline
 * fragment, the user error for {@code action: fail}, and (for later stages) the features it excluded.
 *
 * @param status       passed (no feature differed), leaking (some did), skipped (too few bars to cut), disabled
 * @param cutoffs      the cut-off bars (exchange timestamps, ISO text)
 * @param rowsCompared (symbol, cut-off, bar) rows compared, each on every feature
 */
public record PointInTimeOutcome(String status, List<String> symbols, List<String> cutoffs, int featuresChecked,
                                 long rowsCompared, List<PointInTimeLeak> leaks) {
    public static final String PASSED = "passed";
    public static final String LEAKING = "leaking";
    public static final String SKIPPED = "skipped";
    public static final String DISABLED = "disabled";
    /** Summary key of the FEATURES phase: the excluded features, as {@link PointInTimeLeak#toSummary()} maps. */
    public static final String EXCLUDED_KEY = "point_in_time_excluded";
    public static final String SUMMARY_KEY = "point_in_time";
    static final String ACTION_KEY = "safety.leakage_detection.point_in_time.action";
    static final String ENABLED_KEY = "safety.leakage_detection.point_in_time.enabled";

    public PointInTimeOutcome {
        symbols = List.copyOf(symbols);
        cutoffs = List.copyOf(cutoffs);
        leaks = List.copyOf(leaks);
    }

    static PointInTimeOutcome of(FeaturePlan plan, List<String> symbols, List<String> cutoffs, Row compared) {
        List<PointInTimeLeak> leaks = new ArrayList<>();
        List<String> features = plan.columns();
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            PointInTimeLeak leak = PointInTimeCheck.leak(compared, i, f, plan.setOf().get(f), plan.sourceOf(f));
            if (leak != null) {
                leaks.add(leak);
            }
        }
        return new PointInTimeOutcome(leaks.isEmpty() ? PASSED : LEAKING, symbols, cutoffs, features.size(),
                compared.getLong(0), leaks);
    }

    /** Fewer than two bars: no cut-off removes anything. */
    static PointInTimeOutcome tooShort(List<String> symbols, int features) {
        return new PointInTimeOutcome(SKIPPED, symbols, List.of(), features, 0, List.of());
    }

    static PointInTimeOutcome disabled() {
        return new PointInTimeOutcome(DISABLED, List.of(), List.of(), 0, 0, List.of());
    }

    public List<String> leakingFeatures() {
        return leaks.stream().map(PointInTimeLeak::feature).toList();
    }

    /** The user error of {@code action: fail}: every leaking feature with its set file, symbol and date. */
    ConfigException failure() {
        String lines = leaks.stream().map(l -> "  " + l.describe()).collect(Collectors.joining("\n"));
        Set<String> files = leaks.stream().map(PointInTimeLeak::source).collect(Collectors.toCollection(LinkedHashSet::new));
        return new ConfigException("point-in-time check: " + leaks.size() + " feature(s) change when later bars are "
                + "removed, so they read the future:\n" + lines + "\nfix or remove " + String.join(", ", leakingFeatures())
                + " in " + String.join(", ", files) + " (or drop the set from features.sets), or set " + ACTION_KEY
                + "=exclude to leave them out of the model inputs");
    }

    /** The {@value #SUMMARY_KEY} entry of the phase summary. */
    Map<String, Object> summary(PipelineConfig.PointInTime pit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("action", pit.action());
        m.put("tolerance", pit.tolerance());
        m.put("symbols", symbols);
        m.put("cutoffs", cutoffs);
        m.put("features_checked", featuresChecked);
        m.put("rows_compared", rowsCompared);
        m.put("leaking_features", leakingFeatures());
        return m;
    }

    List<Map<String, Object>> excludedSummary() {
        return leaks.stream().map(PointInTimeLeak::toSummary).toList();
    }

    /** The phase headline's fragment. */
    String headline() {
        return switch (status) {
            case PASSED -> String.format("point-in-time check passed (%d features, %d symbols x %d cut-offs)",
                    featuresChecked, symbols.size(), cutoffs.size());
            case LEAKING -> "point-in-time check EXCLUDED " + String.join(", ", leakingFeatures()) + " (they read later bars)";
            case SKIPPED -> "point-in-time check skipped (fewer than 2 bars to cut)";
            default -> "point-in-time check off (" + ENABLED_KEY + ")";
        };
    }

    /** The features a FEATURES phase summary records as excluded; empty when none (or no such summary). */
    public static Set<String> excluded(Map<String, Object> featuresSummary) {
        Set<String> features = new LinkedHashSet<>();
        if (featuresSummary.get(EXCLUDED_KEY) instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> m && m.get("feature") != null) {
                    features.add(m.get("feature").toString());
                }
            }
        }
        return features;
    }
}
