package io.sensequant.repro;

import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * The model files of a run as they are stored now: each XGBoost JSON model that {@code teacher_runs} or
 * {@code student_runs} (at a recorded version) lists for the run, hashed from disk. A missing file hashes as
 * "missing", so it can never match a recorded hash.
 */
public record StoredArtifacts(Map<String, String> recorded, Map<String, String> now) {
    static final String MISSING = "missing";
    static final String UNREADABLE = "unreadable";

    public static StoredArtifacts teachers(Lake lake, String runId, long version) {
        return of(lake, runId, lake.readVersion(LakeTable.TEACHER_RUNS, version)
                .where(col("run_id").equalTo(runId).and(col("status").equalTo("success"))));
    }

    public static StoredArtifacts students(Lake lake, String runId, long version) {
        return of(lake, runId, lake.readVersion(LakeTable.STUDENT_RUNS, version).where(col("run_id").equalTo(runId)));
    }

    private static StoredArtifacts of(Lake lake, String runId, org.apache.spark.sql.Dataset<Row> rows) {
        Map<String, String> recorded = new TreeMap<>();
        Map<String, String> now = new TreeMap<>();
        for (Row r : rows.select("model_path", "model_sha256").collectAsList()) {
            String relative = ArtifactHashes.relativeToRun(r.getString(0), runId);
            recorded.put(relative, r.getString(1));
            now.put(relative, hashNow(lake, r.getString(0)));
        }
        return new StoredArtifacts(recorded, now);
    }

    /**
     * The file's SHA-256 now; "missing", or "unreadable" when the file system refuses it (a local lake keeps
     * Hadoop checksums beside each file, so a file edited in place fails its checksum before it is even hashed).
     */
    private static String hashNow(Lake lake, String path) {
        if (!LakeFiles.exists(lake.hadoopConf(), path)) {
            return MISSING;
        }
        try {
            return LakeFiles.sha256(lake.hadoopConf(), path);
        } catch (java.io.UncheckedIOException e) {
            return UNREADABLE;
        }
    }

    public StoredArtifacts plus(StoredArtifacts other) {
        Map<String, String> r = new TreeMap<>(recorded);
        Map<String, String> n = new TreeMap<>(now);
        r.putAll(other.recorded);
        n.putAll(other.now);
        return new StoredArtifacts(r, n);
    }

    /** {@link ArtifactHashes#sha256} of the files as they are now. */
    public String sha256() {
        return ArtifactHashes.sha256(now);
    }

    /** The files whose content is not what the run recorded (or that are gone). */
    public List<String> changed() {
        List<String> changed = new ArrayList<>();
        recorded.forEach((path, sha) -> {
            if (!sha.equals(now.get(path))) {
                String state = now.get(path);
                changed.add(path + (MISSING.equals(state) || UNREADABLE.equals(state) ? " (" + state + ")" : ""));
            }
        });
        return changed;
    }
}
