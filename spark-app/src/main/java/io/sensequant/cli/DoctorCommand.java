package io.sensequant.cli;

import io.sensequant.config.ConfDir;
import io.sensequant.config.EffectiveConfig;
import io.sensequant.market.MarketData;
import io.sensequant.spark.Lake;
import io.sensequant.spark.LakeFiles;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sensequant doctor}: is this machine ready to run the pipeline? Each check prints ✓ or ✗ and why. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, Spark, Delta, XGBoost (native library), the lake path and the config.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    private int failures;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        int javaVersion = Runtime.version().feature();
        check(out, javaVersion >= 17, "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "Java 17 or newer is required");
        EffectiveConfig config;
        try {
            config = configOptions.load(List.of());
            MarketData market = new MarketData(ConfDir.locate());
            int symbols = market.universe(config.typed().run().universe()).symbols().size();
            market.calendar(config.typed().run().calendar());
            int periods = market.stressPeriods().size();
            check(out, true, "config valid (sha256:" + config.fingerprint().substring(0, 12) + ", universe "
                    + config.typed().run().universe() + " with " + symbols + " symbols, " + periods + " stress periods; from "
                    + ConfDir.locate().describe("") + ")", "");
        } catch (RuntimeException e) {
            check(out, false, "config", e.getMessage());
            return SenseQuant.FAILED;
        }
        out.println("  spark " + Versions.of("org.apache.spark", "spark-core_2.12") + ", delta "
                + Versions.of("io.delta", "delta-spark_2.12") + ", xgboost4j " + Versions.of("ml.dmlc", "xgboost4j_2.12")
                + ", xgboost4j-spark " + Versions.of("ml.dmlc", "xgboost4j-spark_2.12"));
        try {
            float[] values = {0f, 1f, 2f, 3f};
            DMatrix matrix = new DMatrix(values, 4, 1, Float.NaN);
            matrix.setLabel(new float[]{0f, 0f, 1f, 1f});
            Map<String, Object> params = new HashMap<>(config.typed().models().xgboost().hyperparameters().teacher());
            params.put("objective", "binary:logistic");
            params.remove("num_class");
            params.remove("num_round");
            Booster booster = XGBoost.train(matrix, params, 1, new HashMap<>(), null, null);
            booster.dispose();
            matrix.dispose();
            check(out, true, "XGBoost native library loads and trains (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")", "");
        } catch (Throwable e) {
            check(out, false, "XGBoost native library", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            Lake lake = Session.openLake(config);
            check(out, true, "Spark " + lake.spark().version() + " session (master " + lake.spark().sparkContext().master() + ")", "");
            String probe = lake.root() + "/.doctor-probe";
            LakeFiles.write(lake.hadoopConf(), probe, "ok");
            Path path = new Path(probe);
            path.getFileSystem(lake.hadoopConf()).delete(path, false);
            check(out, true, "lake " + lake.root() + " is writable (" + lake.tableNames().size() + " tables)", "");
        } catch (RuntimeException | java.io.IOException e) {
            check(out, false, "Spark session and lake path", e.getMessage());
        }
        out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
        return failures == 0 ? SenseQuant.OK : SenseQuant.FAILED;
    }

    private void check(PrintStream out, boolean ok, String what, String problem) {
        if (ok) {
            out.println("✓ " + what);
        } else {
            failures++;
            out.println("✗ " + what + ": " + problem);
        }
    }
}
