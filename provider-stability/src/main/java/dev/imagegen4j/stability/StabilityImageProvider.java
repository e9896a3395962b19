package dev.imagegen4j.stability;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code stability} provider: Stability AI's Stable Image API,
 * {@code POST /v2beta/stable-image/generate/{core|ultra|sd3}}, multipart in, one image out per call.
 *
 * <p>Models: {@code stable-image-core} (the default), {@code stable-image-ultra}, and the sd3 family
 * by its {@code model} values, {@code sd3.5-large}, {@code sd3.5-large-turbo} and {@code sd3.5-medium}
 * (other {@code sd3...} ids, such as {@code sd3.5-flash}, are sent to sd3 as they are, with a
 * {@code model.unknown} warning). All take the nine aspect ratios 21:9, 16:9, 3:2, 5:4, 1:1, 4:5,
 * 2:3, 9:16 and 9:21 (an exact size of exactly one of those shapes is sent as the ratio), prompts and
 * negative prompts of up to 10,000 characters, seeds 0 to 4,294,967,294 (0: the service picks one),
 * png, jpeg or webp, an end-user id (header {@code stability-client-user-id}), and the extra
 * {@code style_preset}. Ultra and sd3 also take one reference image with the extra {@code strength}
 * (0 to 1, required with an image); sd3 takes {@code cfg_scale} (1 to 10). Requests for several
 * images are split by the generator into one call each, with seeds counted up from the one given.
 *
 * <p>Settings, read for the provider id {@code stability} (so also as system properties
 * {@code imagegen4j.stability.<key>} and environment variables {@code STABILITY_<KEY>}):
 * <table>
 * <caption>Settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code api-key}</td><td>the API key, sent as {@code Authorization: Bearer} (required; never shown)</td><td>—</td></tr>
 * <tr><td>{@code base-url}</td><td>the service's base URL; plain http only to loopback</td><td>{@code https://api.stability.ai}</td></tr>
 * <tr><td>{@code client-id}, {@code client-version}</td><td>sent as {@code stability-client-id} and
 *     {@code stability-client-version} (at most 256 characters)</td><td>not sent</td></tr>
 * <tr><td>{@code accept}</td><td>{@code image}: the image bytes, streamed into storage as they arrive;
 *     {@code json}: base64 in JSON, decoded in memory</td><td>image</td></tr>
 * <tr><td>{@code keep-filtered}</td><td>return an image Stability's moderation blurred
 *     ({@code CONTENT_FILTERED}) with a {@code content.filtered} warning, instead of a
 *     {@link dev.imagegen4j.ContentPolicyException}</td><td>false</td></tr>
 * <tr><th colspan="3">and the shared transport's, as {@link HttpSettings} lists them ({@code proxy},
 *     {@code connect-timeout}, {@code response-timeout}, {@code max-retries}, …)</th></tr>
 * </table>
 *
 * <p>Errors: 400, 413 and 422 are {@link dev.imagegen4j.InvalidRequestException}s carrying Stability's
 * messages; 401 {@link dev.imagegen4j.AuthenticationException}; 402 (no credits) and a 403 other than
 * moderation {@link dev.imagegen4j.PermissionDeniedException}; 403 {@code content_moderation} and a
 * {@code CONTENT_FILTERED} image {@link dev.imagegen4j.ContentPolicyException}; 429
 * {@link dev.imagegen4j.RateLimitException} with the Retry-After sent, else the 60 seconds Stability
 * documents (so the transport's retry waits them out, within {@code max-retry-after}); 5xx
 * {@link dev.imagegen4j.ProviderUnavailableException}.
 */
public final class StabilityImageProvider implements ImageProvider {
    /** The provider id, {@code stability}. */
    public static final String ID = "stability";

    private static final List<ProviderSetting> SETTINGS = Stream.concat(Stream.of(
                    ProviderSetting.secret(ProviderConfig.API_KEY, "the API key (required)"),
                    ProviderSetting.of(ProviderConfig.BASE_URL, Settings.DEFAULT_BASE_URL.toString(),
                            "the service's base URL; plain http only to loopback"),
                    ProviderSetting.of(Settings.CLIENT_ID, null, "sent as stability-client-id: your application"),
                    ProviderSetting.of(Settings.CLIENT_VERSION, null, "sent as stability-client-version"),
                    ProviderSetting.of(Settings.ACCEPT, "image", "image streams the bytes; json asks for base64 JSON"),
                    ProviderSetting.of(Settings.KEEP_FILTERED, "false",
                            "keep images moderation blurred, with a warning, instead of failing")),
            HttpSettings.SETTINGS.stream()).toList();

    /** Does nothing: discovery instantiates every provider. */
    public StabilityImageProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Stability AI";
    }

    @Override
    public ModelCatalog models() {
        return StabilityModels.catalog();
    }

    @Override
    public List<ProviderSetting> settings() {
        return SETTINGS;
    }

    /**
     * A backend with its own connection pool; no connection is opened until the first request.
     *
     * @throws dev.imagegen4j.AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a setting is invalid
     */
    @Override
    public ImageBackend open(ProviderConfig config) {
        return new StabilityBackend(Settings.from(config), duration -> Thread.sleep(duration.toMillis()));
    }
}
