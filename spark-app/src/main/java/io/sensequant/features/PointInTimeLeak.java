package io.sensequant.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One feature that changed when later bars were removed: the earliest bar at which it differed, its value on all
 * bars and on the bars up to the cut-off (null where the feature had no value).
 *
 * @param source      the feature's set file, for the user
 * @param cutoff      the last bar kept in the truncated computation (exchange timestamp, ISO text)
 * @param differences how many (cut-off, bar) pairs differed, over every sampled symbol and cut-off
 */
public record PointInTimeLeak(String feature, String set, String source, String symbol, String date, String ts,
                              String cutoff, Double fullValue, Double truncatedValue, long differences) {
    /** The summary entry ({@code point_in_time_excluded}); other stages read {@code feature} from it. */
    public Map<String, Object> toSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", feature);
        m.put("set", set);
        m.put("source", source);
        m.put("symbol", symbol);
        m.put("date", date);
        m.put("ts", ts);
        m.put("cutoff", cutoff);
        m.put("full_value", fullValue);
        m.put("truncated_value", truncatedValue);
        m.put("differences", differences);
        return m;
    }

    /** One line for an error or a warning. */
    public String describe() {
        return String.format("'%s' (set '%s', %s): on %s at %s it is %s computed on all bars but %s computed on bars up to %s"
                        + " (%d differing values)", feature, set, source, symbol, ts, fullValue, truncatedValue, cutoff,
                differences);
    }
}
