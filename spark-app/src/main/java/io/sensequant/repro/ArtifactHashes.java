package io.sensequant.repro;

import io.sensequant.identity.CanonicalJson;

import java.util.Map;
import java.util.TreeMap;

/**
 * One SHA-256 over a set of files: the canonical JSON of {path relative to the run's directory: SHA-256 of the
 * file}. Relative paths keep it independent of where the lake is, so a copy or a verification run compares equal.
 */
public final class ArtifactHashes {
    private ArtifactHashes() {
    }

    public static String sha256(Map<String, String> fileHashes) {
        return CanonicalJson.sha256(new TreeMap<>(fileHashes));
    }

    /** {@code path} relative to the directory of run {@code runId} (…/models/<run_id>/teachers/x.json → teachers/x.json). */
    public static String relativeToRun(String path, String runId) {
        String marker = "/" + runId + "/";
        int at = path.lastIndexOf(marker);
        return at < 0 ? path : path.substring(at + marker.length());
    }
}
