package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the provider's credentials come from, and what the user is told when they are missing. */
class ProviderSecretsTest {
    static final ProviderSecrets EXPECTED = new ProviderSecrets("SECRET-KEY-123", "SECRET-SIGNING-456", "SECRET-TOKEN-789");

    static PipelineConfig.Http http(String secretsFile) {
        PipelineConfig.Http defaults = io.sensequant.spark.SharedSpark.testConfig().ingest().http();
        return new PipelineConfig.Http(defaults.baseUrl(), defaults.exchangeCode(), defaults.productType(),
                defaults.apiKeyEnv(), defaults.apiSecretEnv(), defaults.sessionTokenEnv(), secretsFile,
                defaults.intervalNames());
    }

    static ProviderSecrets load(String secretsFile, Map<String, String> env) {
        return new ProviderSecretsLoader(http(secretsFile), env).load();
    }

    static void assertNoValue(String message) {
        for (String v : new String[] {EXPECTED.apiKey(), EXPECTED.apiSecret(), EXPECTED.sessionToken()}) {
            assertFalse(message.contains(v), () -> "a secret in: " + message);
        }
    }

    @Test
    void fromTheConfiguredEnvironmentVariables() {
        ProviderSecrets s = load("", Map.of("BREEZE_API_KEY", "SECRET-KEY-123", "BREEZE_API_SECRET",
                "SECRET-SIGNING-456", "BREEZE_SESSION_TOKEN", " SECRET-TOKEN-789\n"));
        assertEquals(EXPECTED, s);
        assertEquals("ProviderSecrets[apiKey=***, apiSecret=***, sessionToken=***]", s.toString());
    }

    @Test
    void aMissingVariableIsNamedWithTheKeyThatNamesIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("", Map.of(
                "BREEZE_API_KEY", "SECRET-KEY-123", "BREEZE_API_SECRET", "SECRET-SIGNING-456")));
        assertTrue(e.getMessage().contains("BREEZE_SESSION_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("ingest.http.session_token_env"), e.getMessage());
        assertTrue(e.getMessage().contains("export"), e.getMessage());
        assertFalse(e.getMessage().contains("BREEZE_API_KEY"), "only the missing one: " + e.getMessage());
        assertNoValue(e.getMessage());

        ConfigException all = assertThrows(ConfigException.class, () -> load("", Map.of("BREEZE_API_SECRET", " ")));
        for (String name : new String[] {"BREEZE_API_KEY", "BREEZE_API_SECRET", "BREEZE_SESSION_TOKEN"}) {
            assertTrue(all.getMessage().contains(name), all.getMessage());
        }
    }

    @Test
    void fromAYamlOrKeyValueFile(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("breeze.yaml"),
                "# Breeze\napi_key: SECRET-KEY-123\napi_secret: \"SECRET-SIGNING-456\"\nsession_token: SECRET-TOKEN-789\n");
        assertEquals(EXPECTED, load(yaml.toString(), Map.of()));
        Path props = Files.writeString(dir.resolve("breeze.env"),
                "# Breeze\napi_key=SECRET-KEY-123\napi_secret = SECRET-SIGNING-456\nsession_token=SECRET-TOKEN-789\n");
        assertEquals(EXPECTED, load(props.toString(), Map.of()));
    }

    @Test
    void theFileWinsOverTheEnvironment(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("s.yaml"),
                "api_key: SECRET-KEY-123\napi_secret: SECRET-SIGNING-456\nsession_token: SECRET-TOKEN-789\n");
        assertEquals(EXPECTED, load(yaml.toString(), Map.of("BREEZE_API_KEY", "other", "BREEZE_API_SECRET", "other",
                "BREEZE_SESSION_TOKEN", "other")));
    }

    @Test
    void fileErrorsNameTheFileAndTheKeyButNoValue(@TempDir Path dir) throws IOException {
        Path partial = Files.writeString(dir.resolve("partial.yaml"), "api_key: SECRET-KEY-123\napi_secret: SECRET-SIGNING-456\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(partial.toString(), Map.of()));
        assertTrue(e.getMessage().contains("session_token"), e.getMessage());
        assertTrue(e.getMessage().contains(partial.toString()), e.getMessage());
        assertNoValue(e.getMessage());

        Path missing = dir.resolve("nope.yaml");
        ConfigException absent = assertThrows(ConfigException.class, () -> load(missing.toString(), Map.of()));
        assertTrue(absent.getMessage().contains(missing.toString()) && absent.getMessage().contains("does not exist"),
                absent.getMessage());

        // Broken YAML: the parser's message (which quotes the line) must not be passed on.
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "api_key: [SECRET-KEY-123\n");
        ConfigException bad = assertThrows(ConfigException.class, () -> load(broken.toString(), Map.of()));
        assertNoValue(bad.getMessage());
        assertTrue(bad.getCause() == null, "no parser exception attached");
    }

    @Test
    void redactScrubsEverySecret() {
        assertEquals("token *** for key ***, signed ***",
                EXPECTED.redact("token SECRET-TOKEN-789 for key SECRET-KEY-123, signed SECRET-SIGNING-456"));
    }
}
