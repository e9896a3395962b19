package dev.imagegen4j.stability;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.http.HttpSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stability provider's settings, read once when a backend opens: its own and the transport's. The
 * keys are documented on {@link StabilityImageProvider}.
 *
 * @param json ask for {@code application/json} (base64 images) instead of the raw image bytes
 * @param keepFiltered return a blurred {@code CONTENT_FILTERED} image with a warning instead of failing
 */
record Settings(URI baseUrl, String apiKey, @Nullable String clientId, @Nullable String clientVersion, boolean json,
                boolean keepFiltered, HttpSettings http) {

    static final String ID = StabilityImageProvider.ID;
    static final URI DEFAULT_BASE_URL = URI.create("https://api.stability.ai");
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_VERSION = "client-version";
    static final String ACCEPT = "accept";
    static final String KEEP_FILTERED = "keep-filtered";

    /** The URI of {@code path} under the base URL, which may itself have a path (a gateway's prefix). */
    URI endpoint(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /**
     * @throws AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a value is invalid
     */
    static Settings from(ProviderConfig config) {
        String apiKey = HttpSettings.apiKey(config, ID);
        HttpSettings http = HttpSettings.from(config, ID);
        URI baseUrl = http.baseUrl(config, DEFAULT_BASE_URL);
        String accept = config.get(ID, ACCEPT).orElse("image").strip().toLowerCase(Locale.ROOT);
        if (!accept.equals("image") && !accept.equals("json")) {
            throw new IllegalArgumentException(HttpSettings.describe(ID, ACCEPT) + " must be image or json but was '"
                    + accept + "'");
        }
        return new Settings(baseUrl, apiKey, header(config, CLIENT_ID), header(config, CLIENT_VERSION),
                accept.equals("json"), config.getBoolean(ID, KEEP_FILTERED).orElse(false), http);
    }

    private static @Nullable String header(ProviderConfig config, String key) {
        Optional<String> value = config.get(ID, key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isPresent() && value.get().length() > StabilityModels.MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException(HttpSettings.describe(ID, key) + " may be at most "
                    + StabilityModels.MAX_HEADER_LENGTH + " characters but was " + value.get().length());
        }
        return value.orElse(null);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "Settings[baseUrl=" + baseUrl + ", apiKey=***, clientId=" + clientId + ", clientVersion="
                + clientVersion + ", json=" + json + ", keepFiltered=" + keepFiltered + ", " + http + "]";
    }
}
