package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.PATH;
import static dev.imagegen4j.gptproto.GptProtoStubs.baseUrl;
import static dev.imagegen4j.gptproto.GptProtoStubs.config;
import static dev.imagegen4j.gptproto.GptProtoStubs.json;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.Profile;
import dev.imagegen4j.gptproto.internal.Settings;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ProviderSetting;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code openai} id: the same client as gptproto's, with OpenAI's base URL, Bearer auth and account headers. */
class OpenAiProviderTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    @BeforeEach
    void answerWithOneImage() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(imagesJson(png(4, 4, 100, 1)))));
        server.stubFor(post(urlPathEqualTo("/v1/images/edits")).willReturn(json(imagesJson(png(4, 4, 100, 2)))));
    }

    private static LoggedRequest onlyRequest(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static ImageGenerator generator(String... keyValues) {
        return ImageGenerator.builder(new OpenAiImageProvider()).config(config(baseUrl(server), keyValues)).build();
    }

    @Test
    void isDiscoveredAsOpenAiWithTheSameCatalog() {
        OpenAiImageProvider provider = (OpenAiImageProvider) ImageProviders.get("openai");

        assertThat(provider.displayName()).isEqualTo("OpenAI");
        assertThat(provider.models()).isSameAs(GptImageModels.catalog());
    }

    @Test
    void listsItsKeyBaseUrlOrganizationAndProjectThenTheTransportsSettings() {
        List<ProviderSetting> settings = new OpenAiImageProvider().settings();

        assertThat(settings).extracting(ProviderSetting::key).startsWith("api-key", "base-url", "organization", "project")
                .doesNotContain("auth-scheme").contains("proxy", "max-retries", "response-timeout");
        assertThat(settings.get(0).secret()).isTrue();
        assertThat(settings.get(1).defaultValue()).isEqualTo("https://api.openai.com");
    }

    @Test
    void sendsTheKeyAsBearerWithTheOrganizationAndProjectHeaders() {
        try (ImageGenerator generator = generator("organization", "org-123", "project", "proj_456")) {
            generator.generate(request().build());
        }

        LoggedRequest sent = onlyRequest(PATH);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.getHeader("OpenAI-Organization")).isEqualTo("org-123");
        assertThat(sent.getHeader("OpenAI-Project")).isEqualTo("proj_456");
    }

    @Test
    void sendsNoAccountHeaderThatIsNotSet() {
        try (ImageGenerator generator = generator()) {
            generator.generate(request().build());
        }

        LoggedRequest sent = onlyRequest(PATH);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.containsHeader("OpenAI-Organization")).isFalse();
        assertThat(sent.containsHeader("OpenAI-Project")).isFalse();
    }

    @Test
    void anEditCarriesTheSameHeaders() {
        try (ImageGenerator generator = generator("project", "proj_456")) {
            generator.generate(request().model("gpt-image-1").image(InputImage.of(png(4, 4, 100, 3))).build());
        }

        LoggedRequest sent = onlyRequest("/v1/images/edits");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.getHeader("OpenAI-Project")).isEqualTo("proj_456");
    }

    @Test
    void defaultsToOpenAisBaseUrlAndReadsItsOwnEnvironment() {
        ProviderConfig config = ProviderConfig.builder().systemProperties(Map.of())
                .environment(Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_ORGANIZATION", "org-env",
                        "GPTPROTO_API_KEY", "sk-other")).build();

        Settings settings = Settings.from(config, Profile.OPENAI);

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com"));
        assertThat(settings.endpoint()).isEqualTo(URI.create("https://api.openai.com/v1/images/generations"));
        assertThat(settings.editsEndpoint()).isEqualTo(URI.create("https://api.openai.com/v1/images/edits"));
        assertThat(settings.authorization()).isEqualTo("Bearer sk-env");
        assertThat(settings.headers()).containsExactly(Map.entry("OpenAI-Organization", "org-env"));
        assertThat(settings.toString()).doesNotContain("sk-env");
    }

    @Test
    void withoutAKeyNamesOpenAisVariable() {
        ProviderConfig config = ProviderConfig.builder().systemProperties(Map.of()).environment(Map.of()).build();

        Throwable thrown = catchThrowable(() -> new OpenAiImageProvider().open(config));

        assertThat(thrown).isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("No API key for openai. Set the environment variable OPENAI_API_KEY,");
    }

    @Test
    void refusesAnAccountHeaderWithAControlCharacter() {
        Throwable thrown = catchThrowable(() -> Settings.from(config(baseUrl(server), "project", "proj\r\nX-Evil: 1"),
                Profile.OPENAI));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project")
                .hasMessageEndingWith("must not contain control characters");
    }

    @Test
    void itsErrorsCarryTheOpenAiId() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"Incorrect API key provided\"}}")));

        Throwable thrown;
        try (ImageGenerator generator = generator()) {
            thrown = catchThrowable(() -> generator.generate(request().build()));
        }

        assertThat(thrown).isInstanceOf(AuthenticationException.class);
        assertThat(((ImageGenerationException) thrown).providerId()).hasValue("openai");
    }
}
