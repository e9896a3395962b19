package dev.imagegen4j.bfl;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.http.HttpSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The bfl provider's settings, read once when a backend opens: its own and the transport's. The keys
 * are documented on {@link BflImageProvider}.
 */
record Settings(URI baseUrl, String apiKey, HttpSettings http) {

    static final String ID = BflImageProvider.ID;
    static final URI DEFAULT_BASE_URL = URI.create("https://api.bfl.ai");
    /** BFL's own domain: its API hosts are {@code api.bfl.ai} and regional {@code api.*.bfl.ai}. */
    static final String BFL_DOMAIN = "bfl.ai";

    /**
     * @throws AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a value is invalid
     */
    static Settings from(ProviderConfig config) {
        String apiKey = HttpSettings.apiKey(config, ID);
        HttpSettings http = HttpSettings.from(config, ID);
        return new Settings(http.baseUrl(config, DEFAULT_BASE_URL), apiKey, http);
    }

    /** The URI of {@code path} under the base URL, which may itself have a path (a gateway's prefix). */
    URI endpoint(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /**
     * Whether a polling URL may receive the key: on the base URL's own origin; or, when the base is
     * BFL's, an https {@code api.*.bfl.ai} host on the default port (the regional clusters a task may
     * run on). Never BFL's delivery hosts ({@code delivery.*.bfl.ai}), nor anything else, so that a
     * tampered job id cannot send the key away.
     */
    boolean keyGoesTo(URI url) {
        if (url.getRawUserInfo() != null || url.getHost() == null) {
            return false;
        }
        if (sameOrigin(url, baseUrl)) {
            return true;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return isBfl(baseUrl) && "https".equalsIgnoreCase(url.getScheme()) && (url.getPort() == -1 || url.getPort() == 443)
                && host.startsWith("api.") && host.endsWith("." + BFL_DOMAIN);
    }

    private static boolean isBfl(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(uri.getScheme()) && (host.equals(BFL_DOMAIN) || host.endsWith("." + BFL_DOMAIN));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(Objects.requireNonNullElse(uri.getScheme(), "")) ? 443 : 80;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "Settings[baseUrl=" + baseUrl + ", apiKey=***, " + http + "]";
    }
}
