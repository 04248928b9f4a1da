package io.sensequant.release;

import io.sensequant.config.Yaml;
import io.sensequant.identity.Hashing;
import io.sensequant.spark.LakeFiles;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every file another phase listed for the reviewer ({@link ReportFiles}): it must exist, and a JSON file
 * must parse. Each file present is hashed, so the manifest pins the exact reports the briefing describes.
 */
final class ReportAudit {
    record Result(List<ModelAudit.Artifact> verified, List<Finding> failures) {
    }

    private ReportAudit() {
    }

    static Result verify(Configuration conf, List<ReportFiles.Listed> files) {
        List<ModelAudit.Artifact> verified = new ArrayList<>();
        List<Finding> failures = new ArrayList<>();
        for (ReportFiles.Listed file : files) {
            String kind = file.key().equals(ReportFiles.CHARTS) ? "chart" : "report";
            if (!LakeFiles.exists(conf, file.path())) {
                failures.add(new Finding("report_missing", kind + " " + file.path() + " listed by phase '" + file.phase()
                        + "' (" + file.key() + ") does not exist",
                        "re-run the run (sensequant run with the same config); do not edit or move files under the release directory",
                        file.path()));
                continue;
            }
            byte[] bytes = RawFiles.read(conf, file.path());
            if (file.json()) {
                String problem = jsonProblem(bytes);
                if (problem != null) {
                    failures.add(new Finding("report_invalid_json", kind + " " + file.path() + " listed by phase '"
                            + file.phase() + "' is not valid JSON: " + problem,
                            "the file was altered or truncated after the phase wrote it; re-run the run", file.path()));
                    continue;
                }
            }
            verified.add(new ModelAudit.Artifact(kind, file.path(), Hashing.sha256Hex(bytes)));
        }
        return new Result(verified, failures);
    }

    private static String jsonProblem(byte[] bytes) {
        try (com.fasterxml.jackson.core.JsonParser parser = Yaml.JSON.getFactory().createParser(bytes)) {
            if (parser.nextToken() == null) {
                return "the file is empty";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "trailing content after the JSON value";
            }
            return null;
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }
}
