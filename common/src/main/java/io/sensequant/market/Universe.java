package io.sensequant.market;

import io.sensequant.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A named set of instruments (conf/universe/NAME.yaml) with optional named groups of its symbols. */
public record Universe(String name, String description, List<UniverseMember> symbols, Map<String, List<String>> groups) {

    public Optional<UniverseMember> member(String symbol) {
        return symbols.stream().filter(m -> m.symbol().equals(symbol)).findFirst();
    }

    public List<String> allSymbols() {
        return symbols.stream().map(UniverseMember::symbol).toList();
    }

    /**
     * The symbols a run covers: all of them when {@code requested} is empty, else the requested ones, each of
     * which must be in the universe (an unknown symbol is named in the error).
     */
    public List<String> select(List<String> requested, String source) {
        if (requested.isEmpty()) {
            return allSymbols();
        }
        Map<String, UniverseMember> bySymbol = new LinkedHashMap<>();
        symbols.forEach(m -> bySymbol.put(m.symbol(), m));
        List<String> unknown = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        for (String symbol : requested) {
            if (!bySymbol.containsKey(symbol)) {
                unknown.add(symbol);
            } else if (!selected.contains(symbol)) {
                selected.add(symbol);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(source + ": symbol(s) " + String.join(", ", unknown) + " are not in universe '"
                    + name + "'; add them to conf/universe/" + name + ".yaml or pick from it");
        }
        return List.copyOf(selected);
    }
}
