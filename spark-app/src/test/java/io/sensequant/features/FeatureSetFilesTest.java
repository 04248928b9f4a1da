package io.sensequant.features;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading one feature set file: its format, template expansion and the errors, which name the file and feature. */
class FeatureSetFilesTest {
    static final String SOURCE = "conf/features/x.yaml";

    static ConfigException parseError(String text) {
        return assertThrows(ConfigException.class, () -> FeatureSetFiles.parse("x", SOURCE, text));
    }

    @Test
    void featuresThenTemplatesExpandedWindowByWindowInFileOrder() {
        FeatureSet set = FeatureSetFiles.parse("x", SOURCE, """
                description: two plain, two templates
                features:
                  B: $close
                  A: $open / $close
                templates:
                  windows: [3, 10]
                  features:
                    MA{d}: Mean($close, {d}) / $close
                    D{d}_x: Delta($close, {d})
                """);
        assertEquals("x", set.name());
        assertEquals(SOURCE, set.source());
        assertEquals("two plain, two templates", set.description());
        assertEquals(List.of("B", "A", "MA3", "MA10", "D3_x", "D10_x"), List.copyOf(set.definitions().keySet()));
        assertEquals("Mean($close, 10) / $close", set.definitions().get("MA10"));
        assertEquals("Delta($close, 3)", set.definitions().get("D3_x"));
    }

    @Test
    void unknownTopLevelKeyNamesTheFileAndTheKey() {
        ConfigException e = parseError("""
                description: typo below
                feature:
                  a: $close
                """);
        assertTrue(e.getMessage().startsWith(SOURCE + ": unknown key 'feature'"), e.getMessage());
        ConfigException t = parseError("""
                templates:
                  window: [5]
                  features: {"M{d}": "Mean($close, {d})"}
                """);
        assertTrue(t.getMessage().startsWith(SOURCE + ": unknown key 'templates.window'"), t.getMessage());
    }

    @Test
    void templateNameWithoutThePlaceholderIsRejected() {
        ConfigException e = parseError("""
                templates:
                  windows: [5, 10]
                  features:
                    MA: Mean($close, {d})
                """);
        assertEquals(SOURCE + ": template 'MA' must contain {d} in its name, so each window gets its own column", e.getMessage());
    }

    @Test
    void templateWindowsMustBePositiveIntegers() {
        for (String windows : List.of("[]", "[0]", "[2.5]", "[five]", "5")) {
            ConfigException e = parseError("templates:\n  windows: " + windows + "\n  features: {\"M{d}\": \"Mean($close, {d})\"}\n");
            assertTrue(e.getMessage().startsWith(SOURCE + ": templates.windows must be"), windows + " -> " + e.getMessage());
        }
    }

    @Test
    void aFeatureDefinedTwiceInOneFileIsRejected() {
        // A template expansion colliding with a plain feature: MA5 from the template, MA5 above.
        ConfigException e = parseError("""
                features:
                  MA5: $close
                templates:
                  windows: [5]
                  features:
                    MA{d}: Mean($close, {d})
                """);
        assertEquals(SOURCE + ": feature 'MA5' is defined twice", e.getMessage());
    }

    @Test
    void nonTextDefinitionsAndEmptySetsAreRejected() {
        assertEquals(SOURCE + ": feature 'a' must be an expression string",
                parseError("features:\n  a: [1, 2]\n").getMessage());
        assertEquals(SOURCE + ": defines no features; add entries under 'features:'",
                parseError("description: nothing\n").getMessage());
        assertEquals(SOURCE + ": 'features' must be a map of name: expression",
                parseError("features: [a, b]\n").getMessage());
    }

    @Test
    void loadReadsConfFeaturesAndNamesTheMissingFile(@TempDir Path conf) throws IOException {
        Files.createDirectories(conf.resolve("features"));
        Files.writeString(conf.resolve("features/mine.yaml"), "features:\n  r: $close / Ref($close, 1) - 1\n");
        FeatureSet set = FeatureSetFiles.load(ConfDir.of(conf), "mine");
        assertEquals(conf.resolve("features/mine.yaml").toString(), set.source());
        assertEquals(Map.of("r", "$close / Ref($close, 1) - 1"), set.definitions());

        ConfigException missing = assertThrows(ConfigException.class, () -> FeatureSetFiles.load(ConfDir.of(conf), "nope"));
        assertTrue(missing.getMessage().startsWith("feature set 'nope' not found: there is no "
                + conf.resolve("features/nope.yaml")), missing.getMessage());
        ConfigException badName = assertThrows(ConfigException.class, () -> FeatureSetFiles.load(ConfDir.of(conf), "../x"));
        assertTrue(badName.getMessage().startsWith("feature set name '../x' must be"), badName.getMessage());
    }

    @Test
    void theShippedSetsHaveTheirDocumentedSizes() {
        ConfDir conf = ConfDir.locate();
        assertEquals(15, FeatureSetFiles.load(conf, "seed15").definitions().size());
        assertEquals(4, FeatureSetFiles.load(conf, "scale_free").definitions().size());
        assertEquals(158, FeatureSetFiles.load(conf, "alpha158").definitions().size());
    }
}
