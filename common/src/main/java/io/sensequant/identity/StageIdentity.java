package io.sensequant.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who a stage's output is, as signatures (SHA-256 of canonical JSON of what each covers) plus the training seed.
 * {@code replicate_key} hashes the signatures without the seed, so runs that differ only by seed share it (the
 * group for cross-seed stability); {@code strict_key} hashes them with the seed. {@code missing} names the
 * signatures the stage requires but could not compute; the keys then cover the signatures that exist.
 */
public record StageIdentity(String mode, Map<String, String> signatures, long trainSeed, List<String> missing,
                            String replicateKey, String strictKey) {
    public static final String DATASET = "dataset_signature";
    public static final String TARGET = "target_signature";
    public static final String FEATURE = "feature_signature";
    public static final String HPARAMS = "hparams_signature";
    public static final String SPLIT = "split_signature";
    public static final String ROUTING = "routing_signature";
    /** Every signature, in the order of ARCHITECTURE.md. */
    public static final List<String> SIGNATURES = List.of(DATASET, TARGET, FEATURE, HPARAMS, SPLIT, ROUTING);

    public StageIdentity {
        signatures = new TreeMap<>(signatures);
        missing = List.copyOf(missing);
    }

    /** The identity of {@code signatures} (names from {@link #SIGNATURES}), with the {@code required} ones checked. */
    public static StageIdentity of(IdentityMode mode, Map<String, String> signatures, long trainSeed, List<String> required) {
        for (String name : signatures.keySet()) {
            if (!SIGNATURES.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a signature; signatures are " + SIGNATURES);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            String value = signatures.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        Map<String, Object> keyed = new LinkedHashMap<>(new TreeMap<>(signatures));
        String replicateKey = CanonicalJson.sha256(keyed);
        keyed.put("train_seed", trainSeed);
        String strictKey = CanonicalJson.sha256(keyed);
        return new StageIdentity(mode.configName(), signatures, trainSeed, missing, replicateKey, strictKey);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** SHA-256 of the canonical JSON of {@code content}: how every signature is computed. */
    public static String signature(Object content) {
        return CanonicalJson.sha256(content);
    }
}
