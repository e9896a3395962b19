package dev.imagegen4j.gptproto;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.GptProtoClient;
import dev.imagegen4j.gptproto.internal.Profile;
import dev.imagegen4j.gptproto.internal.Settings;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the providers on the OpenAI-compatible wire share: one catalog, one client, told apart by their
 * {@link Profile} (id, base URL, auth, account headers). Stateless; does no I/O until {@link #open}.
 */
abstract class ProfiledImageProvider implements ImageProvider {
    private final Profile profile;
    private final List<ProviderSetting> settings;
    private final Function<Settings, GptProtoClient> clients;

    /**
     * @param own the profile's settings besides the key, the base URL and the transport's
     * @param clients makes the client of each backend, such as tests' with a recorded sleeper
     */
    ProfiledImageProvider(Profile profile, List<ProviderSetting> own, Function<Settings, GptProtoClient> clients) {
        this.profile = profile;
        this.settings = Stream.of(Stream.of(
                        ProviderSetting.secret(ProviderConfig.API_KEY, "the API key (required)"),
                        ProviderSetting.of(ProviderConfig.BASE_URL, profile.defaultBaseUrl().toString(),
                                "the service's base URL; plain http only to loopback")),
                own.stream(), HttpSettings.SETTINGS.stream()).flatMap(s -> s).toList();
        this.clients = clients;
    }

    /** A client of the production kind for {@code settings}. */
    static GptProtoClient client(Settings settings) {
        return new GptProtoClient(settings, duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC());
    }

    @Override
    public final String id() {
        return profile.id();
    }

    @Override
    public final String displayName() {
        return profile.displayName();
    }

    @Override
    public final ModelCatalog models() {
        return GptImageModels.catalog();
    }

    @Override
    public final List<ProviderSetting> settings() {
        return settings;
    }

    /**
     * A backend with its own connection pool; no connection is opened until the first request.
     *
     * @throws dev.imagegen4j.AuthenticationException when no API key is configured
     * @throws IllegalArgumentException naming the setting when a setting is invalid
     */
    @Override
    public final ImageBackend open(ProviderConfig config) {
        return new GptProtoBackend(clients.apply(Settings.from(config, profile)));
    }
}
