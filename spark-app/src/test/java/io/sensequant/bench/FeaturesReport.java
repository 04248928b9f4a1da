package io.sensequant.bench;

import io.sensequant.config.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's figures: a markdown table (also printed) and the same as JSON. Nothing here judges a figure. */
final class FeaturesReport {
    /** Seconds of the repetitions of one measurement. */
    record Timing(List<Double> seconds) {
        Timing {
            seconds = List.copyOf(seconds);
        }

        double median() {
            List<Double> sorted = seconds.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    record DatasetInfo(String kind, String name, String scale, String interval, int symbols, long rows, String path,
                       Double generatedSeconds) {
    }

    record SparkResult(String dataset, String scale, String set, int features, String master, int cores,
                       int shufflePartitions, long rows, Timing timing) {
    }

    record Ta4jResult(String dataset, String scale, long rows, Timing timing, Timing buildTiming, long valuesPerPass,
                      double loadSeconds) {
    }

    private final Map<String, Object> machine;
    private final Map<String, Object> settings;
    private final List<DatasetInfo> datasets = new ArrayList<>();
    private final List<SparkResult> spark = new ArrayList<>();
    private final List<Ta4jResult> ta4j = new ArrayList<>();
    private final List<String> datasetOrder;
    private final List<String> setOrder;
    private final List<String> masterOrder;
    private final String baselineMaster;

    /** Rows are listed by dataset, then set, then master, in these orders; speedups are against the first master. */
    FeaturesReport(Map<String, Object> machine, Map<String, Object> settings, List<String> datasets, List<String> sets,
                   List<String> masters) {
        this.machine = machine;
        this.settings = settings;
        this.datasetOrder = List.copyOf(datasets);
        this.setOrder = List.copyOf(sets);
        this.masterOrder = List.copyOf(masters);
        this.baselineMaster = masters.get(0);
    }

    private List<SparkResult> ordered() {
        return spark.stream().sorted(java.util.Comparator.<SparkResult>comparingInt(r -> datasetOrder.indexOf(r.dataset()))
                .thenComparingInt(r -> setOrder.indexOf(r.set())).thenComparingInt(r -> masterOrder.indexOf(r.master()))).toList();
    }

    void add(DatasetInfo info) {
        datasets.add(info);
    }

    void add(SparkResult result) {
        spark.add(result);
    }

    void add(Ta4jResult result) {
        ta4j.add(result);
    }

    Optional<Double> speedup(SparkResult r) {
        return spark.stream().filter(b -> b.master().equals(baselineMaster) && b.dataset().equals(r.dataset())
                && b.set().equals(r.set())).findFirst().map(b -> b.timing().median() / r.timing().median());
    }

    Optional<Ta4jResult> ta4jFor(SparkResult r) {
        return r.set().equals("seed15") ? ta4j.stream().filter(t -> t.dataset().equals(r.dataset())).findFirst() : Optional.empty();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Features benchmark\n\n");
        md.append("`FeatureEngine.compute(bars, plan, settings)` per feature set, timed from reading the parquet bars to a `noop` ")
                .append("write of every output row (features, labels, bar index, date, warm-up flag), after an untimed warm-up ")
                .append("in each fresh SparkSession; and seed15 with ta4j 0.15 (DoubleNum series, one symbol after another, ")
                .append("`getValue` for every index of 15 indicators; time = building the series + reading the indicators, ")
                .append("input already in memory). Median of ").append(settings.get("repetitions"))
                .append(" repetition(s). Figures are indicative: a shared machine, not a quiet one.\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Spark: FeatureEngine.compute\n\n");
        md.append(table());
        if (!ta4j.isEmpty()) {
            md.append("\n## ta4j 0.15: seed15, sequential per symbol\n\n");
            md.append("| dataset | scale | rows | median s | min s | max s | rows/s | of which series build s | values read | input load s (untimed) |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Ta4jResult t : ta4j) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.2f | %.2f | %,.0f | %.2f | %,d | %.1f |%n",
                        t.dataset(), t.scale(), t.rows(), t.timing().median(), t.timing().min(), t.timing().max(),
                        t.rows() / t.timing().median(), t.buildTiming().median(), t.valuesPerPass(), t.loadSeconds()));
            }
        }
        md.append("\n## Datasets\n\n| dataset | scale | rows | parquet | generated |\n|---|---|---:|---|---|\n");
        for (DatasetInfo d : datasets) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | `%s` | %s |%n", d.kind(), d.scale(), d.rows(), d.name(),
                    d.generatedSeconds() == null ? "reused" : String.format(Locale.ROOT, "%.1f s (untimed)", d.generatedSeconds())));
        }
        md.append("\n## Settings (bench.features)\n\n```\n");
        settings.forEach((k, v) -> md.append(k).append(": ").append(v).append('\n'));
        md.append("```\n");
        return md.toString();
    }

    /** The main table: dataset x set x master. */
    String table() {
        StringBuilder md = new StringBuilder();
        md.append("| dataset | scale | set | features | master | rows | median s | min s | max s | rows/s | speedup vs ")
                .append(baselineMaster).append(" | ta4j s | Spark ÷ ta4j |\n");
        md.append("|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SparkResult r : ordered()) {
            Optional<Ta4jResult> t = ta4jFor(r);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %,d | %.2f | %.2f | %.2f | %,.0f | %s | %s | %s |%n",
                    r.dataset(), r.scale(), r.set(), r.features(), r.master(), r.rows(), r.timing().median(), r.timing().min(),
                    r.timing().max(), r.rows() / r.timing().median(),
                    speedup(r).map(s -> String.format(Locale.ROOT, "%.2f×", s)).orElse("—"),
                    t.map(x -> String.format(Locale.ROOT, "%.2f", x.timing().median())).orElse("—"),
                    t.map(x -> String.format(Locale.ROOT, "%.2f", r.timing().median() / x.timing().median())).orElse("—")));
        }
        return md.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        root.put("settings", settings);
        root.put("datasets", datasets);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SparkResult r : ordered()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dataset", r.dataset());
            row.put("scale", r.scale());
            row.put("set", r.set());
            row.put("features", r.features());
            row.put("master", r.master());
            row.put("cores", r.cores());
            row.put("shuffle_partitions", r.shufflePartitions());
            row.put("rows", r.rows());
            row.put("seconds_median", r.timing().median());
            row.put("seconds_min", r.timing().min());
            row.put("seconds_max", r.timing().max());
            row.put("seconds_all", r.timing().seconds());
            row.put("rows_per_second", r.rows() / r.timing().median());
            row.put("speedup_vs_" + baselineMaster.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", ""),
                    speedup(r).orElse(null));
            Optional<Ta4jResult> t = ta4jFor(r);
            row.put("ta4j_seconds", t.map(x -> x.timing().median()).orElse(null));
            row.put("spark_over_ta4j", t.map(x -> r.timing().median() / x.timing().median()).orElse(null));
            rows.add(row);
        }
        root.put("spark", rows);
        List<Map<String, Object>> t4 = new ArrayList<>();
        for (Ta4jResult t : ta4j) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dataset", t.dataset());
            row.put("scale", t.scale());
            row.put("rows", t.rows());
            row.put("features", Ta4jSeed15.FEATURES);
            row.put("seconds_median", t.timing().median());
            row.put("seconds_min", t.timing().min());
            row.put("seconds_max", t.timing().max());
            row.put("seconds_all", t.timing().seconds());
            row.put("series_build_seconds_median", t.buildTiming().median());
            row.put("rows_per_second", t.rows() / t.timing().median());
            row.put("values_read_per_pass", t.valuesPerPass());
            row.put("input_load_seconds_untimed", t.loadSeconds());
            t4.add(row);
        }
        root.put("ta4j_seed15", t4);
        return root;
    }

    List<Path> write(Path directory, String name) {
        Path md = directory.resolve(name + ".md");
        Path json = directory.resolve(name + ".json");
        try {
            Files.createDirectories(directory);
            Files.writeString(md, markdown());
            Files.writeString(json, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of(md, json);
    }
}
