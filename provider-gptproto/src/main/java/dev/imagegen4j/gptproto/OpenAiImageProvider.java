package dev.imagegen4j.gptproto;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.Profile;
import dev.imagegen4j.gptproto.internal.Settings;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.util.List;

/**
 * The {@code openai} provider: OpenAI's own images API ({@code https://api.openai.com}), on the same
 * client, wire and catalog as {@link GptProtoImageProvider}.
 *
 * <p>Settings, read through {@link ProviderConfig} for the provider id {@code openai} (so also as
 * system properties {@code imagegen4j.openai.<key>} and environment variables {@code OPENAI_<KEY>}):
 * {@code api-key} (required, {@code OPENAI_API_KEY}; sent as {@code Authorization: Bearer <key>}),
 * {@code base-url} (default {@code https://api.openai.com}), {@code organization} (sent as
 * {@code OpenAI-Organization} when set), {@code project} (sent as {@code OpenAI-Project} when set), and
 * the shared transport's, as listed on {@link GptProtoImageProvider}.
 */
public final class OpenAiImageProvider implements ImageProvider {
    /** The provider id, {@code openai}. */
    public static final String ID = Profile.OPENAI.id();

    private static final List<ProviderSetting> SETTINGS = GptProtoImageProvider.settings(Profile.OPENAI,
            ProviderSetting.of("organization", null, "the OpenAI organization, sent as OpenAI-Organization"),
            ProviderSetting.of("project", null, "the OpenAI project, sent as OpenAI-Project"));

    /** Does nothing: discovery instantiates every provider. */
    public OpenAiImageProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return Profile.OPENAI.displayName();
    }

    @Override
    public ModelCatalog models() {
        return GptImageModels.catalog();
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
        return new GptProtoBackend(GptProtoImageProvider.client(Settings.from(config, Profile.OPENAI)));
    }
}
