package io.sensequant.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.config.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds the provider's credentials: in the file named by {@code ingest.http.secrets_file} when that is set
 * (YAML, or {@code key=value} lines, with keys api_key, api_secret, session_token), otherwise in the environment
 * variables named by {@code api_key_env}, {@code api_secret_env} and {@code session_token_env}. Secrets never live
 * in the config itself, which is written next to every run.
 *
 * <p>Errors name what is missing (variable, file, key) and how to supply it, and never quote a value: the file
 * is parsed without passing parser messages on, because those can quote the line they choke on.
 */
public final class ProviderSecretsLoader {
    static final String API_KEY = "api_key";
    static final String API_SECRET = "api_secret";
    static final String SESSION_TOKEN = "session_token";

    private final PipelineConfig.Http http;
    private final Map<String, String> environment;

    /** {@code environment}: usually {@code System.getenv()}; a map in tests. */
    public ProviderSecretsLoader(PipelineConfig.Http http, Map<String, String> environment) {
        this.http = http;
        this.environment = environment;
    }

    public ProviderSecrets load() {
        if (http.secretsFile() != null && !http.secretsFile().isBlank()) {
            return fromFile(Path.of(http.secretsFile()));
        }
        return fromEnvironment();
    }

    private ProviderSecrets fromEnvironment() {
        // Config key -> the variable it names, in a fixed order for the messages.
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("ingest.http.api_key_env", http.apiKeyEnv());
        variables.put("ingest.http.api_secret_env", http.apiSecretEnv());
        variables.put("ingest.http.session_token_env", http.sessionTokenEnv());
        List<String> unnamed = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        String firstUnset = null;
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> v : variables.entrySet()) {
            String variable = v.getValue();
            String value = variable == null || variable.isBlank() ? null : environment.get(variable);
            if (variable == null || variable.isBlank()) {
                unnamed.add(v.getKey());
            } else if (value == null || value.isBlank()) {
                unset.add(variable + " (" + v.getKey() + ")");
                firstUnset = firstUnset == null ? variable : firstUnset;
            } else {
                values.add(value.strip());
            }
        }
        if (!unnamed.isEmpty()) {
            throw new ConfigException("provider http: " + String.join(", ", unnamed) + " empty; name the environment "
                    + "variable that holds each credential, or set ingest.http.secrets_file");
        }
        if (!unset.isEmpty()) {
            throw new ConfigException("provider http: " + (unset.size() == 1 ? "environment variable " : "environment "
                    + "variables ") + String.join(", ", unset) + " not set; export each before the run (e.g. export "
                    + firstUnset + "=...), or put " + API_KEY + ", " + API_SECRET + " and " + SESSION_TOKEN
                    + " in a file named by ingest.http.secrets_file");
        }
        return new ProviderSecrets(values.get(0), values.get(1), values.get(2));
    }

    private ProviderSecrets fromFile(Path file) {
        String where = "ingest.http.secrets_file " + file.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(where + " does not exist or is not a file; create it with the keys " + API_KEY
                    + ", " + API_SECRET + ", " + SESSION_TOKEN + " (YAML or key=value lines), or clear "
                    + "ingest.http.secrets_file to read the environment variables " + http.apiKeyEnv() + ", "
                    + http.apiSecretEnv() + ", " + http.sessionTokenEnv());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(where + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> entries = parse(text, where);
        List<String> missing = new ArrayList<>();
        for (String key : List.of(API_KEY, API_SECRET, SESSION_TOKEN)) {
            String value = entries.get(key);
            if (value == null || value.isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(where + " has no value for " + String.join(", ", missing) + "; add a line "
                    + missing.get(0) + ": ... (YAML) or " + missing.get(0) + "=... (key=value) for each");
        }
        return new ProviderSecrets(entries.get(API_KEY), entries.get(API_SECRET), entries.get(SESSION_TOKEN));
    }

    /**
     * A YAML mapping if the text is one, else {@code key=value} properties. (A properties file read as YAML is a
     * single plain string, not a mapping, so the two cannot be confused.)
     */
    private static Map<String, String> parse(String text, String where) {
        Map<String, String> entries = new LinkedHashMap<>();
        JsonNode tree = null;
        try {
            tree = Yaml.YAML.readTree(text);
        } catch (IOException notYaml) {
            // Deliberately dropped: the parser's message may quote a secret. Try key=value next.
        }
        if (tree != null && tree.isObject()) {
            tree.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    entries.put(e.getKey(), e.getValue().asText().strip());
                }
            });
            return entries;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(where + " is neither a YAML mapping nor key=value lines");
        }
        properties.stringPropertyNames().forEach(k -> entries.put(k.strip(), properties.getProperty(k).strip()));
        return entries;
    }
}
