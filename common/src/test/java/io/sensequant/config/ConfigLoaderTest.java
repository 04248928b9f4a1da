package io.sensequant.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    static final ConfDir CONF = ConfDir.of(Path.of("..", "conf"));
    final ConfigLoader loader = new ConfigLoader(CONF);

    static ConfigRequest sets(String... assignments) {
        return new ConfigRequest(List.of(), null, null, Map.of(), List.of(), List.of(assignments));
    }

    @Test
    void defaultsBindToTypedRecords() {
        EffectiveConfig config = loader.load(ConfigRequest.defaults());
        assertEquals(LocalDate.of(2018, 1, 1), config.typed().run().startDate());
        assertEquals(7, config.typed().features().forecastHorizonDays());
        assertEquals(180, config.typed().training().windowDays());
        assertEquals("multi:softprob", config.typed().models().xgboost().hyperparameters().teacher().get("objective"));
        assertEquals(64, config.fingerprint().length());
    }

    @Test
    void relativeDatesAndScheduleVariablesResolveToAbsoluteValues() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Kolkata"));
        EffectiveConfig config = loader.load(new ConfigRequest(List.of(), null, null,
                Map.of("HISTORICAL_RUN_START_DATE", "-365d", "HISTORICAL_RUN_SYMBOLS", "TCS,INFY",
                        "HISTORICAL_RUN_SKIP_FETCH", "true", "REPRO_MODE", "strict"),
                List.of(), List.of("run.end_date=today")));
        assertEquals(today.minusDays(365), config.typed().run().startDate());
        assertEquals(today, config.typed().run().endDate());
        assertEquals(today.toString(), config.tree().at("/run/end_date").asText(), "the effective config holds the real date");
        assertEquals(List.of("TCS", "INFY"), config.typed().run().symbols());
        assertTrue(config.typed().ingest().skipFetch());
        assertEquals("strict", config.typed().identity().mode());
        assertEquals("local[2]", config.typed().spark().master(), "strict mode pins the master");
        assertEquals(1, config.typed().training().student().nthread());
        assertEquals(LocalDate.of(2024, 2, 28), RelativeDates.parse("-1y", LocalDate.of(2025, 2, 28)));
        assertEquals(LocalDate.of(2025, 1, 31), RelativeDates.parse("-4w", LocalDate.of(2025, 2, 28)));
        assertEquals(LocalDate.of(2024, 11, 28), RelativeDates.parse("-3m", LocalDate.of(2025, 2, 28)));
        assertEquals(null, RelativeDates.parse("2025-01-01", LocalDate.of(2025, 2, 28)));
        ConfigException bad = assertThrows(ConfigException.class, () -> loader.load(sets("run.start_date=-365x")));
        assertTrue(bad.getMessage().contains("run.start_date"), bad.getMessage());
    }

    @Test
    void fingerprintIsStableAndSensitiveToValues() {
        String first = loader.load(ConfigRequest.defaults()).fingerprint();
        assertEquals(first, loader.load(ConfigRequest.defaults()).fingerprint());
        assertNotEquals(first, loader.load(sets("run.base_seed=7")).fingerprint());
    }

    @Test
    void setConvertsToTheSchemaType() {
        PipelineConfig typed = loader.load(sets("run.base_seed=7", "run.symbols=TCS,INFY", "training.train_fraction=0.7",
                "models.xgboost.hyperparameters.teacher.gamma=0.5")).typed();
        assertEquals(7L, typed.run().baseSeed());
        assertEquals(List.of("TCS", "INFY"), typed.run().symbols());
        assertEquals(0.7, typed.training().trainFraction());
        assertEquals(0.5, typed.models().xgboost().hyperparameters().teacher().get("gamma"));
    }

    @Test
    void unknownSetKeyNamesTheKeyAndSuggestsTheClosest() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(sets("run.bse_seed=7")));
        assertTrue(e.getMessage().contains("'run.bse_seed'"), e.getMessage());
        assertTrue(e.getMessage().contains("run.base_seed"), e.getMessage());
    }

    @Test
    void wronglyTypedValueNamesKeyAndExpectedType() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(sets("run.base_seed=abc")));
        assertTrue(e.getMessage().contains("run.base_seed") && e.getMessage().contains("integer"), e.getMessage());
    }

    @Test
    void overlayFileErrorsNameTheFileAndKey(@TempDir Path dir) throws Exception {
        Path overlay = dir.resolve("mine.yaml");
        Files.writeString(overlay, "training:\n  window_days: many\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(
                new ConfigRequest(List.of(overlay), null, null, Map.of(), List.of(), List.of())));
        assertTrue(e.getMessage().contains(overlay.toString()) && e.getMessage().contains("training.window_days")
                && e.getMessage().contains("an integer"), e.getMessage());

        Files.writeString(overlay, "features:\n  horizon: 3\n");
        e = assertThrows(ConfigException.class, () -> loader.load(
                new ConfigRequest(List.of(overlay), null, null, Map.of(), List.of(), List.of())));
        assertTrue(e.getMessage().contains(overlay.toString()) && e.getMessage().contains("features.horizon"), e.getMessage());
    }

    @Test
    void unparseableDateNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(sets("run.start_date=2019-13-45")));
        assertTrue(e.getMessage().contains("run.start_date") && e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
    }

    @Test
    void profileVariantEnvironmentAndSetApplyInOrder() {
        EffectiveConfig config = loader.load(new ConfigRequest(List.of(), "debug", "conservative",
                Map.of("SENSEQUANT_BASE_SEED", "11"),
                List.of(new ConfigRequest.Shorthand("--lake", "paths.lake_root", "/tmp/l")),
                List.of("run.base_seed=12")));
        PipelineConfig typed = config.typed();
        assertEquals("debug", typed.run().profile());
        assertEquals("conservative", typed.models().xgboost().activeVariant());
        // the variant's max_depth replaces the default; the debug profile's num_round stays
        assertEquals(2, ((Number) typed.models().xgboost().hyperparameters().teacher().get("max_depth")).intValue());
        assertEquals(12L, typed.run().baseSeed());
        assertEquals("/tmp/l", typed.paths().lakeRoot());
    }

    @Test
    void unknownProfileAndVariantListTheAvailableOnes() {
        ConfigException profile = assertThrows(ConfigException.class, () -> loader.load(
                new ConfigRequest(List.of(), "nope", null, Map.of(), List.of(), List.of())));
        assertTrue(profile.getMessage().contains("'nope'") && profile.getMessage().contains("debug"), profile.getMessage());
        ConfigException variant = assertThrows(ConfigException.class, () -> loader.load(
                new ConfigRequest(List.of(), null, "wild", Map.of(), List.of(), List.of())));
        assertTrue(variant.getMessage().contains("'wild'") && variant.getMessage().contains("aggressive"), variant.getMessage());
    }

    @Test
    void semanticChecksNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(sets("run.end_date=2017-01-01")));
        assertTrue(e.getMessage().contains("run.start_date"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(sets("run.symbols=reliance")));
        assertTrue(e.getMessage().contains("'reliance'"), e.getMessage());
    }

    @Test
    void effectiveYamlRoundTripsToTheSameFingerprint(@TempDir Path dir) throws Exception {
        EffectiveConfig config = loader.load(sets("run.base_seed=99"));
        Path written = dir.resolve("effective.yaml");
        Files.writeString(written, config.toYaml());
        EffectiveConfig reread = loader.load(new ConfigRequest(List.of(written), null, null, Map.of(), List.of(), List.of()));
        assertEquals(config.fingerprint(), reread.fingerprint());
    }
}
