package io.sensequant.config;

import io.sensequant.config.KnobScanner.Finding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The justified exceptions to {@link KnobScanner}, read from {@code knob-allowlist.txt}. One entry per line:
 * <pre>relative/path/From/RepoRoot.java | rule | substring of the offending line | justification</pre>
 * {@code #} starts a comment line and blank lines are ignored. An entry allows every finding in that file, for
 * that rule, whose line text contains the substring (so the substring itself must not contain '|').
 *
 * <p>The list must stay honest, so these are problems too: an entry without a justification, with an unknown
 * rule or an empty substring (such entries allow nothing), and a stale entry that matches no finding.
 */
final class KnobAllowlist {
    record Entry(int lineNo, String path, String rule, String substring, String justification) {
        boolean allows(Finding finding) {
            return finding.path().equals(path) && finding.rule().equals(rule) && finding.text().contains(substring);
        }
    }

    /** What is left after applying the allowlist: findings it does not cover, and problems with the list. */
    record Result(List<Finding> unallowed, List<String> problems) {
        boolean clean() {
            return unallowed.isEmpty() && problems.isEmpty();
        }
    }

    private final String name;
    private final List<Entry> entries;
    private final List<String> parseProblems;

    private KnobAllowlist(String name, List<Entry> entries, List<String> parseProblems) {
        this.name = name;
        this.entries = entries;
        this.parseProblems = parseProblems;
    }

    /** Parses the allowlist text; {@code name} only labels the problems ("knob-allowlist.txt:7: ..."). */
    static KnobAllowlist parse(String name, String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            String[] f = line.split("\\|", 4);
            if (f.length < 3) {
                problems.add(name + ":" + lineNo + ": expected 'path | rule | substring | justification': " + line);
                continue;
            }
            String path = f[0].strip().replace('\\', '/').replaceFirst("^\\./", "");
            String rule = f[1].strip();
            String substring = f[2].strip();
            String justification = f.length == 4 ? f[3].strip() : "";
            if (justification.isEmpty()) {
                problems.add(name + ":" + lineNo + ": entry has no justification: " + line);
            } else if (!KnobScanner.RULES.contains(rule)) {
                problems.add(name + ":" + lineNo + ": unknown rule '" + rule + "' (known: " + KnobScanner.RULES
                        + "): " + line);
            } else if (substring.isEmpty()) {
                problems.add(name + ":" + lineNo + ": empty substring would allow every line: " + line);
            } else {
                entries.add(new Entry(lineNo, path, rule, substring, justification));
            }
        }
        return new KnobAllowlist(name, List.copyOf(entries), List.copyOf(problems));
    }

    List<Entry> entries() {
        return entries;
    }

    /** Drops allowed findings; reports entries that allowed nothing as stale, after any parse problems. */
    Result apply(List<Finding> findings) {
        Set<Entry> used = new HashSet<>();
        List<Finding> unallowed = new ArrayList<>();
        for (Finding finding : findings) {
            List<Entry> allowing = entries.stream().filter(e -> e.allows(finding)).toList();
            used.addAll(allowing);
            if (allowing.isEmpty()) {
                unallowed.add(finding);
            }
        }
        List<String> problems = new ArrayList<>(parseProblems);
        for (Entry entry : entries) {
            if (!used.contains(entry)) {
                problems.add(name + ":" + entry.lineNo() + ": stale entry matches no finding, remove it: "
                        + entry.path() + " | " + entry.rule() + " | " + entry.substring());
            }
        }
        return new Result(List.copyOf(unallowed), List.copyOf(problems));
    }
}
