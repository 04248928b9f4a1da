package io.sensequant.repro;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The differences between two effective configs, as dotted keys. Lists stay whole values: an overlay replaces a
 * list rather than editing one element, so "which element changed" is not a question a user can act on.
 */
public final class ConfigDiff {
    /** Keys under this prefix say where things are, not what is computed. */
    public static final String LOCATION_PREFIX = "paths.";

    /** One key whose value differs; {@code a} or {@code b} is null where that run's config lacks the key. */
    public record Difference(String key, JsonNode a, JsonNode b) {
        public boolean location() {
            return key.startsWith(LOCATION_PREFIX);
        }
    }

    private ConfigDiff() {
    }

    /** Leaf values by dotted key; an empty object is a leaf, so a section that empties out still shows. */
    public static SortedMap<String, JsonNode> flatten(JsonNode tree) {
        SortedMap<String, JsonNode> flat = new TreeMap<>();
        if (tree != null && !tree.isNull()) {
            flatten("", tree, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, SortedMap<String, JsonNode> flat) {
        if (!node.isObject() || node.isEmpty()) {
            flat.put(prefix.isEmpty() ? "(root)" : prefix, node);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), flat);
        }
    }

    /** Every key whose value differs or that only one config has, in key order. */
    public static List<Difference> diff(JsonNode a, JsonNode b) {
        SortedMap<String, JsonNode> left = flatten(a);
        SortedMap<String, JsonNode> right = flatten(b);
        TreeSet<String> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String key : keys) {
            JsonNode valueA = left.get(key);
            JsonNode valueB = right.get(key);
            if (!Objects.equals(valueA, valueB)) {
                differences.add(new Difference(key, valueA, valueB));
            }
        }
        return differences;
    }

    /** A value as a user would type it: strings bare, everything else as JSON; a missing key as "(absent)". */
    public static String render(JsonNode value) {
        if (value == null) {
            return "(absent)";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
