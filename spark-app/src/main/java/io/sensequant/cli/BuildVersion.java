package io.sensequant.cli;

import io.sensequant.repro.CodeVersion;
import picocli.CommandLine;

/** {@code sensequant --version}: the application version and the pinned engine versions. */
final class BuildVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"sensequant " + CodeVersion.current(),
                "spark " + Versions.of("org.apache.spark", "spark-core_2.12"),
                "delta " + Versions.of("io.delta", "delta-spark_2.12"),
                "xgboost4j " + Versions.of("ml.dmlc", "xgboost4j_2.12")};
    }
}
