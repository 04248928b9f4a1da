package io.sensequant.bench;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.PipelineConfig;
import io.sensequant.features.FeatureEngine;
import io.sensequant.features.FeaturePlan;
import io.sensequant.spark.SparkSessionFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The features benchmark: measured, never asserted on time. Not a test: tagged {@code bench}, which the default
 * surefire run excludes; run it with
 * {@code mvn -B -ntp -Pbench -pl common,spark-app test -Dtest=FeaturesBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>First seed15 with ta4j, sequentially per symbol, for comparison. Then for every feature set x Spark master
 * x dataset of {@code bench.features} (conf/pipeline.yaml), sets outermost so that seed15 completes first: a
 * fresh SparkSession per set and master (the previous one stopped), per dataset one untimed warm-up on a small
 * slice (which also checks row counts and that every feature is produced), then {@code repetitions} timed runs of
 * read parquet → {@link FeatureEngine#compute} → {@code noop} write. Figures: stdout, and
 * {@code target/bench/<report_name>.md} and {@code .json}, rewritten after every measurement (a run cut short
 * keeps what it measured).
 *
 * <p>Overrides, as system properties on the mvn command line: {@code -Dsensequant.set="k=v;k=v"} ({@code --set}
 * assignments separated by ';', since list values use ','), {@code -Dsensequant.config=FILE[,FILE]} (overlay files,
 * relative to the repository root unless absolute).
 */
@Tag("bench")
class FeaturesBenchmark {
    static final String SET_PROPERTY = "sensequant.set";
    static final String CONFIG_PROPERTY = "sensequant.config";
    static final Path REPORT_DIR = Path.of("target", "bench");
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    @Test
    void featureEngineAgainstTa4j() throws IOException {
        PipelineConfig config = loadConfig();
        PipelineConfig.BenchFeatures bench = config.bench().features();
        BenchDatasets data = new BenchDatasets(config);
        List<BenchDatasets.Spec> specs = data.specs();
        assertFalse(bench.masters().isEmpty(), "bench.features.masters is empty");

        Map<String, Object> machine = machine();
        FeaturesReport report = new FeaturesReport(machine, settings(bench),
                specs.stream().map(BenchDatasets.Spec::kind).toList(), bench.sets(), bench.masters());
        say("features benchmark: datasets %s, sets %s, masters %s, %d repetition(s); %d cores, max heap %.0f MiB",
                specs.stream().map(BenchDatasets.Spec::scale).toList(), bench.sets(), bench.masters(), bench.repetitions(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / BYTES_PER_MIB);

        // Input data: generated once (untimed), then only read.
        Map<String, Long> rows = new LinkedHashMap<>();
        SparkSession generating = open(config, config.spark().master());
        try {
            machine.put("spark", generating.version());
            for (BenchDatasets.Spec spec : specs) {
                Double generated = null;
                if (!BenchDatasets.present(spec)) {
                    say("generating %s into %s", spec.scale(), spec.path());
                    long t0 = System.nanoTime();
                    data.generate(generating, spec);
                    generated = (System.nanoTime() - t0) / 1e9;
                }
                long n = generating.read().parquet(spec.path().toString()).count();
                assertTrue(n > 0, spec.name() + " holds no bars");
                rows.put(spec.name(), n);
                say("dataset %s: %,d bars (%s)", spec.scale(), n,
                        generated == null ? "reused" : String.format(Locale.ROOT, "generated in %.1f s", generated));
                report.add(new FeaturesReport.DatasetInfo(spec.kind(), spec.name(), spec.scale(), spec.interval(),
                        spec.symbols().size(), n, spec.path().toString(), generated));
            }
        } finally {
            close(generating);
        }

        if (bench.ta4j()) {
            ta4j(config, data, specs, rows, report);
            report.write(REPORT_DIR, bench.reportName());
        }

        // Set by set (seed15 first), each master in a fresh session, the figures rewritten after each measurement.
        for (String set : bench.sets()) {
            PipelineConfig.Features settings = withSets(config.features(), List.of(set));
            FeaturePlan plan = FeaturePlan.load(ConfDir.locate(), settings);
            for (String master : bench.masters()) {
                SparkSession spark = open(config, master);
                try {
                    int cores = spark.sparkContext().defaultParallelism();
                    int partitions = cores * bench.shufflePartitionsPerCore();
                    spark.conf().set("spark.sql.shuffle.partitions", partitions);
                    for (BenchDatasets.Spec spec : specs) {
                        warmUp(spark, spec, data.warmupSlice(spec), plan, settings);
                        List<Double> seconds = new ArrayList<>();
                        for (int rep = 0; rep < bench.repetitions(); rep++) {
                            seconds.add(timed(() -> {
                                FeatureEngine.compute(spark.read().parquet(spec.path().toString()), plan, settings)
                                        .write().format("noop").mode("overwrite").save();
                                return null;
                            }));
                        }
                        FeaturesReport.SparkResult result = new FeaturesReport.SparkResult(spec.kind(), spec.scale(), set,
                                plan.columns().size(), master, cores, partitions, rows.get(spec.name()),
                                new FeaturesReport.Timing(seconds));
                        report.add(result);
                        report.write(REPORT_DIR, bench.reportName());
                        say("spark %-9s %-7s %-9s %,d rows, %d features: median %.2f s (min %.2f, max %.2f) = %,.0f rows/s",
                                master, spec.kind(), set, result.rows(), result.features(), result.timing().median(),
                                result.timing().min(), result.timing().max(), result.rows() / result.timing().median());
                    }
                } finally {
                    close(spark);
                }
            }
        }

        machine.put("load average at end", loadAverage());
        System.out.println();
        System.out.println(report.table());
        List<Path> written = report.write(REPORT_DIR, bench.reportName());
        say("figures: %s", written.stream().map(p -> p.toAbsolutePath().toString()).toList());
        assertTrue(written.stream().allMatch(Files::isRegularFile));
    }

    /** Untimed: compiles and JITs this session's code paths, and checks the output on the small slice. */
    private static void warmUp(SparkSession spark, BenchDatasets.Spec spec, Column slice, FeaturePlan plan,
                               PipelineConfig.Features settings) {
        Dataset<Row> bars = spark.read().parquet(spec.path().toString()).where(slice);
        Dataset<Row> computed = FeatureEngine.compute(bars, plan, settings);
        computed.write().format("noop").mode("overwrite").save();
        long input = bars.count();
        List<Column> counts = new ArrayList<>();
        for (String feature : plan.columns()) {
            counts.add(count(col(feature)));
        }
        Row produced = computed.agg(count(lit(1)), counts.toArray(new Column[0])).first();
        assertTrue(input > 0, "empty warm-up slice of " + spec.name());
        assertEquals(input, produced.getLong(0), "rows out of FeatureEngine.compute on the warm-up slice");
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            if (produced.getLong(i + 1) == 0) {
                empty.add(plan.columns().get(i));
            }
        }
        assertTrue(empty.isEmpty(), "features null on every warm-up row of " + spec.name() + ": " + empty);
    }

    private static void ta4j(PipelineConfig config, BenchDatasets data, List<BenchDatasets.Spec> specs, Map<String, Long> rows,
                             FeaturesReport report) {
        PipelineConfig.BenchFeatures bench = config.bench().features();
        Map<String, List<Ta4jSeed15.Series>> inputs = new LinkedHashMap<>();
        Map<String, Double> loadSeconds = new LinkedHashMap<>();
        SparkSession loading = open(config, config.spark().master());
        try {
            for (BenchDatasets.Spec spec : specs) {
                long t0 = System.nanoTime();
                inputs.put(spec.name(), Ta4jSeed15.load(loading, spec.path().toString()));
                loadSeconds.put(spec.name(), (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            close(loading);
        }
        for (BenchDatasets.Spec spec : specs) {
            List<Ta4jSeed15.Series> series = inputs.remove(spec.name());
            long bars = series.stream().mapToLong(Ta4jSeed15.Series::size).sum();
            assertEquals(rows.get(spec.name()), bars, "bars loaded for ta4j from " + spec.name());
            Duration barLength = spec.interval().equals("1day") ? Duration.ofDays(1) : Duration.ofMinutes(1);
            List<Ta4jSeed15.Series> warm = series.subList(0, Math.min(bench.warmupSymbols(), series.size())).stream()
                    .map(s -> s.head(bench.warmupBars())).toList();
            Ta4jSeed15.run(warm, barLength, data.calendar().zone());
            List<Double> total = new ArrayList<>();
            List<Double> build = new ArrayList<>();
            long values = 0;
            for (int rep = 0; rep < bench.repetitions(); rep++) {
                System.gc();
                Ta4jSeed15.Pass pass = Ta4jSeed15.run(series, barLength, data.calendar().zone());
                assertEquals(bars * Ta4jSeed15.FEATURES, pass.values(), "values read by ta4j");
                assertTrue(Double.isFinite(pass.checksum()));
                total.add(pass.seconds());
                build.add(pass.buildSeconds());
                values = pass.values();
            }
            FeaturesReport.Ta4jResult result = new FeaturesReport.Ta4jResult(spec.kind(), spec.scale(), bars,
                    new FeaturesReport.Timing(total), new FeaturesReport.Timing(build), values, loadSeconds.get(spec.name()));
            report.add(result);
            say("ta4j      %-7s seed15    %,d rows, %d features: median %.2f s (min %.2f, max %.2f; series build %.2f) = %,.0f rows/s",
                    spec.kind(), bars, Ta4jSeed15.FEATURES, result.timing().median(), result.timing().min(), result.timing().max(),
                    result.buildTiming().median(), bars / result.timing().median());
        }
    }

    /** conf/ defaults, then {@code -Dsensequant.config} overlays, then {@code -Dsensequant.set} assignments. */
    static PipelineConfig loadConfig() {
        Path root = Path.of(System.getProperty(ConfDir.SYSTEM_PROPERTY, "../conf")).toAbsolutePath().getParent();
        List<Path> overlays = split(System.getProperty(CONFIG_PROPERTY, ""), ",").stream()
                .map(p -> Path.of(p).isAbsolute() ? Path.of(p) : root.resolve(p)).toList();
        List<String> sets = split(System.getProperty(SET_PROPERTY, ""), ";");
        return new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(overlays, null, null, Map.of(), List.of(), sets)).typed();
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static PipelineConfig.Features withSets(PipelineConfig.Features f, List<String> sets) {
        return new PipelineConfig.Features(sets, f.forecastHorizonDays(), f.labelThreshold(), f.warmupBars(), f.warmupPolicy(),
                f.maxRowsPerSymbol(), f.candidateTargets());
    }

    /** A session of its own (never the shared test one), from the project's factory, UI off. */
    static SparkSession open(PipelineConfig config, String master) {
        PipelineConfig.Spark s = config.spark();
        SparkSession spark = SparkSessionFactory.create(new PipelineConfig.Spark(master, s.appName() + "-bench",
                s.shufflePartitions(), s.sessionTimeZone(), false, s.conf()));
        spark.sparkContext().setLogLevel("WARN");
        assertEquals(master, spark.sparkContext().master(), "a SparkSession with another master was still running");
        return spark;
    }

    static void close(SparkSession spark) {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    private static double timed(Supplier<Void> work) {
        System.gc();
        long t0 = System.nanoTime();
        work.get();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().toString());
        m.put("cores (JVM)", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("max heap MiB", Math.round(Runtime.getRuntime().maxMemory() / BYTES_PER_MIB));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("load average at start", loadAverage());
        return m;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static Map<String, Object> settings(PipelineConfig.BenchFeatures b) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("datasets", b.datasets());
        s.put("daily", b.dailySymbols() + " symbols, " + b.dailyStartDate() + ".." + b.dailyEndDate());
        s.put("minute", b.minuteSymbols() + " symbols, " + b.minuteStartDate() + ".." + b.minuteEndDate());
        s.put("sets", b.sets());
        s.put("masters", b.masters());
        s.put("shuffle_partitions_per_core", b.shufflePartitionsPerCore());
        s.put("repetitions", b.repetitions());
        s.put("warmup", b.warmupSymbols() + " symbols × ~" + b.warmupBars() + " bars");
        s.put("data_files", b.dataFiles());
        s.put("ta4j", b.ta4j());
        return s;
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }
}
