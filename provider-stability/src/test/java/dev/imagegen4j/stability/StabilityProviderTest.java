package dev.imagegen4j.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ProviderSetting;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider's catalog and settings, without any HTTP. */
class StabilityProviderTest {
    private final StabilityImageProvider provider = new StabilityImageProvider();

    private static ProviderConfig config(String... keyValues) {
        ProviderConfig.Builder config = ProviderConfig.builder().apiKey(Fixtures.KEY).environment(Map.of());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.set(keyValues[i], keyValues[i + 1]);
        }
        return config.build();
    }

    @Test
    void listsCoreUltraAndTheSd3ModelsWithCoreAsTheDefault() {
        assertThat(provider.models().defaultModel()).isEqualTo("stable-image-core");
        assertThat(provider.models().models()).extracting(ModelSpec::id).containsExactly("stable-image-core",
                "stable-image-ultra", "sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium");
    }

    @Test
    void declaresTheExtrasEachEndpointTakes() {
        assertThat(provider.models().specFor("stable-image-core").extras()).containsOnlyKeys("style_preset");
        assertThat(provider.models().specFor("stable-image-ultra").extras()).containsOnlyKeys("style_preset", "strength");
        assertThat(provider.models().specFor("sd3.5-large").extras())
                .containsOnlyKeys("style_preset", "strength", "cfg_scale");
        assertThat(provider.models().specFor("sd3.5-large").extras().get("cfg_scale"))
                .extracting(ExtraSetting::min, ExtraSetting::max).containsExactly(1.0, 10.0);
    }

    @Test
    void makesOneImagePerCallWithTheDocumentedLimits() {
        for (ModelSpec spec : provider.models().models()) {
            assertThat(spec.maxImagesPerCall()).isEqualTo(1);
            assertThat(spec.maxPromptLength()).isEqualTo(10_000);
            assertThat(spec.maxNegativePromptLength()).isEqualTo(10_000);
            assertThat(spec.seeds()).isNotNull();
            assertThat(spec.seeds().max()).isEqualTo(4_294_967_294L);
            assertThat(spec.sizes().presets()).hasSize(9);
        }
    }

    @Test
    void listsItsSettingsAndTheTransportsWithTheKeySecret() {
        assertThat(provider.settings()).extracting(ProviderSetting::key).startsWith("api-key", "base-url", "client-id",
                "client-version", "accept", "keep-filtered").contains("proxy", "response-timeout", "max-retries");
        assertThat(provider.settings().get(0).secret()).isTrue();
        assertThat(provider.settings().get(1).defaultValue()).isEqualTo("https://api.stability.ai");
    }

    @Test
    void refusesToOpenWithoutAKeyNamingWhereToSetIt() {
        ProviderConfig none = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of()).build();

        assertThatThrownBy(() -> provider.open(none)).isInstanceOf(AuthenticationException.class)
                .hasMessage("No API key for stability. Set the environment variable STABILITY_API_KEY, the system "
                        + "property imagegen4j.stability.api-key, or ProviderConfig.builder().apiKey(...) "
                        + "(provider stability)");
    }

    @Test
    void refusesAnUnknownAcceptModeAndAnOverlongClientHeader() {
        assertThatThrownBy(() -> Settings.from(config("accept", "xml"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stability setting accept (STABILITY_ACCEPT or -Dimagegen4j.stability.accept) must be "
                        + "image or json but was 'xml'");
        assertThatThrownBy(() -> Settings.from(config("client-id", "x".repeat(257))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stability setting client-id (STABILITY_CLIENT_ID or -Dimagegen4j.stability.client-id) "
                        + "may be at most 256 characters but was 257");
    }

    @Test
    void defaultsToTheServiceAndNeverShowsTheKey() {
        Settings settings = Settings.from(config());

        assertThat(settings.endpoint("/v2beta/stable-image/generate/core"))
                .isEqualTo(URI.create("https://api.stability.ai/v2beta/stable-image/generate/core"));
        assertThat(settings.json()).isFalse();
        assertThat(settings.keepFiltered()).isFalse();
        assertThat(settings.toString()).contains("apiKey=***").doesNotContain(Fixtures.KEY);
    }
}
