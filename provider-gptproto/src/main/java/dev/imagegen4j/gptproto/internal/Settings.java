package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.http.HttpSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's settings, read from a {@link ProviderConfig} once, at creation: its own, and the
 * transport's ({@link HttpSettings}). The keys are documented on {@code GptProtoImageProvider} and
 * {@code OpenAiImageProvider}.
 *
 * @param headers the further request headers its profile's settings ask for (OpenAI's organization, project)
 */
public record Settings(Profile profile, URI baseUrl, String apiKey, boolean bearer, Map<String, String> headers,
                       HttpSettings http) {

    /** GPTProto's base URL when none is configured. */
    public static final URI DEFAULT_BASE_URL = Profile.GPTPROTO.defaultBaseUrl();

    /** Copies the headers. */
    public Settings {
        headers = Map.copyOf(headers);
    }

    /** The endpoint generations are posted to. */
    public URI endpoint() {
        return resolve("/v1/images/generations");
    }

    /** The endpoint edits (requests with input images) are posted to. */
    public URI editsEndpoint() {
        return resolve("/v1/images/edits");
    }

    private URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The {@code Authorization} header's value: the raw key, or {@code Bearer <key>}. */
    public String authorization() {
        return bearer ? "Bearer " + apiKey : apiKey;
    }

    /** Reads gptproto's settings; see {@link #from(ProviderConfig, Profile)}. */
    public static Settings from(ProviderConfig config) {
        return from(config, Profile.GPTPROTO);
    }

    /**
     * Reads the settings of the provider {@code profile} describes.
     *
     * @throws AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a value is invalid
     */
    public static Settings from(ProviderConfig config, Profile profile) {
        String id = profile.id();
        String apiKey = HttpSettings.apiKey(config, id);
        HttpSettings http = HttpSettings.from(config, id);
        URI baseUrl = http.baseUrl(config, profile.defaultBaseUrl());
        boolean bearer = true;
        if (profile.authScheme()) {
            String scheme = config.get(id, "auth-scheme").orElse("raw").strip().toLowerCase(Locale.ROOT);
            if (!scheme.equals("raw") && !scheme.equals("bearer")) {
                throw new IllegalArgumentException(HttpSettings.describe(id, "auth-scheme")
                        + " must be raw or bearer but was '" + scheme + "'");
            }
            bearer = scheme.equals("bearer");
        }
        Map<String, String> headers = new TreeMap<>();
        profile.headerSettings().forEach((key, header) -> config.get(id, key).map(String::strip)
                .filter(value -> !value.isEmpty()).ifPresent(value -> {
                    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                        throw new IllegalArgumentException(HttpSettings.describe(id, key)
                                + " must not contain control characters");
                    }
                    headers.put(header, value);
                }));
        return new Settings(profile, baseUrl, apiKey, bearer, headers, http);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "Settings[" + profile.id() + ", baseUrl=" + baseUrl + ", apiKey=***, bearer=" + bearer
                + ", headers=" + headers + ", " + http + "]";
    }
}
