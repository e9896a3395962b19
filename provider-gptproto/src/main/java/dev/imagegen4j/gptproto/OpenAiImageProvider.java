package dev.imagegen4j.gptproto;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.Profile;
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
public final class OpenAiImageProvider extends ProfiledImageProvider {
    /** The provider id, {@code openai}. */
    public static final String ID = Profile.OPENAI.id();

    private static final List<ProviderSetting> OWN = List.of(
            ProviderSetting.of("organization", null, "the OpenAI organization, sent as OpenAI-Organization"),
            ProviderSetting.of("project", null, "the OpenAI project, sent as OpenAI-Project"));

    /** Does nothing: discovery instantiates every provider. */
    public OpenAiImageProvider() {
        super(Profile.OPENAI, OWN, ProfiledImageProvider::client);
    }
}
