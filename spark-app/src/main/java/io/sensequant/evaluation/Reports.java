package io.sensequant.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sensequant.config.Yaml;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeFiles;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes the reviewer's files under release/<run_id>/ (charts under reports/), each atomically. */
final class Reports {
    static final String REPORTS_DIR = "reports";

    private Reports() {
    }

    /** Writes {@code bytes} to release/<run_id>/<relative> and returns the absolute path. */
    static String write(RunContext context, String relative, byte[] bytes) {
        String path = context.releaseDir() + "/" + relative;
        LakeFiles.write(context.lake().hadoopConf(), path, bytes);
        return path;
    }

    static String write(RunContext context, String relative, String text) {
        return write(context, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    static String writeJson(RunContext context, String relative, Object value) {
        try {
            return write(context, relative, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + relative + " as JSON", e);
        }
    }

    /** A chart's file name part: lower case letters, digits and '_' only. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** Numbers to 4 decimals (counts without), null and NaN as "n/a". */
    static String format(Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return "n/a";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,d", d.longValue())
                    : String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof Number n && !(value instanceof Float)) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return String.valueOf(value);
    }
}
