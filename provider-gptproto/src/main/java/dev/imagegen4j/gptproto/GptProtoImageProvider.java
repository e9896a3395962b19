package dev.imagegen4j.gptproto;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.GptProtoClient;
import dev.imagegen4j.gptproto.internal.Settings;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import java.time.Clock;

/**
 * The {@code gptproto} provider: GPTProto's OpenAI-compatible {@code POST /v1/images/generations}.
 *
 * <p>Settings, read through {@link ProviderConfig} for the provider id {@code gptproto} (so also as
 * system properties {@code imagegen4j.gptproto.<key>} and environment variables {@code GPTPROTO_<KEY>}):
 * <table>
 * <caption>Settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code api-key}</td><td>the API key (required; never logged or shown)</td><td>—</td></tr>
 * <tr><td>{@code base-url}</td><td>the service's base URL; plain http only to loopback</td><td>{@code https://gptproto.com}</td></tr>
 * <tr><td>{@code allow-insecure-http}</td><td>allow plain http to other hosts</td><td>false</td></tr>
 * <tr><td>{@code auth-scheme}</td><td>{@code raw} sends the key as the vendor documents it;
 *     {@code bearer} sends {@code Bearer <key>}</td><td>raw</td></tr>
 * <tr><td>{@code connect-timeout}</td><td>time to connect</td><td>30s</td></tr>
 * <tr><td>{@code response-timeout}</td><td>longest silence while waiting for or reading the response</td><td>10m</td></tr>
 * <tr><td>{@code max-retries}</td><td>retries after a 429 rate limit, a 5xx or a connection failure</td><td>2</td></tr>
 * <tr><td>{@code retry-initial-delay}, {@code retry-max-delay}</td><td>exponential backoff with jitter</td><td>500ms, 8s</td></tr>
 * <tr><td>{@code max-retry-after}</td><td>a rate limit asking to wait longer is not retried</td><td>2m</td></tr>
 * <tr><td>{@code max-response-mib}</td><td>responses larger than this fail</td><td>512</td></tr>
 * <tr><td>{@code max-connections}</td><td>size of the connection pool</td><td>16</td></tr>
 * </table>
 *
 * <p>Where images are kept (memory or files) is the generator's {@link dev.imagegen4j.ImageStorage}.
 * {@link dev.imagegen4j.ImageRequest#extras(String) Extras} of {@code gptproto} are sent as extra fields
 * of the JSON body, for models the catalog does not list (listed models declare none); an extra named
 * like a documented parameter ({@code size}, {@code stream}, …) is refused with an
 * {@link dev.imagegen4j.InvalidRequestException} before anything is sent.
 */
public final class GptProtoImageProvider implements ImageProvider {
    /** The provider id, {@code gptproto}. */
    public static final String ID = "gptproto";

    /** Does nothing: discovery instantiates every provider. */
    public GptProtoImageProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "GPTProto";
    }

    @Override
    public ModelCatalog models() {
        return GptImageModels.catalog();
    }

    /**
     * A backend with its own connection pool; no connection is opened until the first request.
     *
     * @throws dev.imagegen4j.AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a setting is invalid
     */
    @Override
    public ImageBackend open(ProviderConfig config) {
        Settings settings = Settings.from(config);
        return new GptProtoBackend(new GptProtoClient(settings, duration -> Thread.sleep(duration.toMillis()),
                Clock.systemUTC()));
    }
}
