package io.sensequant.ranking;

import io.sensequant.config.Yaml;
import io.sensequant.spark.LakeFiles;
import org.apache.hadoop.conf.Configuration;

/** Per-attempt JSON artifacts under {@code <lake>/models/<run_id>/<stage>/attempt_<n>/}, each written once. */
final class Artifacts {
    private Artifacts() {
    }

    static String attemptDir(String modelsDir, String stage, int attempt) {
        return modelsDir + "/" + stage + "/attempt_" + attempt;
    }

    /** Writes {@code value} as JSON to {@code path}; refuses to replace an earlier artifact. Returns its SHA-256. */
    static String writeOnce(Configuration conf, String path, Object value) {
        if (LakeFiles.exists(conf, path)) {
            throw new IllegalStateException("refusing to overwrite " + path + ": an attempt's artifacts are never replaced");
        }
        try {
            return LakeFiles.write(conf, path, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + path, e);
        }
    }
}
