package dev.imagegen4j.http;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.spi.ProviderSetting;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transport's settings for one provider, read once from a {@link ProviderConfig} under that
 * provider's id (so also as {@code -Dimagegen4j.<id>.<key>} and {@code <ID>_<KEY>}):
 * <table>
 * <caption>Transport settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code proxy}</td><td>{@code http://[user:pass@]host:port}; without it the JVM's proxy
 *     properties apply ({@code https.proxyHost}, {@code http.nonProxyHosts}, …)</td><td>—</td></tr>
 * <tr><td>{@code connect-timeout}</td><td>bounds the TCP connect and the TLS handshake</td><td>30s</td></tr>
 * <tr><td>{@code response-timeout}</td><td>overall deadline of one attempt, from sending the request to
 *     the last byte of the response</td><td>10m</td></tr>
 * <tr><td>{@code max-retries}</td><td>retries of a failure that is safe to retry</td><td>2</td></tr>
 * <tr><td>{@code retry-initial-delay}, {@code retry-max-delay}</td><td>exponential backoff with jitter</td><td>500ms, 8s</td></tr>
 * <tr><td>{@code max-retry-after}</td><td>a rate limit asking to wait longer is not retried</td><td>2m</td></tr>
 * <tr><td>{@code retry-after-send}</td><td>also retry a connection that failed after the request was
 *     sent (may be billed twice)</td><td>false</td></tr>
 * <tr><td>{@code max-response-mib}</td><td>responses larger than this fail</td><td>512</td></tr>
 * <tr><td>{@code max-connections}</td><td>size of the connection pool</td><td>16</td></tr>
 * <tr><td>{@code allow-insecure-http}</td><td>allow plain http to hosts other than loopback</td><td>false</td></tr>
 * </table>
 *
 * @param providerId the provider the settings belong to, named in every message
 * @param proxy the explicit proxy, or {@code null} for the JVM's proxy properties
 * @param maxResponseBytes the cap on every response body, in bytes
 */
public record HttpSettings(String providerId, @Nullable Proxy proxy, Duration connectTimeout, Duration responseTimeout,
                           int maxRetries, Duration retryInitialDelay, Duration retryMaxDelay, Duration maxRetryAfter,
                           boolean retryAfterSend, long maxResponseBytes, int maxConnections,
                           boolean allowInsecureHttp) {

    /**
     * An explicit HTTP proxy; tunnels https with {@code CONNECT}.
     *
     * @param user the proxy user, or {@code null} for none
     * @param password the proxy password, or {@code null}; a secret
     */
    public record Proxy(String host, int port, @Nullable String user, @Nullable String password) {
        /** Never shows the password. */
        @Override
        public String toString() {
            return "http://" + (user == null ? "" : user + ":***@") + host + ":" + port;
        }
    }

    /** Checks that the required parts are present; {@link #from} checks the values. */
    /** The transport's settings as a provider lists them in {@code ImageProvider.settings()}. */
    public static final List<ProviderSetting> SETTINGS = List.of(
            new ProviderSetting("proxy", "http://[user:pass@]host:port; without it the JVM's proxy properties apply",
                    null, true),
            ProviderSetting.of("connect-timeout", "30s", "bounds the TCP connect and the TLS handshake"),
            ProviderSetting.of("response-timeout", "10m", "overall deadline of one attempt, from sending to the last byte"),
            ProviderSetting.of("max-retries", "2", "retries of a failure that is safe to retry"),
            ProviderSetting.of("retry-initial-delay", "500ms", "first backoff delay, doubled per retry, with jitter"),
            ProviderSetting.of("retry-max-delay", "8s", "longest backoff delay"),
            ProviderSetting.of("max-retry-after", "2m", "a rate limit asking to wait longer is not retried"),
            ProviderSetting.of("retry-after-send", "false",
                    "also retry a connection that failed after the request was sent (may be billed twice)"),
            ProviderSetting.of("max-response-mib", "512", "responses larger than this fail"),
            ProviderSetting.of("max-connections", "16", "size of the connection pool"),
            ProviderSetting.of("allow-insecure-http", "false", "allow plain http to hosts other than loopback"));

    public HttpSettings {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
    }

    /**
     * Reads the transport's settings of {@code providerId}.
     *
     * @throws IllegalArgumentException naming the setting as the user types it when a value is invalid
     */
    public static HttpSettings from(ProviderConfig config, String providerId) {
        return new HttpSettings(providerId,
                config.get(providerId, "proxy").map(text -> proxy(providerId, text)).orElse(null),
                positive(config, providerId, "connect-timeout", Duration.ofSeconds(30)),
                positive(config, providerId, "response-timeout", Duration.ofMinutes(10)),
                atLeast(config, providerId, "max-retries", 0, 2),
                positive(config, providerId, "retry-initial-delay", Duration.ofMillis(500)),
                positive(config, providerId, "retry-max-delay", Duration.ofSeconds(8)),
                positive(config, providerId, "max-retry-after", Duration.ofMinutes(2)),
                config.getBoolean(providerId, "retry-after-send").orElse(false),
                atLeast(config, providerId, "max-response-mib", 1, 512) * 1024L * 1024L,
                atLeast(config, providerId, "max-connections", 1, 16),
                config.getBoolean(providerId, "allow-insecure-http").orElse(false));
    }

    /**
     * The provider's API key ({@code api-key}), stripped.
     *
     * @throws AuthenticationException naming every way to set it when none is configured or it is blank
     */
    public static String apiKey(ProviderConfig config, String providerId) {
        return config.get(providerId, ProviderConfig.API_KEY).map(String::strip).filter(key -> !key.isEmpty())
                .orElseThrow(() -> new AuthenticationException("No API key for " + providerId + ". Set the environment "
                        + "variable " + ProviderConfig.environmentName(providerId, ProviderConfig.API_KEY)
                        + ", the system property " + ProviderConfig.systemPropertyName(providerId, ProviderConfig.API_KEY)
                        + ", or ProviderConfig.builder().apiKey(...)", ErrorDetails.of(providerId)));
    }

    /**
     * A setting as the user would type it, for messages: {@code gptproto setting allow-insecure-http
     * (GPTPROTO_ALLOW_INSECURE_HTTP or -Dimagegen4j.gptproto.allow-insecure-http)}.
     */
    public static String describe(String providerId, String key) {
        return providerId + " setting " + key + " (" + ProviderConfig.environmentName(providerId, key) + " or -D"
                + ProviderConfig.systemPropertyName(providerId, key) + ")";
    }

    /** {@link #describe(String, String)} for this provider. */
    public String describe(String key) {
        return describe(providerId, key);
    }

    /**
     * The provider's base URL: the {@code base-url} setting or {@code fallback}, checked to be http(s)
     * with a host, and plain http only to loopback unless {@code allow-insecure-http} is set.
     *
     * @throws IllegalArgumentException naming the setting when the URL is refused
     */
    public URI baseUrl(ProviderConfig config, URI fallback) {
        String key = ProviderConfig.BASE_URL;
        String text = config.get(providerId, key).orElse(fallback.toString()).strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(describe(key) + " is not a URL: '" + text + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(describe(key) + " must be an http(s) URL with a host, such as "
                    + fallback + ", but was '" + text + "'");
        }
        requireSecure(uri, key);
        return uri;
    }

    /**
     * Refuses plain http to a host other than loopback unless {@code allow-insecure-http} is set.
     *
     * @param key the setting the URL came from, named in the message
     */
    void requireSecure(URI uri, String key) {
        if ("http".equalsIgnoreCase(uri.getScheme()) && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(describe(key) + " uses plain http to " + uri.getHost()
                    + ", which would send secrets in clear; use https, a loopback address, or set the "
                    + describe("allow-insecure-http") + " to true");
        }
    }

    static boolean isLoopback(String host) {
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

    private static Proxy proxy(String providerId, String text) {
        // The value may hold a password, so it is never quoted in these messages.
        String setting = describe(providerId, "proxy");
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " must be http://[user:password@]host:port");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException(setting + " must be http://[user:password@]host:port");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new Proxy(uri.getHost(), uri.getPort(), user, password);
    }

    private static Duration positive(ProviderConfig config, String providerId, String key, Duration fallback) {
        Duration value = config.getDuration(providerId, key).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(describe(providerId, key) + " must be positive but was "
                    + Durations.human(value));
        }
        return value;
    }

    private static int atLeast(ProviderConfig config, String providerId, String key, int minimum, int fallback) {
        int value = config.getInt(providerId, key).orElse(fallback);
        if (value < minimum) {
            throw new IllegalArgumentException(describe(providerId, key) + " must be at least " + minimum
                    + " but was " + value);
        }
        return value;
    }
}
