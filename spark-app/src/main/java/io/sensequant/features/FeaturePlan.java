package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.features.expr.Expr;
import io.sensequant.features.expr.ExpressionParser;
import io.sensequant.features.expr.Lookback;
import io.sensequant.features.expr.References;
import io.sensequant.identity.Hashing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The features a run computes: its sets in order, every expression parsed with references to earlier
 * features expanded, the longest lookback, and the signature that identifies the definitions.
 *
 * @param expressions feature name to parsed expression, in output order
 * @param setOf       feature name to the set that declares it
 */
public record FeaturePlan(List<FeatureSet> sets, Map<String, Expr> expressions, Map<String, String> setOf) {
    /** Bar columns an expression may read as {@code $name}; a feature can never take one of these names. */
    public static final Set<String> BAR_FIELDS = Set.of("open", "high", "low", "close", "volume", "vwap", "sentiment");
    public static final String SENTIMENT = "sentiment";
    private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SET_PREFIX = "@";

    public FeaturePlan {
        sets = List.copyOf(sets);
        expressions = Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
        setOf = Collections.unmodifiableMap(new LinkedHashMap<>(setOf));
    }

    /** The sets named in {@code features.sets}, read from the conf directory. */
    public static FeaturePlan load(ConfDir conf, PipelineConfig.Features settings) {
        List<FeatureSet> sets = new ArrayList<>();
        for (String name : settings.sets()) {
            if (sets.stream().anyMatch(s -> s.name().equals(name))) {
                throw new ConfigException("features.sets names '" + name + "' twice");
            }
            sets.add(FeatureSetFiles.load(conf, name));
        }
        return of(sets);
    }

    public static FeaturePlan of(List<FeatureSet> sets) {
        Map<String, Expr> expressions = new LinkedHashMap<>();
        Map<String, String> setOf = new LinkedHashMap<>();
        for (FeatureSet set : sets) {
            set.definitions().forEach((name, text) -> {
                if (!FEATURE_NAME.matcher(name).matches()) {
                    throw new ConfigException(set.source() + ": feature name '" + name
                            + "' must start with a letter or '_' and contain only letters, digits and '_'");
                }
                if (BAR_FIELDS.contains(name) || FeatureColumns.reserved(name)) {
                    throw new ConfigException(set.source() + ": feature name '" + name
                            + "' is reserved for a bar, key or label column; rename it");
                }
                if (setOf.containsKey(name)) {
                    throw new ConfigException(set.source() + ": feature '" + name + "' is already defined by set '"
                            + setOf.get(name) + "'; feature names must be unique across features.sets");
                }
                Expr parsed = ExpressionParser.parse(name, set.source(), text);
                expressions.put(name, References.expand(parsed, expressions));
                setOf.put(name, set.name());
            });
        }
        return new FeaturePlan(sets, expressions, setOf);
    }

    public List<String> columns() {
        return List.copyOf(expressions.keySet());
    }

    public List<String> columnsOf(String set) {
        return setOf.entrySet().stream().filter(e -> e.getValue().equals(set)).map(Map.Entry::getKey).toList();
    }

    public String sourceOf(String feature) {
        String set = setOf.get(feature);
        return sets.stream().filter(s -> s.name().equals(set)).findFirst().map(FeatureSet::source).orElse(set);
    }

    /** Bars before which some feature's lookback is incomplete (the longest over all features). */
    public int lookbackBars() {
        return expressions.values().stream().mapToInt(Lookback::of).max().orElse(0);
    }

    public boolean reads(String field) {
        return expressions.values().stream().anyMatch(e -> References.fields(e).contains(field));
    }

    /** Per feature, the SHA-256 of its expanded, canonical definition (whitespace and file layout do not count). */
    public Map<String, String> definitionHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        expressions.forEach((name, expr) -> hashes.put(name, Hashing.sha256Hex(expr.canonical())));
        return hashes;
    }

    /** The feature signature: SHA-256 over every name and canonical definition, in output order. */
    public String signature() {
        StringBuilder text = new StringBuilder();
        expressions.forEach((name, expr) -> text.append(name).append('=').append(expr.canonical()).append('\n'));
        return Hashing.sha256Hex(text.toString());
    }

    /**
     * Resolves a list of model input columns: {@code @set} stands for every feature of the set, other entries
     * must be features of the plan.
     *
     * @param key the config key the list came from, for errors
     */
    public List<String> resolve(List<String> entries, String key) {
        List<String> resolved = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith(SET_PREFIX)) {
                String set = entry.substring(SET_PREFIX.length());
                List<String> members = columnsOf(set);
                if (members.isEmpty()) {
                    throw new ConfigException(key + ": '" + entry + "' names no set of features.sets "
                            + sets.stream().map(FeatureSet::name).toList());
                }
                members.stream().filter(m -> !resolved.contains(m)).forEach(resolved::add);
            } else if (!expressions.containsKey(entry)) {
                throw new ConfigException(key + ": '" + entry + "' is not produced by features.sets "
                        + sets.stream().map(FeatureSet::name).toList() + "; add its set or fix the name");
            } else if (!resolved.contains(entry)) {
                resolved.add(entry);
            }
        }
        return resolved;
    }
}
