package io.sensequant.release;

import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files other phases wrote for the reviewer, as their summaries list them under {@code report},
 * {@code reports} and {@code charts} (at any depth: a stress period lists its own charts). A relative path is
 * relative to the run's release directory.
 */
final class ReportFiles {
    static final List<String> KEYS = List.of("report", "reports", "charts");
    static final String CHARTS = "charts";
    /** A listed value is a file when it ends in an extension (a summary may also say e.g. "not written"). */
    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("\\S+\\.[A-Za-z0-9]{1,5}");

    /** A listed file: the phase that listed it, the key it was listed under and its resolved path. */
    record Listed(String phase, String key, String path) {
        boolean json() {
            return path.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        }

        boolean png() {
            return path.toLowerCase(java.util.Locale.ROOT).endsWith(".png");
        }
    }

    private ReportFiles() {
    }

    /** Every file listed by any phase of the run, each once, in phase order. */
    static List<Listed> of(RunContext context) {
        List<Listed> files = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PhaseResult result : context.results()) {
            for (Listed listed : listedIn(result.phase(), result.summary(), context.releaseDir())) {
                if (seen.add(listed.path())) {
                    files.add(listed);
                }
            }
        }
        return files;
    }

    /** The PNG charts a summary lists (at any depth), resolved against {@code releaseDir}. */
    static List<String> charts(Map<String, Object> summary, String releaseDir) {
        return listedIn("", summary, releaseDir).stream().filter(l -> l.key().equals(CHARTS) && l.png())
                .map(Listed::path).distinct().toList();
    }

    static List<Listed> listedIn(String phase, Map<String, Object> summary, String releaseDir) {
        List<Listed> files = new ArrayList<>();
        walk(phase, null, summary, releaseDir, files);
        return files;
    }

    private static void walk(String phase, String key, Object value, String releaseDir, List<Listed> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(phase, KEYS.contains(String.valueOf(k)) ? String.valueOf(k) : key, v, releaseDir, out));
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> walk(phase, key, item, releaseDir, out));
        } else if (value instanceof String path && key != null && FILE_NAME.matcher(path).matches()) {
            out.add(new Listed(phase, key, resolve(path, releaseDir)));
        }
    }

    static String resolve(String path, String releaseDir) {
        if (path.startsWith("/") || path.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return path;
        }
        return releaseDir + "/" + path;
    }
}
