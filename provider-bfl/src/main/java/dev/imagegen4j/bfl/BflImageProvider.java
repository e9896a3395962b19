package dev.imagegen4j.bfl;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.bfl.api.BflModels;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code bfl} provider: Black Forest Labs' FLUX API, where a generation is a task: submitted with
 * {@code POST /v1/{model}}, polled at the {@code polling_url} the submit answers, and downloaded from
 * the signed {@code result.sample} URL. Every model runs as a job, so
 * {@link dev.imagegen4j.ImageGenerator#submit} returns at once with a job id that another process can
 * re-attach to, and {@code generate()} submits and waits.
 *
 * <p>Models ({@link BflModels}): {@code flux-2-pro} (the default), {@code flux-2-pro-preview},
 * {@code flux-2-max}, {@code flux-2-flex}, {@code flux-2-klein-4b}, {@code flux-2-klein-9b} and
 * {@code flux-2-klein-9b-preview} (W×H in multiples of 16, sides of at least 64, up to 4 megapixels;
 * up to 8 reference images, 4 on klein), {@code flux-pro-1.1} and {@code flux-dev} (W×H in multiples of
 * 32 from 256 to 1440; one image prompt), {@code flux-pro-1.1-ultra} and the Kontext models
 * {@code flux-kontext-pro} and {@code flux-kontext-max} (aspect ratios from 21:9 to 9:21; Kontext edits
 * up to 4 input images). All take seeds and jpeg, png or webp; one image per task, so a request for
 * several is split into tasks. Extras, where BFL's schema has them: {@code safety_tolerance} (0 to 6 on
 * FLUX.1, 0 to 5 on FLUX.2), {@code prompt_upsampling}, {@code raw} and {@code image_prompt_strength}
 * (ultra), {@code steps} and {@code guidance} (flux-dev, flux-2-flex). Webhooks are not offered: a
 * webhook submit answers without a polling URL, so its job could not be polled or re-attached.
 *
 * <p>Settings, read for the provider id {@code bfl} (so also as system properties
 * {@code imagegen4j.bfl.<key>} and environment variables {@code BFL_<KEY>}):
 * <table>
 * <caption>Settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code api-key}</td><td>the API key, sent as {@code x-key} (required; never shown)</td><td>—</td></tr>
 * <tr><td>{@code base-url}</td><td>the API's base URL, such as the regional {@code https://api.eu.bfl.ai} or
 *     {@code https://api.us.bfl.ai}; plain http only to loopback</td><td>{@code https://api.bfl.ai}</td></tr>
 * <tr><th colspan="3">and the shared transport's, as {@link HttpSettings} lists them ({@code proxy},
 *     {@code connect-timeout}, {@code response-timeout}, {@code max-retries}, …)</th></tr>
 * </table>
 *
 * <p>The key goes to the base URL's origin, and to a polling URL only on that origin or, with BFL's
 * own base URL, on an https {@code api.*.bfl.ai} host; other polling URLs are polled without it, and
 * result URLs never get it.
 *
 * <p>Errors: 400 and 422 are {@link dev.imagegen4j.InvalidRequestException}s naming BFL's fields as
 * the request names them; 401 {@link dev.imagegen4j.AuthenticationException}; 402 (out of credits) and
 * 403 {@link dev.imagegen4j.PermissionDeniedException}; 429 (too many active tasks)
 * {@link dev.imagegen4j.RateLimitException}; 5xx {@link dev.imagegen4j.ProviderUnavailableException}.
 * Tasks: {@code Request Moderated} and {@code Content Moderated} end in a
 * {@link dev.imagegen4j.ContentPolicyException}, {@code Error} in a
 * {@link dev.imagegen4j.ProviderUnavailableException} with BFL's details, {@code Task not found} in a
 * {@link dev.imagegen4j.JobNotFoundException}.
 */
public final class BflImageProvider implements ImageProvider {
    /** The provider id, {@code bfl}. */
    public static final String ID = "bfl";

    private static final List<ProviderSetting> SETTINGS = Stream.concat(Stream.of(
                    ProviderSetting.secret(ProviderConfig.API_KEY, "the API key, sent as x-key (required)"),
                    ProviderSetting.of(ProviderConfig.BASE_URL, Settings.DEFAULT_BASE_URL.toString(),
                            "the API's base URL (regional: https://api.eu.bfl.ai, https://api.us.bfl.ai);"
                                    + " plain http only to loopback")),
            HttpSettings.SETTINGS.stream()).toList();

    /** Does nothing: discovery instantiates every provider. */
    public BflImageProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Black Forest Labs";
    }

    @Override
    public ModelCatalog models() {
        return BflModels.catalog();
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
        return new BflBackend(Settings.from(config), duration -> Thread.sleep(duration.toMillis()));
    }
}
