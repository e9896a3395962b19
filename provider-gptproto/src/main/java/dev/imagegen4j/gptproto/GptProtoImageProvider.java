package dev.imagegen4j.gptproto;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.GptProtoClient;
import dev.imagegen4j.gptproto.internal.Profile;
import dev.imagegen4j.gptproto.internal.Settings;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ProviderSetting;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code gptproto} provider: GPTProto's OpenAI-compatible {@code POST /v1/images/generations} and,
 * for requests with input images, {@code POST /v1/images/edits}, for every model family of
 * {@link GptImageModels} (GPT image, flux-kontext-pro, Seedream, Gemini). {@link OpenAiImageProvider}
 * is the same code for OpenAI itself.
 *
 * <p>Settings, read through {@link ProviderConfig} for the provider id {@code gptproto} (so also as
 * system properties {@code imagegen4j.gptproto.<key>} and environment variables {@code GPTPROTO_<KEY>}):
 * <table>
 * <caption>Settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code api-key}</td><td>the API key (required; never logged or shown)</td><td>—</td></tr>
 * <tr><td>{@code base-url}</td><td>the service's base URL; plain http only to loopback</td><td>{@code https://gptproto.com}</td></tr>
 * <tr><td>{@code auth-scheme}</td><td>{@code raw} sends the key as the vendor documents it;
 *     {@code bearer} sends {@code Bearer <key>}</td><td>raw</td></tr>
 * <tr><th colspan="3">the shared transport's ({@link dev.imagegen4j.http.HttpSettings}; retry policy on
 *     {@link dev.imagegen4j.http.HttpTransport})</th></tr>
 * <tr><td>{@code proxy}</td><td>{@code http://[user:pass@]host:port}; else the JVM's proxy properties;
 *     a secret, so set it with {@code ProviderConfig.Builder.secret}</td><td>—</td></tr>
 * <tr><td>{@code connect-timeout}</td><td>bounds the TCP connect and the TLS handshake</td><td>30s</td></tr>
 * <tr><td>{@code response-timeout}</td><td>overall deadline of one attempt, from sending to the last byte</td><td>10m</td></tr>
 * <tr><td>{@code max-retries}</td><td>retries of what is safe to retry (429, 408, 5xx, undelivered requests)</td><td>2</td></tr>
 * <tr><td>{@code retry-initial-delay}, {@code retry-max-delay}</td><td>exponential backoff with jitter</td><td>500ms, 8s</td></tr>
 * <tr><td>{@code max-retry-after}</td><td>a rate limit asking to wait longer is not retried</td><td>2m</td></tr>
 * <tr><td>{@code retry-after-send}</td><td>also retry a failure after the request was sent (may bill twice)</td><td>false</td></tr>
 * <tr><td>{@code max-response-mib}</td><td>responses larger than this fail</td><td>512</td></tr>
 * <tr><td>{@code max-connections}</td><td>size of the connection pool</td><td>16</td></tr>
 * <tr><td>{@code allow-insecure-http}</td><td>allow plain http to hosts other than loopback</td><td>false</td></tr>
 * </table>
 *
 * <p>Where images are kept (memory or files) is the generator's {@link dev.imagegen4j.ImageStorage};
 * the files of partial images are deleted once the listener returns.
 * {@link dev.imagegen4j.ImageRequest#extras(String) Extras} of {@code gptproto} are sent as extra fields
 * of the JSON body (or fields of the edits form): the extras a listed model declares (Seedream's
 * {@code guidance_scale} and {@code watermark}, gpt-image-1's {@code input_fidelity}), and any for models
 * the catalog does not list; an extra named
 * like a documented parameter ({@code size}, {@code stream}, …) is refused with an
 * {@link dev.imagegen4j.InvalidRequestException} before anything is sent.
 */
public final class GptProtoImageProvider extends ProfiledImageProvider {
    /** The provider id, {@code gptproto}. */
    public static final String ID = Profile.GPTPROTO.id();

    private static final List<ProviderSetting> OWN = List.of(ProviderSetting.of("auth-scheme", "raw",
            "raw sends the key as the vendor documents it, bearer as 'Bearer <key>'"));

    /** Does nothing: discovery instantiates every provider. */
    public GptProtoImageProvider() {
        this(ProfiledImageProvider::client);
    }

    /** A provider whose backends use the clients {@code clients} makes, such as tests' with a recorded sleeper. */
    GptProtoImageProvider(Function<Settings, GptProtoClient> clients) {
        super(Profile.GPTPROTO, OWN, clients);
    }
}
