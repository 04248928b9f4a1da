package io.sensequant.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deep-merges overlays into the effective config tree, validating every key and value against the schema,
 * which is the defaults tree itself: a key that is not in the defaults is unknown, and a value must have the
 * type of its default. A few maps are open (free-form keys: Spark settings, XGBoost hyperparameters).
 */
final class ConfigTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode schema;
    private final List<String> openMapPatterns;

    ConfigTree(ObjectNode schema, List<String> openMapPatterns) {
        this.schema = schema.deepCopy();
        this.openMapPatterns = List.copyOf(openMapPatterns);
    }

    /** Validates {@code overlay} (read from {@code source}) and merges it into {@code target}. */
    void merge(ObjectNode target, ObjectNode overlay, String source) {
        validate(overlay, schema, "", source);
        deepMerge(target, overlay);
    }

    /** Applies one {@code key=value} assignment, converting the text to the type the schema expects. */
    void set(ObjectNode target, String assignment, String source) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(source + " '" + assignment + "': expected key=value, e.g. run.base_seed=7");
        }
        String key = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1).trim();
        String[] parts = key.split("\\.");
        JsonNode schemaNode = schema;
        String parent = "";
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i];
            JsonNode child = schemaNode == null ? null : schemaNode.get(name);
            if (child == null && !isOpen(parent)) {
                throw unknownKey(join(parent, name), schemaNode, source + " " + key);
            }
            schemaNode = child;
            parent = join(parent, name);
        }
        if (schemaNode != null && schemaNode.isObject() && !isOpen(key)) {
            throw new ConfigException(source + " " + key + ": '" + key + "' is a section, not a value; set one of its keys: "
                    + String.join(", ", fieldNames(schemaNode)));
        }
        JsonNode value = convert(raw, schemaNode, key, source);
        ObjectNode node = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null || !next.isObject()) {
                next = node.putObject(parts[i]);
            }
            node = (ObjectNode) next;
        }
        node.set(parts[parts.length - 1], value);
    }

    /** Sets a value whose type is already right (used for variants and CLI shorthands). */
    static void putPath(ObjectNode target, String key, JsonNode value) {
        String[] parts = key.split("\\.");
        ObjectNode node = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null || !next.isObject()) {
                next = node.putObject(parts[i]);
            }
            node = (ObjectNode) next;
        }
        node.set(parts[parts.length - 1], value);
    }

    static JsonNode getPath(JsonNode root, String key) {
        JsonNode node = root;
        for (String part : key.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    static void deepMerge(ObjectNode target, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                deepMerge((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private void validate(JsonNode overlay, JsonNode schemaNode, String prefix, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = join(prefix, field.getKey());
            JsonNode expected = schemaNode == null ? null : schemaNode.get(field.getKey());
            if (expected == null) {
                if (!isOpen(prefix)) {
                    throw unknownKey(path, schemaNode, source);
                }
                if (field.getValue().isObject()) {
                    validate(field.getValue(), null, path, source);
                }
                continue;
            }
            JsonNode actual = field.getValue();
            if (expected.isObject() && actual.isObject()) {
                validate(actual, expected, path, source);
            } else if (!compatible(expected, actual)) {
                throw new ConfigException(source + ": key '" + path + "' expects " + typeName(expected)
                        + " but has " + typeName(actual) + " " + actual);
            }
        }
    }

    private boolean isOpen(String path) {
        for (String pattern : openMapPatterns) {
            if (matches(pattern.split("\\."), path.isEmpty() ? new String[0] : path.split("\\."))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean compatible(JsonNode expected, JsonNode actual) {
        if (expected.isNull() || actual.isNull()) {
            return true;
        }
        if (expected.isIntegralNumber()) {
            return actual.isIntegralNumber();
        }
        if (expected.isNumber()) {
            return actual.isNumber();
        }
        if (expected.isBoolean()) {
            return actual.isBoolean();
        }
        if (expected.isTextual()) {
            return actual.isTextual();
        }
        if (expected.isArray()) {
            return actual.isArray();
        }
        return expected.isObject() == actual.isObject();
    }

    private JsonNode convert(String raw, JsonNode expected, String key, String source) {
        String where = source + " " + key + "=" + raw;
        if (expected == null || expected.isNull()) {
            return inferScalar(raw);
        }
        try {
            if (expected.isIntegralNumber()) {
                return NODES.numberNode(Long.parseLong(raw));
            }
            if (expected.isNumber()) {
                return NODES.numberNode(Double.parseDouble(raw));
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": key '" + key + "' expects " + typeName(expected) + ", got '" + raw + "'");
        }
        if (expected.isBoolean()) {
            if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
                throw new ConfigException(where + ": key '" + key + "' expects true or false, got '" + raw + "'");
            }
            return NODES.booleanNode(Boolean.parseBoolean(raw));
        }
        if (expected.isArray()) {
            ArrayNode list = NODES.arrayNode();
            JsonNode elementType = expected.size() > 0 ? expected.get(0) : null;
            // "a,b" and the YAML-looking "[a, b]" both mean a list
            String items = raw.strip();
            if (items.startsWith("[") && items.endsWith("]")) {
                items = items.substring(1, items.length() - 1);
            }
            for (String item : items.split(",")) {
                if (!item.isBlank()) {
                    list.add(convert(item.trim(), elementType, key, source));
                }
            }
            return list;
        }
        return NODES.textNode(raw);
    }

    private static JsonNode inferScalar(String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(raw));
        }
        try {
            return NODES.numberNode(Long.parseLong(raw));
        } catch (NumberFormatException notLong) {
            try {
                return NODES.numberNode(Double.parseDouble(raw));
            } catch (NumberFormatException notDouble) {
                return NODES.textNode(raw);
            }
        }
    }

    private static ConfigException unknownKey(String path, JsonNode siblings, String source) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        StringBuilder message = new StringBuilder(source).append(": unknown config key '").append(path).append("'");
        if (siblings != null && siblings.isObject()) {
            String closest = null;
            int best = Integer.MAX_VALUE;
            for (String candidate : fieldNames(siblings)) {
                int distance = editDistance(name, candidate);
                if (distance < best) {
                    best = distance;
                    closest = candidate;
                }
            }
            if (closest != null && best <= Math.max(2, name.length() / 3)) {
                String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.') + 1) : "";
                message.append(" (did you mean '").append(parent).append(closest).append("'?)");
            } else {
                message.append("; valid keys here: ").append(String.join(", ", fieldNames(siblings)));
            }
        }
        return new ConfigException(message.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(new TreeSet<>(iterable(node.fieldNames())));
        return names;
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String typeName(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.getNodeType().name().toLowerCase();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
