package io.sensequant.ingest;

/**
 * The credentials of a market-data API: API key, API secret (signs requests, never sent) and the day's session
 * token. They come from the environment or a secrets file ({@link ProviderSecretsLoader}), never from config,
 * and this object never prints them: {@link #toString()} redacts, and {@link #redact} scrubs them from any text
 * (e.g. an error a server echoed back) before it reaches a message or a log.
 */
public record ProviderSecrets(String apiKey, String apiSecret, String sessionToken) {
    private static final String MASK = "***";

    /** {@code text} with every occurrence of a secret value replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : new String[] {apiKey, apiSecret, sessionToken}) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "ProviderSecrets[apiKey=" + MASK + ", apiSecret=" + MASK + ", sessionToken=" + MASK + "]";
    }
}
