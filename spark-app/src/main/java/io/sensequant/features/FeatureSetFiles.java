package io.sensequant.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.Yaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads feature set files. Format:
 * <pre>
 * description: text
 * features:            # name: expression, in output order
 *   KMID: ($close - $open) / $open
 * templates:           # optional: each template expanded once per window, {d} replaced by the window
 *   windows: [5, 10, 20]
 *   features:
 *     MA{d}: Mean($close, {d}) / $close
 * </pre>
 */
public final class FeatureSetFiles {
    static final String DIRECTORY = "features/";
    private static final String WINDOW_PLACEHOLDER = "{d}";
    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Set<String> TOP_LEVEL = Set.of("description", "features", "templates");
    private static final Set<String> TEMPLATE_KEYS = Set.of("windows", "features");

    private FeatureSetFiles() {
    }

    public static FeatureSet load(ConfDir conf, String name) {
        if (!SET_NAME.matcher(name).matches()) {
            throw new ConfigException("feature set name '" + name + "' must be letters, digits, '_', '.' or '-' "
                    + "(it names conf/features/<name>.yaml)");
        }
        String relative = DIRECTORY + name + ".yaml";
        String source = conf.describe(relative);
        String text = conf.read(relative).orElseThrow(() -> new ConfigException("feature set '" + name
                + "' not found: there is no " + source + "; add the file or remove '" + name + "' from features.sets"));
        return parse(name, source, text);
    }

    static FeatureSet parse(String name, String source, String text) {
        ObjectNode root = Yaml.parseObject(text, source);
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL.contains(key)) {
                throw new ConfigException(source + ": unknown key '" + key + "'; a feature set has " + TOP_LEVEL);
            }
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        JsonNode features = root.path("features");
        if (!features.isMissingNode() && !features.isObject()) {
            throw new ConfigException(source + ": 'features' must be a map of name: expression");
        }
        features.fields().forEachRemaining(e -> put(definitions, e.getKey(), expression(e.getValue(), source, e.getKey()), source));
        JsonNode templates = root.path("templates");
        if (!templates.isMissingNode()) {
            expandTemplates(templates, source, definitions);
        }
        if (definitions.isEmpty()) {
            throw new ConfigException(source + ": defines no features; add entries under 'features:'");
        }
        return new FeatureSet(name, source, root.path("description").asText(""), definitions);
    }

    private static void expandTemplates(JsonNode templates, String source, Map<String, String> definitions) {
        if (!templates.isObject()) {
            throw new ConfigException(source + ": 'templates' must be a map with 'windows' and 'features'");
        }
        templates.fieldNames().forEachRemaining(key -> {
            if (!TEMPLATE_KEYS.contains(key)) {
                throw new ConfigException(source + ": unknown key 'templates." + key + "'; templates have " + TEMPLATE_KEYS);
            }
        });
        List<Integer> windows = new ArrayList<>();
        JsonNode windowNodes = templates.path("windows");
        if (!windowNodes.isArray() || windowNodes.isEmpty()) {
            throw new ConfigException(source + ": templates.windows must be a non-empty list of positive integers");
        }
        for (JsonNode w : windowNodes) {
            if (!w.canConvertToInt() || !w.isIntegralNumber() || w.asInt() < 1) {
                throw new ConfigException(source + ": templates.windows must be positive integers, found '" + w.asText() + "'");
            }
            windows.add(w.asInt());
        }
        JsonNode features = templates.path("features");
        if (!features.isObject() || features.isEmpty()) {
            throw new ConfigException(source + ": templates.features must be a map of NAME{d}: expression using {d}");
        }
        features.fields().forEachRemaining(e -> {
            String template = e.getKey();
            if (!template.contains(WINDOW_PLACEHOLDER)) {
                throw new ConfigException(source + ": template '" + template + "' must contain " + WINDOW_PLACEHOLDER
                        + " in its name, so each window gets its own column");
            }
            String body = expression(e.getValue(), source, template);
            for (int window : windows) {
                String d = Integer.toString(window);
                put(definitions, template.replace(WINDOW_PLACEHOLDER, d), body.replace(WINDOW_PLACEHOLDER, d), source);
            }
        });
    }

    private static String expression(JsonNode value, String source, String feature) {
        if (!value.isTextual() && !value.isNumber()) {
            throw new ConfigException(source + ": feature '" + feature + "' must be an expression string");
        }
        return value.asText();
    }

    private static void put(Map<String, String> definitions, String name, String expression, String source) {
        if (definitions.putIfAbsent(name, expression) != null) {
            throw new ConfigException(source + ": feature '" + name + "' is defined twice");
        }
    }
}
