package io.sensequant.cli;

import io.sensequant.repro.ConfigDiff;
import io.sensequant.repro.RunCommit;
import io.sensequant.repro.RunDiffReport;
import io.sensequant.repro.RunDiffReport.CommitPair;
import io.sensequant.repro.RunDiffReport.DataVersion;
import io.sensequant.repro.RunDiffReport.MetricDelta;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The text form of {@code sensequant diff}: differences only, equal items counted, the verdict last. */
final class DiffText {
    /** Metric lines shown before pointing at --json, which lists them all. */
    static final int METRIC_LINES = 20;

    private DiffText() {
    }

    static void print(PrintStream out, RunDiffReport report) {
        out.println("diff " + report.runA() + " (a) → " + report.runB() + " (b)");
        if (report.configCompared()) {
            config(out, report.configDifferences());
        } else {
            out.println("config: not compared (see the notes)");
        }
        dataVersions(out, report.dataVersions());
        commits(out, report.commits());
        metrics(out, report.metrics());
        for (String note : report.notes()) {
            out.println("note: " + note);
        }
        out.println("verdict: " + report.verdict());
        report.explanations().forEach(line -> out.println("  " + line));
    }

    private static void config(PrintStream out, List<ConfigDiff.Difference> differences) {
        List<ConfigDiff.Difference> settings = differences.stream().filter(d -> !d.location()).toList();
        List<ConfigDiff.Difference> locations = differences.stream().filter(ConfigDiff.Difference::location).toList();
        out.println("config: " + (settings.isEmpty() ? "same" : count(settings.size(), "key differs", "keys differ")));
        settings.forEach(d -> out.println("  " + line(d)));
        if (!locations.isEmpty()) {
            out.println("locations (paths.*, no effect on results): " + locations.size() + " differ");
            locations.forEach(d -> out.println("  " + line(d)));
        }
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String line(ConfigDiff.Difference d) {
        return d.key() + "  " + ConfigDiff.render(d.a()) + " → " + ConfigDiff.render(d.b());
    }

    private static void dataVersions(PrintStream out, List<DataVersion> versions) {
        List<DataVersion> differing = versions.stream().filter(v -> !v.equal()).toList();
        out.println("data versions read: " + (versions.size() - differing.size()) + " same, " + differing.size() + " differ");
        for (DataVersion v : differing) {
            out.println("  " + v.stage() + "/" + v.table() + " read " + v.input() + "  " + versions(v.a()) + " → " + versions(v.b()));
        }
    }

    private static String versions(List<Long> versions) {
        return versions.isEmpty() ? "(not read)" : versions.stream().map(v -> "v" + v).collect(Collectors.joining(","));
    }

    private static void commits(PrintStream out, List<CommitPair> pairs) {
        long paired = pairs.stream().filter(CommitPair::paired).count();
        long same = pairs.stream().filter(CommitPair::same).count();
        out.println("commits: " + paired + " paired (" + same + " with the same strict_key and fingerprints), "
                + (pairs.size() - paired) + " in one run only");
        for (CommitPair pair : pairs) {
            if (pair.same()) {
                continue;
            }
            if (!pair.paired()) {
                out.println("  " + pair.place() + "  only in " + (pair.a() == null ? "b: v" + pair.b().version() : "a: v" + pair.a().version()));
                continue;
            }
            out.println("  " + pair.place() + "  v" + pair.a().version() + " → v" + pair.b().version() + "  " + identity(pair));
            pair.fingerprintsDiffer().forEach(f -> out.println("      " + f.name() + "  " + RunCommit.abbreviate(f.a())
                    + " → " + RunCommit.abbreviate(f.b())));
        }
    }

    private static String identity(CommitPair pair) {
        if (pair.replicateKeyEqual() == null) {
            return "identity: legacy snapshot, not compared";
        }
        List<String> parts = new ArrayList<>();
        if (!pair.signaturesDiffer().isEmpty()) {
            parts.add("signatures differ: " + String.join(", ", pair.signaturesDiffer()));
        }
        parts.add("replicate_key " + (pair.replicateKeyEqual() ? "same" : "differs"));
        parts.add("strict_key " + (pair.strictKeyEqual() ? "same" : "differs (train_seed "
                + pair.a().identity().trainSeed() + " vs " + pair.b().identity().trainSeed() + ")"));
        return String.join("; ", parts);
    }

    private static void metrics(PrintStream out, List<MetricDelta> metrics) {
        List<MetricDelta> differing = metrics.stream().filter(MetricDelta::differs).toList();
        out.println("metrics: " + differing.size() + " of " + metrics.size() + " differ");
        differing.stream().limit(METRIC_LINES).forEach(m -> out.println("  " + m.stage() + "  " + m.scope() + "  " + m.metric()
                + "  " + number(m.a()) + " → " + number(m.b()) + (m.delta() == null ? "" : "  (" + signed(m.delta()) + ")")));
        if (differing.size() > METRIC_LINES) {
            out.println("  ... " + (differing.size() - METRIC_LINES) + " more (--json lists every metric)");
        }
    }

    /** Six significant digits: enough to see a change, short enough to read. */
    static String number(Double value) {
        if (value == null) {
            return "(absent)";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String signed(double value) {
        return (value > 0 ? "+" : "") + number(value);
    }
}
