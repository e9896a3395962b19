package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.PATH;
import static dev.imagegen4j.gptproto.GptProtoStubs.baseUrl;
import static dev.imagegen4j.gptproto.GptProtoStubs.config;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.json;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.settings;
import static dev.imagegen4j.gptproto.GptProtoStubs.streamFailureOf;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyNoRequests;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyRequests;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import dev.imagegen4j.gptproto.internal.Settings;
import dev.imagegen4j.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the provider sends: path, headers, the body field by field, and what it refuses to send. */
class GptProtoRequestTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    @BeforeEach
    void answerWithOneImage() {
        stub(server, fixtureResponse("response-200-n1.json"));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static List<String> sentFields() {
        return List.copyOf(JsonParser.parseString(onlyRequest().getBodyAsString()).getAsJsonObject().keySet());
    }

    @Test
    void postsToTheImagesEndpointWithTheRawKeyAndJson() {
        try (var rig = rig(server)) {
            rig.generate();
        }

        server.verify(postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo(API_KEY))
                .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void sendsBearerAuthorizationWhenTheAuthSchemeIsBearer() {
        try (var rig = rig(server, "auth-scheme", "Bearer")) {
            rig.generate();
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }

    @Test
    void rejectsAnUnknownAuthScheme() {
        Throwable thrown = catchThrowable(() -> Settings.from(config(baseUrl(server), "auth-scheme", "basic")));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting auth-scheme "
                + "(GPTPROTO_AUTH_SCHEME or -Dimagegen4j.gptproto.auth-scheme) must be raw or bearer but was 'basic'");
    }

    @Test
    void sendsTheMinimalRequestOfTheFixtureWithModelAndNothingUnset() {
        ImageRequest minimal = request().size(ImageSize.of(1024, 1024)).quality(Quality.LOW)
                .outputFormat(OutputFormat.PNG).count(1).build();

        try (var rig = rig(server)) {
            rig.generate(minimal);
        }

        server.verify(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson(fixture("request-generate.json"), false, false)));
    }

    @Test
    void sendsTheN2RequestOfTheFixture() {
        ImageRequest n2 = request().count(2).size(ImageSize.of(1024, 1024)).quality(Quality.LOW)
                .background(Background.OPAQUE).outputFormat(OutputFormat.PNG).moderation(Moderation.AUTO)
                .user("user-1234").build();
        stub(server, fixtureResponse("response-200-n2.json"));

        try (var rig = rig(server)) {
            rig.generate(n2);
        }

        server.verify(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson(fixture("request-generate-n2.json"), false, false)));
    }

    @Test
    void sendsTheStreamingRequestOfTheFixture() {
        ImageRequest streaming = request().count(1).size(ImageSize.of(1024, 1024)).quality(Quality.LOW)
                .outputFormat(OutputFormat.PNG).partialImages(2).build();
        stub(server, fixtureResponse("stream-200-2partials.sse"));

        try (var rig = rig(server)) {
            rig.stream(streaming, event -> { });
        }

        server.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Accept", equalTo("text/event-stream"))
                .withRequestBody(equalToJson(fixture("request-generate-stream.json"), false, false)));
    }

    @Test
    void sendsEveryParameterUnderItsWireName() {
        ImageRequest everything = request().model("gpt-image-1").count(3).size(ImageSize.of(1536, 1024))
                .quality(Quality.HIGH).background(Background.TRANSPARENT).moderation(Moderation.LOW)
                .outputFormat(OutputFormat.WEBP).outputCompression(80).user("user-42").build();
        stub(server, json(imagesJson(png(8, 8, 90, 1), png(8, 8, 90, 2), png(8, 8, 90, 3))));

        try (var rig = rig(server)) {
            rig.generate(everything);
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model":"gpt-image-1","prompt":"A watercolor fox in a snowy forest","n":3,"size":"1536x1024",
                 "quality":"high","background":"transparent","moderation":"low","output_format":"webp",
                 "output_compression":80,"user":"user-42"}
                """, false, false)));
    }

    @Test
    void sendsTheExtrasOfAnUnlistedModelAsTheyAre() {
        ImageRequest extras = request().model("seedream-4-0").extra("gptproto", "guidance_scale", 7.5)
                .extra("gptproto", "style", "vivid").extra("gptproto", "watermark", false).build();

        try (var rig = rig(server)) {
            rig.generate(extras);
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model":"seedream-4-0","prompt":"A watercolor fox in a snowy forest","guidance_scale":7.5,
                 "style":"vivid","watermark":false}
                """, false, false)));
    }

    @Test
    void sendsTheAspectRatioOfAnUnlistedModelAsItsSize() {
        try (var rig = rig(server)) {
            rig.generate(request().model("flux-kontext-pro").size(ImageSize.parse("16:9")).build());
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model":"flux-kontext-pro","prompt":"A watercolor fox in a snowy forest","size":"16:9"}
                """, false, false)));
    }

    @Test
    void sendsNothingForAnAspectRatioAGptImageModelDoesNotTake() {
        InvalidRequestException thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowableOfType(InvalidRequestException.class,
                    () -> rig.generate(request().model("gpt-image-1").size(ImageSize.parse("16:9")).build()));
        }

        assertThat(thrown.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("size", "size.ratio_not_accepted"));
        assertThat(thrown.violations().get(0).message()).isEqualTo("size 16:9 is not accepted by model gpt-image-1, "
                + "which has no size of that shape; use one of auto, 1024x1024, 1536x1024, 1024x1536");
        verifyNoRequests(server);
    }

    @Test
    void sendsTheNearestSizeForAnAspectRatioInLenientModeAndSaysSo() {
        ImageResponse response;
        try (var generator = ImageGenerator.builder(new GptProtoImageProvider()).config(config(baseUrl(server)))
                .lenient(true).build()) {
            response = generator.generate(request().model("gpt-image-1").size(ImageSize.parse("16:9")).build());
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model":"gpt-image-1","prompt":"A watercolor fox in a snowy forest","size":"1536x1024"}
                """, false, false)));
        assertThat(response.warnings()).extracting(Warning::setting, Warning::code)
                .containsExactly(tuple("size", "size.mapped"));
    }

    @Test
    void sendsNothingForAnExtraThatAListedModelDoesNotDeclare() {
        InvalidRequestException thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowableOfType(InvalidRequestException.class,
                    () -> rig.generate(request().model("gpt-image-1").extra("gptproto", "style", "vivid").build()));
        }

        assertThat(thrown.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("extras.gptproto.style", "extras.not_supported"));
        assertThat(thrown.violations().get(0).message()).isEqualTo("extras.gptproto.style is not a setting of model gpt-image-1; its gptproto settings are: input_fidelity");
        verifyNoRequests(server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "size", "n", "stream", "prompt"})
    void refusesAnExtraThatWouldOverrideAParameterAndSendsNothing(String name) {
        ImageRequest sneaky = request().model("seedream-4-0").extra("gptproto", name, "4096x4096").build();

        InvalidRequestException thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowableOfType(InvalidRequestException.class, () -> rig.generate(sneaky));
        }

        assertThat(thrown.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("extras.gptproto." + name, "extras.reserved"));
        assertThat(thrown.violations().get(0).message()).isEqualTo("extras.gptproto." + name
                + " is a request parameter; set it on the request itself, where it is validated");
        verifyNoRequests(server);
    }

    @Test
    void sendsStreamAndPartialImagesWhenStreaming() {
        stub(server, fixtureResponse("stream-200-2partials.sse"));

        try (var rig = rig(server)) {
            rig.stream(request().model("gpt-image-2").partialImages(3).build(), event -> { });
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model":"gpt-image-2","prompt":"A watercolor fox in a snowy forest","stream":true,"partial_images":3}
                """, false, false)));
    }

    @Test
    void sendsOnlyModelAndPromptWhenNothingElseIsSet() {
        try (var rig = rig(server)) {
            rig.generate(request().build());
        }

        assertThat(sentFields()).containsExactly("model", "prompt");
        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"model\":\"gpt-image-1\",\"prompt\":\"A watercolor fox in a snowy forest\"}", false, false)));
    }

    @Test
    void sendsTheRequestedModelAndAutoValuesAsGiven() {
        try (var rig = rig(server)) {
            rig.generate(request().model("gpt-image-2").size(ImageSize.AUTO).quality(Quality.AUTO)
                    .outputFormat(OutputFormat.AUTO).background(Background.AUTO).build());
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model":"gpt-image-2","prompt":"A watercolor fox in a snowy forest","size":"auto","quality":"auto",
                 "output_format":"auto","background":"auto"}
                """, false, false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/"})
    void acceptsABaseUrlWithOrWithoutATrailingSlash(String suffix) {
        try (var rig = rig(baseUrl(server) + suffix)) {
            rig.generate();
        }

        verifyRequests(server, 1);
    }

    @Test
    void keepsThePathOfABaseUrlBeforeTheEndpoint() {
        stub(server, fixtureResponse("response-200-n1.json"));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/proxy" + PATH))
                .willReturn(fixtureResponse("response-200-n1.json")));

        try (var rig = rig(baseUrl(server) + "/proxy/")) {
            rig.generate();
        }

        server.verify(1, postRequestedFor(urlEqualTo("/proxy/v1/images/generations")));
    }

    @Test
    void failsWithoutAKeyBeforeAnyRequest() {
        ProviderConfig noKey = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .baseUrl(URI.create(baseUrl(server))).build();

        Throwable thrown = catchThrowable(() -> ImageGenerator.create(new GptProtoImageProvider(), noKey));

        assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessage("No API key for gptproto. "
                + "Set the environment variable GPTPROTO_API_KEY, the system property imagegen4j.gptproto.api-key, "
                + "or ProviderConfig.builder().apiKey(...) (provider gptproto)");
        verifyNoRequests(server);
    }

    @Test
    void treatsABlankKeyAsMissing() {
        ProviderConfig blankKey = settings(baseUrl(server)).apiKey("   ").build();

        Throwable thrown = catchThrowable(() -> ImageGenerator.create(new GptProtoImageProvider(), blankKey));

        assertThat(thrown).isInstanceOf(AuthenticationException.class);
        verifyNoRequests(server);
    }

    @Test
    void readsTheKeyAndBaseUrlFromTheEnvironmentVariables() {
        ProviderConfig fromEnvironment = ProviderConfig.builder().systemProperties(Map.of())
                .environment(Map.of("GPTPROTO_API_KEY", "env-key-1", "GPTPROTO_BASE_URL", baseUrl(server))).build();

        try (var generator = ImageGenerator.create(new GptProtoImageProvider(), fromEnvironment)) {
            generator.generate(request().build());
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("env-key-1")));
    }

    @Test
    void readsTheKeyFromTheSystemProperty() {
        ProviderConfig fromProperties = ProviderConfig.builder().environment(Map.of("GPTPROTO_API_KEY", "env-key"))
                .systemProperties(Map.of("imagegen4j.gptproto.api-key", "property-key",
                        "imagegen4j.gptproto.base-url", baseUrl(server))).build();

        try (var generator = ImageGenerator.create(new GptProtoImageProvider(), fromProperties)) {
            generator.generate(request().build());
        }

        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("property-key")));
    }

    @Test
    void defaultsSuitImageGeneration() {
        ProviderConfig keyOnly = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey(API_KEY).build();

        Settings settings = Settings.from(keyOnly);

        assertThat(settings).isEqualTo(new Settings(dev.imagegen4j.gptproto.internal.Profile.GPTPROTO, URI.create("https://gptproto.com"), API_KEY, false, Map.of(),
                new HttpSettings("gptproto", null, Duration.ofSeconds(30), Duration.ofMinutes(10), 2,
                        Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(2), false, 512L * 1024 * 1024,
                        16, false)));
        assertThat(settings.toString()).doesNotContain(API_KEY).contains("apiKey=***");
    }

    @Test
    void defaultsToTheVendorsHttpsBaseUrl() {
        ProviderConfig keyOnly = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey(API_KEY).build();

        Settings settings = Settings.from(keyOnly);

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://gptproto.com/v1/images/generations"));
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() {
        Throwable thrown = catchThrowable(() -> ImageGenerator.create(new GptProtoImageProvider(), config("http://gptproto.com")));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("gptproto setting base-url "
                + "(GPTPROTO_BASE_URL or -Dimagegen4j.gptproto.base-url) uses plain http to gptproto.com, which would "
                + "send secrets in clear; use https, a loopback address, or set the gptproto setting "
                + "allow-insecure-http (GPTPROTO_ALLOW_INSECURE_HTTP or -Dimagegen4j.gptproto.allow-insecure-http) "
                + "to true");
        verifyNoRequests(server);
    }

    @Test
    void allowsPlainHttpToAnyHostWhenTheUserSaysSo() {
        Settings settings = Settings.from(config("http://images.internal:8080", "allow-insecure-http", "true"));

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://images.internal:8080/v1/images/generations"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:8080", "http://127.1.2.3", "http://[::1]:8080"})
    void allowsPlainHttpToLoopback(String baseUrl) {
        Settings settings = Settings.from(config(baseUrl));

        assertThat(settings.baseUrl()).isEqualTo(URI.create(baseUrl));
    }

    @Test
    void doesNotTrustANameThatMerelyStartsLikeLoopback() {
        Throwable thrown = catchThrowable(() -> Settings.from(config("http://127.0.0.1.evil.example")));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }

    @Test
    void sendsNothingForARequestTheModelRefuses() {
        ImageRequest tooLarge = request().size(ImageSize.of(2048, 2048)).build();

        InvalidRequestException thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowableOfType(InvalidRequestException.class, () -> rig.generate(tooLarge));
        }

        assertThat(thrown.violations()).extracting(Violation::field).containsExactly("size");
        assertThat(thrown.param()).contains("size");
        assertThat(thrown.httpStatus()).isEmpty();
        verifyNoRequests(server);
    }

    @Test
    void sendsNothingForARequestThatBreaksSeveralRulesAndReportsThemAll() {
        ImageRequest broken = request().count(11).outputCompression(50).outputFormat(OutputFormat.PNG)
                .partialImages(2).build();

        InvalidRequestException thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowableOfType(InvalidRequestException.class, () -> rig.generate(broken));
        }

        assertThat(thrown.violations()).extracting(Violation::field)
                .containsExactly("count", "outputCompression", "partialImages");
        verifyNoRequests(server);
    }

    /** Found by CoreFuzzTest: a blank model made the catalog throw IllegalArgumentException out of generate(). */
    @Test
    void sendsNothingForABlankModelAndSaysSo() {
        InvalidRequestException thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowableOfType(InvalidRequestException.class, () -> rig.generate(request().model(" ").build()));
        }

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("model.blank");
        assertThat(thrown.providerId()).contains("gptproto");
        verifyNoRequests(server);
    }

    @Test
    void sendsNothingWhenStreamingARequestTheModelRefuses() {
        ImageRequest tooManyPartials = request().partialImages(4).build();

        Throwable thrown = streamFailureOf(server, tooManyPartials);

        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        verifyNoRequests(server);
    }
}
