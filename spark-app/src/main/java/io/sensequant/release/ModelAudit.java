package io.sensequant.release;

import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeFiles;
import io.sensequant.spark.LakeTable;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Re-hashes every model file the run recorded (teachers from teacher_runs, the student from student_runs)
 * and reports each file that is missing or whose SHA-256 no longer matches.
 */
final class ModelAudit {
    record Artifact(String kind, String path, String sha256) {
    }

    record Result(List<Artifact> verified, List<String> problems) {
    }

    private ModelAudit() {
    }

    static Result verify(RunContext context) {
        List<Artifact> recorded = new ArrayList<>();
        context.lake().readVersion(LakeTable.TEACHER_RUNS, context.versionWritten(LakeTable.TEACHER_RUNS))
                .where(col("run_id").equalTo(context.runId()).and(col("status").equalTo("success")))
                .select("model_path", "model_sha256").orderBy("model_path").collectAsList()
                .forEach(r -> recorded.add(new Artifact("teacher_model", r.getString(0), r.getString(1))));
        Row student = context.lake().readVersion(LakeTable.STUDENT_RUNS, context.versionWritten(LakeTable.STUDENT_RUNS))
                .where(col("run_id").equalTo(context.runId())).select("model_path", "model_sha256").first();
        recorded.add(new Artifact("student_model", student.getString(0), student.getString(1)));

        List<String> problems = new ArrayList<>();
        for (Artifact artifact : recorded) {
            if (!LakeFiles.exists(context.lake().hadoopConf(), artifact.path())) {
                problems.add(artifact.path() + ": missing (recorded sha256 " + artifact.sha256() + ")");
                continue;
            }
            String actual = LakeFiles.sha256(context.lake().hadoopConf(), artifact.path());
            if (!actual.equals(artifact.sha256())) {
                problems.add(artifact.path() + ": sha256 " + actual + " does not match the recorded " + artifact.sha256()
                        + "; the file changed after training");
            }
        }
        return new Result(recorded, problems);
    }
}
