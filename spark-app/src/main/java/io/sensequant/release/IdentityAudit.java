package io.sensequant.release;

import io.sensequant.identity.IdentityMode;
import io.sensequant.identity.StageIdentity;
import io.sensequant.spark.DeltaCommits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the identity of every snapshot the run committed: a commit with missing signatures is a warning in
 * relaxed mode and a failure in strict mode (where the stage should have stopped already); legacy mode does not
 * check identities.
 */
final class IdentityAudit {
    private IdentityAudit() {
    }

    /** One finding per stage and table whose commits lack signatures, naming them. */
    static List<Finding> findings(List<DeltaCommits.Committed> commits, IdentityMode mode) {
        if (mode == IdentityMode.LEGACY) {
            return List.of();
        }
        Map<String, java.util.Set<String>> missing = new TreeMap<>();
        for (DeltaCommits.Committed commit : commits) {
            StageIdentity identity = commit.snapshot().identity();
            if (identity != null && !identity.complete()) {
                missing.computeIfAbsent(commit.snapshot().stage() + " " + commit.table(), k -> new java.util.TreeSet<>())
                        .addAll(identity.missing());
            }
        }
        List<Finding> findings = new ArrayList<>();
        missing.forEach((where, names) -> findings.add(Finding.of("identity_incomplete",
                "snapshot of " + where + " is missing " + String.join(", ", names) + " (identity.mode " + mode.configName() + ")",
                "runs with this identity cannot be compared or verified reliably; fix the stage so that it records every "
                        + "signature identity.required lists, or re-run with identity.mode=strict")));
        return findings;
    }
}
