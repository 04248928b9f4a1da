package io.sensequant.repro;

import io.sensequant.identity.StageIdentity;
import io.sensequant.snapshot.Stage;
import io.sensequant.snapshot.StageSnapshot;
import io.sensequant.spark.DeltaCommits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a stage's recorded commits with the commits of its re-run: commits are paired by table, in commit
 * order, and every fingerprint either side has is compared, then the strict key (naming the signatures behind a
 * difference). Pure: the lake reads and the re-run happen elsewhere.
 */
public final class RunVerifier {
    private RunVerifier() {
    }

    public static List<FingerprintCheck> compare(Stage stage, List<DeltaCommits.Committed> recorded,
                                                 List<DeltaCommits.Committed> rerun) {
        Map<String, List<DeltaCommits.Committed>> recordedByTable = byTable(recorded);
        Map<String, List<DeltaCommits.Committed>> rerunByTable = byTable(rerun);
        List<FingerprintCheck> checks = new ArrayList<>();
        for (Map.Entry<String, List<DeltaCommits.Committed>> entry : recordedByTable.entrySet()) {
            List<DeltaCommits.Committed> again = rerunByTable.getOrDefault(entry.getKey(), List.of());
            for (int i = 0; i < entry.getValue().size(); i++) {
                DeltaCommits.Committed was = entry.getValue().get(i);
                if (i >= again.size()) {
                    checks.add(new FingerprintCheck(stage, was.table(), was.version(), "commit", FingerprintCheck.RERUN,
                            "present", "absent", "the re-run made no such commit"));
                    continue;
                }
                checks.addAll(compare(stage, was, again.get(i)));
            }
        }
        return checks;
    }

    static List<FingerprintCheck> compare(Stage stage, DeltaCommits.Committed recorded, DeltaCommits.Committed rerun) {
        List<FingerprintCheck> checks = new ArrayList<>();
        StageSnapshot was = recorded.snapshot();
        StageSnapshot now = rerun.snapshot();
        TreeSet<String> names = new TreeSet<>(was.fingerprints().keySet());
        names.addAll(now.fingerprints().keySet());
        for (String name : names) {
            checks.add(new FingerprintCheck(stage, recorded.table(), recorded.version(), name, FingerprintCheck.RERUN,
                    was.fingerprints().get(name), now.fingerprints().get(name), ""));
        }
        if (was.identity() != null && now.identity() != null) {
            List<String> differing = new ArrayList<>();
            for (String signature : StageIdentity.SIGNATURES) {
                String a = was.identity().signatures().get(signature);
                String b = now.identity().signatures().get(signature);
                if (a != null && !a.equals(b) || a == null && b != null) {
                    differing.add(signature);
                }
            }
            checks.add(new FingerprintCheck(stage, recorded.table(), recorded.version(), "strict_key", FingerprintCheck.RERUN,
                    was.identity().strictKey(), now.identity().strictKey(),
                    differing.isEmpty() ? "" : "differs in " + String.join(", ", differing)));
        }
        return checks;
    }

    private static Map<String, List<DeltaCommits.Committed>> byTable(List<DeltaCommits.Committed> commits) {
        Map<String, List<DeltaCommits.Committed>> grouped = new LinkedHashMap<>();
        commits.forEach(c -> grouped.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c));
        return grouped;
    }
}
