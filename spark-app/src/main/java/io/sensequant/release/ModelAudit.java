package io.sensequant.release;

import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeTable;
import io.sensequant.training.ModelIntegrityException;
import io.sensequant.training.ModelStore;
import ml.dmlc.xgboost4j.java.Booster;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Loads every model the run recorded (teachers from teacher_runs; the student's JSON model and its Spark ML
 * model from student_runs) through {@link ModelStore}, which refuses a file whose SHA-256 no longer matches
 * the record, and reports each file that is missing or modified. The student's JSON model stays last in
 * {@link Result#verified()}.
 */
final class ModelAudit {
    record Artifact(String kind, String path, String sha256) {
    }

    record Result(List<Artifact> verified, List<String> problems, List<String> refusedPaths) {
    }

    private static final String BASELINE_STUDENT = io.sensequant.training.StudentPhase.MODEL;
    static final String SPARK_MODEL_SUFFIX = "_spark_model";

    private ModelAudit() {
    }

    static Result verify(RunContext context) {
        List<Artifact> recorded = new ArrayList<>();
        context.lake().readVersion(LakeTable.TEACHER_RUNS, context.versionWritten(LakeTable.TEACHER_RUNS))
                .where(col("run_id").equalTo(context.runId()).and(col("status").equalTo("success")))
                .select("model_path", "model_sha256").orderBy("model_path").collectAsList()
                .forEach(r -> recorded.add(new Artifact("teacher_model", r.getString(0), r.getString(1))));
        // Every student of the run (the baseline and, with the reward loop, the reward-weighted one); the
        // baseline's JSON model stays last, where the briefing looks for the run's student model.
        List<Row> students = context.lake().readVersion(LakeTable.STUDENT_RUNS, context.versionWritten(LakeTable.STUDENT_RUNS))
                .where(col("run_id").equalTo(context.runId()))
                .select("model", "model_path", "model_sha256", "spark_model_path", "spark_model_sha256").collectAsList()
                .stream().sorted(java.util.Comparator.comparing((Row r) -> r.getString(0).equals(BASELINE_STUDENT))
                        .thenComparing(r -> r.getString(0))).toList();
        for (Row student : students) {
            String kind = student.getString(0);
            recorded.add(new Artifact(kind + SPARK_MODEL_SUFFIX, student.getString(3), student.getString(4)));
            recorded.add(new Artifact(kind + "_model", student.getString(1), student.getString(2)));
        }

        ModelStore store = new ModelStore(context.lake().hadoopConf());
        List<String> problems = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Artifact artifact : recorded) {
            try {
                if (artifact.kind().endsWith(SPARK_MODEL_SUFFIX)) {
                    store.loadSparkModel(artifact.path(), artifact.sha256());
                } else {
                    Booster booster = store.loadBooster(artifact.path(), artifact.sha256());
                    booster.dispose();
                }
            } catch (ModelIntegrityException e) {
                problems.add(e.getMessage());
                refused.add(artifact.path());
            }
        }
        return new Result(recorded, problems, refused);
    }
}
