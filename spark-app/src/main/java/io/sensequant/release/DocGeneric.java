package io.sensequant.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders any summary map as tables, key for key, so a key a phase adds shows up in the briefing without a code
 * change here: scalars as a figure/value table; sibling maps of scalars as one table (a row each, a column per
 * key); lists of maps (folds, periods) as a table with a row per item; deeper maps under a bold label, recursively.
 */
final class DocGeneric {
    /** Wider than this, sibling maps are shown one table each rather than as one sparse table. */
    private static final int MAX_COLUMNS = 10;
    /** Deeper than this, a value is shown on one line. */
    private static final int NESTING_LIMIT = 4;
    private static final List<String> ROW_LABELS = List.of("name", "test", "fold", "id", "metric", "period");

    private DocGeneric() {
    }

    static void render(Doc doc, Map<String, Object> map) {
        render(doc, map, "", 0);
    }

    @SuppressWarnings("unchecked")
    private static void render(Doc doc, Map<String, Object> map, String path, int depth) {
        List<List<String>> scalars = new ArrayList<>();
        Map<String, Map<String, Object>> flat = new LinkedHashMap<>();
        Map<String, Object> deep = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (isScalar(v) || depth >= NESTING_LIMIT) {
                scalars.add(List.of(DocValues.cell(e.getKey()), DocValues.format(v)));
            } else if (v instanceof Map<?, ?> m && m.values().stream().allMatch(DocGeneric::isScalar)) {
                flat.put(e.getKey(), (Map<String, Object>) m);
            } else {
                deep.put(e.getKey(), v);
            }
        }
        if (!scalars.isEmpty()) {
            doc.table(List.of("figure", "value"), scalars);
        }
        if (!flat.isEmpty()) {
            Set<String> columns = columns(flat.values());
            if (columns.size() <= MAX_COLUMNS) {
                matrix(doc, "", flat, columns);
            } else {
                flat.forEach((key, m) -> {
                    doc.paragraph("**" + label(path, key) + "**");
                    render(doc, m, label(path, key), depth + 1);
                });
            }
        }
        deep.forEach((key, v) -> {
            doc.paragraph("**" + label(path, key) + "**");
            if (v instanceof Map<?, ?> m) {
                render(doc, (Map<String, Object>) m, label(path, key), depth + 1);
            } else {
                list(doc, (List<Object>) v);
            }
        });
    }

    /** A list of maps: a row per item, labelled by its name, test or fold when it has one, else by position. */
    @SuppressWarnings("unchecked")
    private static void list(Doc doc, List<Object> items) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> m) {
                Map<String, Object> item = (Map<String, Object>) m;
                String labelKey = ROW_LABELS.stream().filter(item::containsKey).findFirst().orElse(null);
                Map<String, Object> rest = new LinkedHashMap<>(item);
                String label = labelKey == null ? "#" + (i + 1) : String.valueOf(rest.remove(labelKey));
                rows.put(rows.containsKey(label) ? label + " #" + (i + 1) : label, rest);
            } else {
                plain.add(DocValues.format(items.get(i)));
            }
        }
        if (!rows.isEmpty()) {
            matrix(doc, "", rows, columns(rows.values()));
        }
        if (!plain.isEmpty()) {
            doc.bullets(plain);
        }
    }

    private static void matrix(Doc doc, String corner, Map<String, Map<String, Object>> rows, Set<String> columns) {
        List<String> header = new ArrayList<>();
        header.add(corner);
        columns.forEach(c -> header.add(DocValues.cell(c)));
        List<List<String>> body = new ArrayList<>();
        rows.forEach((key, m) -> {
            List<String> row = new ArrayList<>();
            row.add(DocValues.cell(key));
            columns.forEach(c -> row.add(m.containsKey(c) ? DocValues.format(m.get(c)) : "n/a"));
            body.add(row);
        });
        doc.table(header, body);
    }

    private static Set<String> columns(Iterable<Map<String, Object>> maps) {
        Set<String> columns = new LinkedHashSet<>();
        maps.forEach(m -> columns.addAll(m.keySet()));
        return columns;
    }

    private static String label(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A value shown in one cell: a number, text, a flag, null, or a list with no map in it. */
    static boolean isScalar(Object v) {
        return !(v instanceof Map<?, ?>) && !(v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map<?, ?> || x instanceof List<?>));
    }
}
