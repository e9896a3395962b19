package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ProviderConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The gptproto provider's settings, read from a {@link ProviderConfig} once, at creation. The keys
 * are documented on {@code GptProtoImageProvider}.
 */
public record Settings(URI baseUrl, String apiKey, boolean bearer, Duration connectTimeout, Duration responseTimeout,
                       int maxRetries, Duration retryInitialDelay, Duration retryMaxDelay, Duration maxRetryAfter,
                       long maxResponseBytes, int maxConnections) {

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
        String apiKey = config.get(id, ProviderConfig.API_KEY).map(String::strip).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new AuthenticationException("No API key for gptproto. Set the environment variable "
                        + ProviderConfig.environmentName(id, ProviderConfig.API_KEY) + ", the system property "
                        + ProviderConfig.systemPropertyName(id, ProviderConfig.API_KEY)
                        + ", or ProviderConfig.builder().apiKey(...)", ErrorDetails.of(id)));
        boolean allowHttp = config.getBoolean(id, "allow-insecure-http").orElse(false);
        URI baseUrl = baseUrl(config.get(id, ProviderConfig.BASE_URL).orElse(DEFAULT_BASE_URL.toString()), allowHttp);
        String scheme = config.get(id, "auth-scheme").orElse("raw").strip().toLowerCase(Locale.ROOT);
        if (!scheme.equals("raw") && !scheme.equals("bearer")) {
            throw new IllegalArgumentException("gptproto setting auth-scheme must be raw or bearer but was '"
                    + scheme + "'");
        }
        return new Settings(baseUrl, apiKey, scheme.equals("bearer"),
                positive(config, "connect-timeout", Duration.ofSeconds(30)),
                positive(config, "response-timeout", Duration.ofMinutes(10)),
                atLeastZero(config, "max-retries", 2),
                positive(config, "retry-initial-delay", Duration.ofMillis(500)),
                positive(config, "retry-max-delay", Duration.ofSeconds(8)),
                positive(config, "max-retry-after", Duration.ofMinutes(2)),
                config.getInt(id, "max-response-mib").map(mib -> {
                    if (mib < 1) {
                        throw new IllegalArgumentException("gptproto setting max-response-mib must be at least 1 but was "
                                + mib);
                    }
                    return mib * 1024L * 1024L;
                }).orElse(512L * 1024 * 1024),
                Math.max(1, atLeastZero(config, "max-connections", 16)));
    }

    private static URI baseUrl(String text, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("gptproto setting base-url is not a URL: '" + text + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("gptproto setting base-url must be an http(s) URL with a host but was '"
                    + text + "'");
        }
        if (scheme.equals("http") && !allowHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("gptproto setting base-url uses plain http to " + uri.getHost()
                    + ", which would send the API key in clear; use https, a loopback address, or set "
                    + "allow-insecure-http to true");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would be I/O, and a name can resolve elsewhere later.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration positive(ProviderConfig config, String key, Duration fallback) {
        Duration value = config.getDuration(Errors.PROVIDER, key).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gptproto setting " + key + " must be positive but was " + value);
        }
        return value;
    }

    private static int atLeastZero(ProviderConfig config, String key, int fallback) {
        int value = config.getInt(Errors.PROVIDER, key).orElse(fallback);
        if (value < 0) {
            throw new IllegalArgumentException("gptproto setting " + key + " must be at least 0 but was " + value);
        }
        return value;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "Settings[baseUrl=" + baseUrl + ", apiKey=***, bearer=" + bearer + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + ", maxRetries=" + maxRetries + ", maxResponseBytes="
                + maxResponseBytes + "]";
    }
}
