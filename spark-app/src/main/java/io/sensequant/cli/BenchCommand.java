package io.sensequant.cli;

import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;
import io.sensequant.ingest.IngestPhase;
import io.sensequant.ingest.IngestBenchmark;
import io.sensequant.market.TradingCalendar;
import io.sensequant.market.Universe;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.PipelineRunner;
import io.sensequant.pipeline.RunContext;
import io.sensequant.repro.CodeVersion;
import io.sensequant.repro.RunIds;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sensequant bench ingest}: measured, not asserted. Synthetic bars for the universe are ingested into
 * a fresh lake through the real ingest path (rows per second), then the same DataFrame is written once as
 * Delta and once as plain Parquet to compare the cost of the Delta write.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (figures for the closing notes; never run in tests).",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Teachers.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest throughput and Delta-vs-Parquet write cost on synthetic bars (default: 102 symbols × 1 year of 1-minute bars).")
    static final class Ingest implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--interval", description = "Bar interval (default bench.ingest.interval).")
        String interval;

        @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First date (default bench.ingest.start_date).")
        String startDate;

        @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last date (default bench.ingest.end_date).")
        String endDate;

        @Option(names = "--symbols", paramLabel = "A,B,...", description = "Default: the whole universe.")
        String symbols;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON here.")
        String out;

        @Override
        public Integer call() throws Exception {
            PipelineConfig.BenchIngest defaults = configOptions.load(List.of()).typed().bench().ingest();
            List<ConfigRequest.Shorthand> shorthands = new ArrayList<>(List.of(
                    new ConfigRequest.Shorthand("--interval", "run.interval", interval != null ? interval : defaults.interval()),
                    new ConfigRequest.Shorthand("--start-date", "run.start_date",
                            startDate != null ? startDate : defaults.startDate().toString()),
                    new ConfigRequest.Shorthand("--end-date", "run.end_date", endDate != null ? endDate : defaults.endDate().toString()),
                    new ConfigRequest.Shorthand("bench", "ingest.provider", "synthetic")));
            if (symbols != null) {
                shorthands.add(new ConfigRequest.Shorthand("--symbols", "run.symbols", symbols));
            }
            RunSetup setup = RunSetup.load(configOptions, shorthands);
            EffectiveConfig config = setup.config();
            PipelineConfig typed = config.typed();
            Universe universe = setup.universe();
            TradingCalendar calendar = setup.calendar();
            List<String> selected = universe.select(typed.run().symbols(), "--symbols");
            Lake lake = Session.openLake(config);
            PrintStream console = System.out;
            console.printf(Locale.ROOT, "bench ingest: %d symbols, %s bars %s to %s, lake %s, %d cores%n", selected.size(),
                    typed.run().interval(), typed.run().startDate(), typed.run().endDate(), lake.root(),
                    lake.spark().sparkContext().defaultParallelism());

            RunContext context = new RunContext(RunIds.next(config.fingerprint(), Instant.now()), config, CodeVersion.current(),
                    universe, calendar, selected, lake);
            long started = System.nanoTime();
            PhaseResult ingest = new PipelineRunner(List.of(new IngestPhase()), console).run(context).get(0);
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            long rows = ((Number) ingest.summary().get("rows")).longValue();

            IngestBenchmark.WriteComparison writes = IngestBenchmark.compareWrites(context, lake.root() + "/_bench");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("symbols", selected.size());
            figures.put("interval", typed.run().interval());
            figures.put("rows", rows);
            figures.put("ingest_seconds", ingestSeconds);
            figures.put("ingest_rows_per_second", rows / ingestSeconds);
            figures.put("delta_write_seconds", writes.deltaSeconds());
            figures.put("parquet_write_seconds", writes.parquetSeconds());
            figures.put("delta_over_parquet", writes.deltaSeconds() / writes.parquetSeconds());
            figures.put("cores", lake.spark().sparkContext().defaultParallelism());
            console.printf(Locale.ROOT, "%nrows %,d | ingest %.1f s = %,.0f rows/s | Delta write %.1f s, Parquet write %.1f s, ratio %.2f%n",
                    rows, ingestSeconds, rows / ingestSeconds, writes.deltaSeconds(), writes.parquetSeconds(),
                    writes.deltaSeconds() / writes.parquetSeconds());
            if (out != null) {
                LakeFiles.write(lake.hadoopConf(), out, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
                console.println("figures: " + out);
            }
            return SenseQuant.OK;
        }
    }

    @Command(name = "teachers", mixinStandardHelpOptions = true,
            description = "Teacher modes (parallel-windows, distributed, sequential driver loop) on the default run's data, "
                    + "and the student with XGBoost4J-Spark vs native XGBoost4J on the same rows.")
    static final class Teachers implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--symbols", paramLabel = "A,B,...", description = "Default: run.symbols (the whole universe).")
        String symbols;

        @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First date (default run.start_date).")
        String startDate;

        @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last date (default run.end_date).")
        String endDate;

        @Option(names = "--modes", paramLabel = "M,...", split = ",",
                description = "Teacher modes to time (default bench.teachers.modes).")
        List<String> modes;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON here.")
        String out;

        @Override
        public Integer call() throws Exception {
            List<ConfigRequest.Shorthand> shorthands = new ArrayList<>();
            if (symbols != null) {
                shorthands.add(new ConfigRequest.Shorthand("--symbols", "run.symbols", symbols));
            }
            if (startDate != null) {
                shorthands.add(new ConfigRequest.Shorthand("--start-date", "run.start_date", startDate));
            }
            if (endDate != null) {
                shorthands.add(new ConfigRequest.Shorthand("--end-date", "run.end_date", endDate));
            }
            RunSetup setup = RunSetup.load(configOptions, shorthands);
            EffectiveConfig config = setup.config();
            PipelineConfig typed = config.typed();
            List<String> selected = setup.universe().select(typed.run().symbols(), "--symbols");
            List<String> timed = modes != null ? modes : typed.bench().teachers().modes();
            for (String mode : timed) {
                if (!PipelineConfig.Teacher.MODES.contains(mode) && !mode.equals(PipelineConfig.BenchTeachers.SEQUENTIAL)) {
                    throw new io.sensequant.config.ConfigException("--modes: '" + mode + "' is not one of "
                            + String.join(", ", PipelineConfig.Teacher.MODES) + ", " + PipelineConfig.BenchTeachers.SEQUENTIAL);
                }
            }
            Lake lake = Session.openLake(config);
            PrintStream console = System.out;
            console.printf(Locale.ROOT, "bench teachers: %d symbols, %s bars %s to %s, lake %s, %d cores, modes %s%n",
                    selected.size(), typed.run().interval(), typed.run().startDate(), typed.run().endDate(), lake.root(),
                    lake.spark().sparkContext().defaultParallelism(), timed);
            RunContext context = new RunContext(RunIds.next(config.fingerprint(), Instant.now()), config, CodeVersion.current(),
                    setup.universe(), setup.calendar(), selected, lake);
            long started = System.nanoTime();
            new PipelineRunner(List.of(new IngestPhase(), new io.sensequant.features.FeaturesPhase()), console).run(context);
            double dataSeconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("start_date", typed.run().startDate().toString());
            figures.put("end_date", typed.run().endDate().toString());
            figures.put("interval", typed.run().interval());
            figures.put("ingest_and_features_seconds", dataSeconds);
            figures.putAll(io.sensequant.training.TeacherBenchmark.run(context, timed,
                    lake.root() + "/_bench/teachers/" + context.runId(), console));
            if (out != null) {
                LakeFiles.write(lake.hadoopConf(), out, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
                console.println("figures: " + out);
            }
            return SenseQuant.OK;
        }
    }
}
