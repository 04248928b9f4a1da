package io.sensequant.release;

import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeFiles;

/** Files written next to every run in its release directory before any phase starts. */
public final class RunArtifacts {
    public static final String EFFECTIVE_CONFIG = "effective_config.yaml";

    private RunArtifacts() {
    }

    /** Writes the effective, merged config; returns its path. */
    public static String writeEffectiveConfig(RunContext context) {
        String path = context.releaseDir() + "/" + EFFECTIVE_CONFIG;
        LakeFiles.write(context.lake().hadoopConf(), path, context.effectiveConfig().toYaml());
        return path;
    }
}
