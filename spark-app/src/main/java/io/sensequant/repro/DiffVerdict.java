package io.sensequant.repro;

import io.sensequant.repro.RunDiffReport.CommitPair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict on two runs' commit pairs. {@code comparable}: every commit has a counterpart with the same
 * replicate key (the same identity but for the seed), so the runs are replicates whose scores may be pooled;
 * {@code identical}: comparable, and the same strict key and fingerprints everywhere, so the outputs are the same
 * bits. The text names what breaks each, and the explanations name the config keys behind it.
 *
 * <p>INGEST commits record data acquisition (one run fetches bars, the next finds them cached), not what a run
 * computed from, so they are reported but left out of the verdict: every later stage's dataset_signature already
 * says which bars it read, at which version, with their content hash.
 */
record DiffVerdict(boolean comparable, boolean identical, String text, List<String> explanations, List<String> notes) {
    /** The stage whose commits record data acquisition rather than computation. */
    private static final String ACQUISITION = "INGEST";
    /** Places listed per reason before the rest are counted. */
    private static final int PLACES = 3;
    /** Config keys listed before the rest are counted. */
    private static final int KEYS = 8;

    static String legacy(String runId) {
        return "run " + runId + " has legacy snapshots without identity: signatures cannot be compared";
    }

    static DiffVerdict of(RunRecord a, RunRecord b, List<CommitPair> allPairs, List<ConfigDiff.Difference> config) {
        List<CommitPair> pairs = allPairs.stream().filter(p -> !ACQUISITION.equals(p.stage())).toList();
        List<String> acquisition = allPairs.stream().filter(p -> ACQUISITION.equals(p.stage()) && !p.same())
                .map(CommitPair::place).distinct().toList();
        List<String> acquisitionNote = acquisition.isEmpty() ? List.of() : List.of("INGEST commits differ ("
                + String.join(", ", acquisition) + "): data acquisition, left out of the verdict; the bars each later "
                + "stage read are compared through its dataset_signature");
        List<String> reasons = new ArrayList<>();
        Set<String> suspects = new LinkedHashSet<>();
        if (pairs.isEmpty()) {
            reasons.add("neither run has stage commits in snapshot_index");
        }
        for (RunRecord run : List.of(a, b)) {
            if (run.hasLegacySnapshots()) {
                reasons.add(legacy(run.runId()));
            }
        }
        Map<String, List<String>> broken = new LinkedHashMap<>();
        for (CommitPair pair : pairs) {
            if (!pair.paired()) {
                broken.computeIfAbsent("only in " + (pair.a() == null ? b.runId() : a.runId()), k -> new ArrayList<>()).add(pair.place());
            } else if (Boolean.FALSE.equals(pair.replicateKeyEqual())) {
                List<String> signatures = pair.signaturesDiffer().isEmpty() ? List.of("replicate_key") : pair.signaturesDiffer();
                broken.computeIfAbsent(String.join(", ", signatures) + " differs in", k -> new ArrayList<>()).add(pair.place());
                suspects.addAll(pair.signaturesDiffer());
            }
        }
        broken.forEach((reason, places) -> reasons.add(reason + " " + places(places)));
        if (!reasons.isEmpty()) {
            return new DiffVerdict(false, false, "not comparable: " + String.join("; ", reasons),
                    explain(suspects, config), acquisitionNote);
        }

        List<String> differences = new ArrayList<>();
        Set<String> seeds = new LinkedHashSet<>();
        int strictDiffers = 0;
        Map<String, List<String>> fingerprints = new LinkedHashMap<>();
        for (CommitPair pair : pairs) {
            if (!Boolean.TRUE.equals(pair.strictKeyEqual())) {
                strictDiffers++;
                seeds.add(pair.a().identity().trainSeed() + " vs " + pair.b().identity().trainSeed());
            }
            pair.fingerprintsDiffer().forEach(f -> fingerprints.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(pair.place()));
        }
        if (strictDiffers > 0) {
            differences.add("strict_key differs (train_seed " + String.join(", ", seeds) + ") in " + strictDiffers
                    + " of " + pairs.size() + " commits");
            suspects.add(ConfigHints.TRAIN_SEED);
        }
        fingerprints.forEach((name, places) -> differences.add(name + " differs in " + places(places)));
        if (differences.isEmpty()) {
            List<String> notes = new ArrayList<>(acquisitionNote);
            if (config.stream().anyMatch(d -> !d.location())) {
                notes.add("the configs differ (" + config.stream().filter(d -> !d.location()).count()
                        + " keys) without changing any identity or fingerprint");
            }
            return new DiffVerdict(true, true, "identical (same strict_key and fingerprints in all " + pairs.size() + " commits)",
                    List.of(), notes);
        }
        return new DiffVerdict(true, false, "comparable, not identical: " + String.join("; ", differences),
                explain(suspects, config), acquisitionNote);
    }

    /** The config keys behind the suspects; every non-location difference when none falls under them. */
    private static List<String> explain(Set<String> suspects, List<ConfigDiff.Difference> config) {
        Set<ConfigDiff.Difference> keys = new LinkedHashSet<>();
        for (String suspect : suspects) {
            keys.addAll(ConfigHints.explaining(suspect, config));
        }
        if (keys.isEmpty()) {
            config.stream().filter(d -> !d.location()).forEach(keys::add);
        }
        List<String> lines = new ArrayList<>();
        keys.stream().limit(KEYS).forEach(d -> lines.add(ConfigHints.line(d)));
        if (keys.size() > KEYS) {
            lines.add("... and " + (keys.size() - KEYS) + " more config differences");
        }
        return lines;
    }

    private static String places(List<String> places) {
        Set<String> distinct = new LinkedHashSet<>(places);
        String shown = String.join(", ", distinct.stream().limit(PLACES).toList());
        return distinct.size() > PLACES ? shown + " (+" + (distinct.size() - PLACES) + " more)" : shown;
    }
}
