package io.sensequant.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sensequant.identity.CanonicalJson;
import io.sensequant.identity.Hashing;

import java.util.List;

/**
 * The merged config of one run: the tree (for writing and diffing), its typed view, the fingerprint
 * (SHA-256 of the canonical JSON of the tree) and the ordered list of sources that went into it.
 */
public record EffectiveConfig(ObjectNode tree, PipelineConfig typed, String fingerprint, List<String> sources) {

    public static EffectiveConfig of(ObjectNode tree, PipelineConfig typed, List<String> sources) {
        return new EffectiveConfig(tree, typed, Hashing.sha256Hex(CanonicalJson.write(tree)), List.copyOf(sources));
    }

    public String toYaml() {
        try {
            return "# effective config, fingerprint sha256:" + fingerprint + "\n# sources: " + String.join(" < ", sources)
                    + "\n" + Yaml.YAML.writeValueAsString(CanonicalJson.sorted(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("effective config cannot be written as YAML", e);
        }
    }
}
