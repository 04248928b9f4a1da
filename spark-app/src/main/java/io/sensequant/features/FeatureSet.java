package io.sensequant.features;

import java.util.Map;

/**
 * One feature set as declared in {@code conf/features/<name>.yaml}: named expressions, templates already
 * expanded, in file order.
 *
 * @param source      the file, as the user would name it, for errors
 * @param definitions feature name to expression text
 */
public record FeatureSet(String name, String source, String description, Map<String, String> definitions) {
    public FeatureSet {
        definitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(definitions));
    }
}
