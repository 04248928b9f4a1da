package io.sensequant.cli;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.EffectiveConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options every command shares: how the effective config is built, and where the lake is. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Config overlay file (repeatable, applied in order).")
    List<Path> overlays = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile from conf/profiles/ (debug, default, throughput).")
    String profile;

    @Option(names = "--variant", paramLabel = "NAME", description = "Model variant from conf/models/xgboost.yaml.")
    String variant;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (repeatable; applied last).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake root (paths.lake_root).")
    String lake;

    EffectiveConfig load(List<ConfigRequest.Shorthand> extra) {
        List<ConfigRequest.Shorthand> shorthands = new ArrayList<>();
        if (lake != null) {
            shorthands.add(new ConfigRequest.Shorthand("--lake", "paths.lake_root", lake));
        }
        shorthands.addAll(extra);
        return new ConfigLoader(ConfDir.locate()).load(
                new ConfigRequest(overlays, profile, variant, System.getenv(), shorthands, sets));
    }
}
