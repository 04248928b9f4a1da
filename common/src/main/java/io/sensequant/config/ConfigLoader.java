package io.sensequant.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the effective config: conf/pipeline.yaml with conf/models/xgboost.yaml under models.xgboost (the
 * defaults, which are also the schema), then --config overlays, --profile, --variant, the documented
 * environment variables, command-line shorthands and --set, in that order. Each layer is validated as it is
 * applied, so an error names the layer (file, variable or option) that caused it.
 */
public final class ConfigLoader {
    /** Environment variables that override config keys (documented in the README). */
    public static final Map<String, String> ENVIRONMENT_KEYS = Map.ofEntries(
            Map.entry("SENSEQUANT_LAKE_ROOT", "paths.lake_root"),
            Map.entry("SENSEQUANT_RELEASE_DIR", "paths.release_dir"),
            Map.entry("SENSEQUANT_BASE_SEED", "run.base_seed"),
            Map.entry("SENSEQUANT_SPARK_MASTER", "spark.master"),
            Map.entry("REPRO_MODE", "identity.mode"),
            Map.entry("HISTORICAL_RUN_SYMBOLS", "run.symbols"),
            Map.entry("HISTORICAL_RUN_START_DATE", "run.start_date"),
            Map.entry("HISTORICAL_RUN_END_DATE", "run.end_date"),
            Map.entry("HISTORICAL_RUN_SKIP_FETCH", "ingest.skip_fetch"),
            Map.entry("HISTORICAL_RUN_DRYRUN", "run.dryrun"),
            Map.entry("CANDIDATE_AUTO_APPROVE", "candidate.auto_approve"),
            Map.entry("CANDIDATE_APPROVAL_THRESHOLD", "candidate.approval_threshold"));

    /** Maps whose keys are free-form: passed through to Spark or XGBoost, which validate them. */
    private static final List<String> OPEN_MAPS = List.of(
            "spark.conf",
            "models.xgboost.hyperparameters.*",
            "models.xgboost.variants",
            "models.xgboost.variants.*",
            "models.xgboost.variants.*.*");

    private static final String PIPELINE_FILE = "pipeline.yaml";
    private static final String MODEL_FILE = "models/xgboost.yaml";
    private static final String IDENTITY_FILE = "identity.yaml";

    private final ConfDir conf;

    public ConfigLoader(ConfDir conf) {
        this.conf = conf;
    }

    public ConfDir confDir() {
        return conf;
    }

    public EffectiveConfig load(ConfigRequest request) {
        List<String> sources = new ArrayList<>();
        ObjectNode tree = Yaml.parseObject(conf.require(PIPELINE_FILE), conf.describe(PIPELINE_FILE));
        ObjectNode models = tree.putObject("models");
        models.set("xgboost", Yaml.parseObject(conf.require(MODEL_FILE), conf.describe(MODEL_FILE)));
        tree.set("identity", Yaml.parseObject(conf.require(IDENTITY_FILE), conf.describe(IDENTITY_FILE)));
        sources.add(conf.describe(PIPELINE_FILE));
        sources.add(conf.describe(MODEL_FILE));
        sources.add(conf.describe(IDENTITY_FILE));
        bindOrBlame(tree, conf.describe(PIPELINE_FILE) + " + " + conf.describe(MODEL_FILE) + " + " + conf.describe(IDENTITY_FILE));
        ConfigTree merger = new ConfigTree(tree, OPEN_MAPS);

        for (Path overlay : request.overlays()) {
            String source = overlay.toString();
            merger.merge(tree, Yaml.parseObject(readOverlay(overlay), source), source);
            bindOrBlame(tree, source);
            sources.add(source);
        }
        if (request.profile() != null && !request.profile().isBlank()) {
            applyProfile(merger, tree, request.profile());
            sources.add("--profile " + request.profile());
        }
        if (request.variant() != null && !request.variant().isBlank()) {
            applyVariant(tree, request.variant());
            sources.add("--variant " + request.variant());
        }
        for (Map.Entry<String, String> variable : new java.util.TreeMap<>(ENVIRONMENT_KEYS).entrySet()) {
            String value = request.environment().get(variable.getKey());
            if (value != null && !value.isBlank()) {
                String source = "environment variable " + variable.getKey();
                merger.set(tree, variable.getValue() + "=" + value, source);
                bindOrBlame(tree, source);
                sources.add(source);
            }
        }
        for (ConfigRequest.Shorthand shorthand : request.shorthands()) {
            merger.set(tree, shorthand.key() + "=" + shorthand.value(), shorthand.option());
            bindOrBlame(tree, shorthand.option() + " " + shorthand.value());
            sources.add(shorthand.option());
        }
        for (String assignment : request.sets()) {
            merger.set(tree, assignment, "--set");
            bindOrBlame(tree, "--set " + assignment);
            sources.add("--set " + assignment);
        }
        if (PipelineConfig.Identity.STRICT.equals(ConfigTree.getPath(tree, "identity.mode").asText())) {
            applyStrictPins(merger, tree);
            sources.add("identity.mode=strict pins (" + conf.describe(IDENTITY_FILE) + " strict_pins)");
        }
        PipelineConfig typed = bindOrBlame(tree, "effective config");
        ConfigValidator.validate(typed);
        return EffectiveConfig.of(tree, typed, sources);
    }

