package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.http.HttpSettings;
import java.net.URI;
import java.util.Locale;

/**
 * The gptproto provider's settings, read from a {@link ProviderConfig} once, at creation: its own, and
 * the transport's ({@link HttpSettings}). The keys are documented on {@code GptProtoImageProvider}.
 */
public record Settings(URI baseUrl, String apiKey, boolean bearer, HttpSettings http) {

    /** The service's base URL when none is configured. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://gptproto.com");

    /** The endpoint the provider posts to. */
    public URI endpoint() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/images/generations");
    }

    /** The {@code Authorization} header's value: the raw key, or {@code Bearer <key>}. */
    public String authorization() {
        return bearer ? "Bearer " + apiKey : apiKey;
    }

    /**
     * Reads the settings.
     *
     * @throws AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a value is invalid
     */
    public static Settings from(ProviderConfig config) {
        String id = Errors.PROVIDER;
        String apiKey = HttpSettings.apiKey(config, id);
        HttpSettings http = HttpSettings.from(config, id);
        URI baseUrl = http.baseUrl(config, DEFAULT_BASE_URL);
        String scheme = config.get(id, "auth-scheme").orElse("raw").strip().toLowerCase(Locale.ROOT);
        if (!scheme.equals("raw") && !scheme.equals("bearer")) {
            throw new IllegalArgumentException(HttpSettings.describe(id, "auth-scheme")
                    + " must be raw or bearer but was '" + scheme + "'");
        }
        return new Settings(baseUrl, apiKey, scheme.equals("bearer"), http);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "Settings[baseUrl=" + baseUrl + ", apiKey=***, bearer=" + bearer + ", " + http + "]";
    }
}