    /**
     * Strict identity mode pins what changes floating-point results between otherwise identical runs: Spark's
     * cores and shuffle partitions (partitioning decides XGBoost4J-Spark's workers and summation order) and every
     * native XGBoost thread count. Applied last, so no overlay can undo it.
     */
    private void applyStrictPins(ConfigTree merger, ObjectNode tree) {
        String source = conf.describe(IDENTITY_FILE) + " strict_pins";
        JsonNode pins = ConfigTree.getPath(tree, "identity.strict_pins");
        merger.set(tree, "spark.master=" + pins.get("spark_master").asText(), source);
        merger.set(tree, "spark.shuffle_partitions=" + pins.get("shuffle_partitions").asText(), source);
        String nthread = pins.get("xgboost_nthread").asText();
        for (String key : List.of("training.teacher.nthread", "training.student.nthread", "ranking.nthread", "selection.nthread")) {
            merger.set(tree, key + "=" + nthread, source);
        }
        bindOrBlame(tree, source);
    }

    private void applyProfile(ConfigTree merger, ObjectNode tree, String profile) {
        String file = "profiles/" + profile + ".yaml";
        if (!profile.matches("[A-Za-z0-9_-]+") || !conf.exists(file)) {
            throw new ConfigException("unknown profile '" + profile + "': no file " + conf.describe(file)
                    + "; available profiles: " + String.join(", ", availableProfiles()));
        }
        merger.merge(tree, Yaml.parseObject(conf.require(file), conf.describe(file)), conf.describe(file));
        ConfigTree.putPath(tree, "run.profile", JsonNodeFactory.instance.textNode(profile));
        bindOrBlame(tree, conf.describe(file));
    }

    private void applyVariant(ObjectNode tree, String variant) {
        JsonNode variants = ConfigTree.getPath(tree, "models.xgboost.variants");
        JsonNode chosen = variants == null ? null : variants.get(variant);
        if (chosen == null || !chosen.isObject()) {
            List<String> names = new ArrayList<>();
            if (variants != null) {
                variants.fieldNames().forEachRemaining(names::add);
            }
            throw new ConfigException("unknown model variant '" + variant + "' in " + conf.describe(MODEL_FILE)
                    + "; available variants: " + String.join(", ", new TreeSet<>(names)));
        }
        ObjectNode hyperparameters = (ObjectNode) ConfigTree.getPath(tree, "models.xgboost.hyperparameters");
        ConfigTree.deepMerge(hyperparameters, (ObjectNode) chosen);
        ConfigTree.putPath(tree, "models.xgboost.active_variant", JsonNodeFactory.instance.textNode(variant));
        bindOrBlame(tree, "--variant " + variant);
    }

    private List<String> availableProfiles() {
        List<String> names = new ArrayList<>();
        for (String candidate : List.of("debug", "default", "throughput")) {
            if (conf.exists("profiles/" + candidate + ".yaml")) {
                names.add(candidate);
            }
        }
        return names;
    }

    private static String readOverlay(Path overlay) {
        if (!Files.isRegularFile(overlay)) {
            throw new ConfigException("config overlay " + overlay + " does not exist");
        }
        try {
            return Files.readString(overlay);
        } catch (IOException e) {
            throw new ConfigException("cannot read config overlay " + overlay + ": " + e.getMessage(), e);
        }
    }

    private static PipelineConfig bindOrBlame(ObjectNode tree, String source) {
        RelativeDates.resolve(tree);
        try {
            return Yaml.JSON.treeToValue(tree, PipelineConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String key = pathOf(e);
            JsonNode value = ConfigTree.getPath(tree, key);
            throw new ConfigException(source + ": key '" + key + "' has an invalid value " + value
                    + " (expected " + expectedType(e) + ")", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expectedType(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "a different type";
        }
        if (target == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        return target.getSimpleName();
    }
}
