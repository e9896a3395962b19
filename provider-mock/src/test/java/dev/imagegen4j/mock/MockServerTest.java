package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MockServerTest {
    private static final String SMALL_REQUEST =
            "{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"size\":\"1024x1024\",\"quality\":\"low\"}";
    /** One SSE event as the contract frames it: an event line, a one-line data line, a blank line. */
    private static final Pattern SSE_EVENT = Pattern.compile("event: ([^\\n]+)\\ndata: ([^\\n]*)\\n\\n");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<MockServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(MockServer::close);
    }

    private MockServer start(ProviderConfig config) {
        MockServer server = MockServer.start(0, config);
        servers.add(server);
        return server;
    }

    private MockServer start() {
        return start(TestImages.emptyConfig());
    }

    private static ProviderConfig.Builder settings() {
        return ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of());
    }

    private static HttpRequest.Builder post(MockServer server, String body) {
        return HttpRequest.newBuilder(server.baseUrl().resolve(MockServer.PATH))
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    private static JsonObject error(HttpResponse<String> response) {
        JsonObject envelope = json(response.body());
        assertThat(envelope.keySet()).containsExactly("error");
        JsonObject error = envelope.getAsJsonObject("error");
        assertThat(error.keySet()).containsExactlyInAnyOrder("message", "type", "param", "code");
        return error;
    }

    private static String stringOrNull(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value.isJsonNull() ? null : value.getAsString();
    }

    /** What a body or event reports it used: size, quality, background and output format. */
    private static List<String> effectiveSettings(JsonObject json) {
        return Stream.of("size", "quality", "background", "output_format").map(key -> stringOrNull(json, key))
                .toList();
    }

    private static BufferedImage decodeBase64(JsonObject json) {
        return decode(Base64.getDecoder().decode(json.get("b64_json").getAsString()));
    }

    // ---- success ----

    @Test
    void answersWithTheDocumentedJsonShape() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, SMALL_REQUEST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id ->
                assertThat(id).matches("req_[0-9a-f]{32}"));
        JsonObject body = json(response.body());
        assertThat(body.keySet()).containsExactlyInAnyOrder("created", "data", "size", "quality", "background",
                "output_format", "usage");
        assertThat(body.get("created").getAsLong()).isPositive();
        assertThat(body.getAsJsonArray("data")).hasSize(1);
        JsonObject image = body.getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(image.keySet()).containsExactly("b64_json");
        BufferedImage decoded = decodeBase64(image);
        assertThat(decoded.getWidth()).isEqualTo(1024);
        assertThat(decoded.getHeight()).isEqualTo(1024);
        assertThat(effectiveSettings(body)).containsExactly("1024x1024", "low", "opaque", "png");
        // "a red fox": 9 code points, 3 input tokens; low quality, one megapixel: 272 output tokens.
        assertThat(body.getAsJsonObject("usage")).isEqualTo(json("{\"input_tokens\":3,"
                + "\"input_tokens_details\":{\"image_tokens\":0,\"text_tokens\":3},\"output_tokens\":272,"
                + "\"output_tokens_details\":{\"image_tokens\":272,\"text_tokens\":0},\"total_tokens\":275}"));
    }

    @Test
    void servesTheImagesTheMockGeneratorMakes() throws Exception {
        MockServer server = start();
        ImageRequest same = ImageRequest.builder("a red fox").model("gpt-image-2").size(ImageSize.of(1024, 640))
                .quality(Quality.LOW).count(2).build();
        List<byte[]> expected;
        try (ImageGenerator generator = TestImages.newGenerator()) {
            expected = generator.generate(same).images().stream().map(GeneratedImage::bytes).toList();
        }

        HttpResponse<String> response = send(post(server, "{\"model\":\"gpt-image-2\",\"prompt\":\"a red fox\","
                + "\"size\":\"1024x640\",\"quality\":\"low\",\"n\":2}"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<byte[]> served = new ArrayList<>();
        json(response.body()).getAsJsonArray("data").forEach(item ->
                served.add(Base64.getDecoder().decode(item.getAsJsonObject().get("b64_json").getAsString())));
        assertThat(served).hasSize(2);
        assertThat(served.get(0)).isEqualTo(expected.get(0));
        assertThat(served.get(1)).isEqualTo(expected.get(1));
    }

    @Test
    void reportsTheEffectiveSettingsOfAnAutoRequest() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, "{\"prompt\":\"a red fox\",\"size\":\"auto\","
                + "\"quality\":\"auto\",\"background\":\"auto\",\"output_format\":\"jpeg\"}"));

        JsonObject body = json(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(effectiveSettings(body)).containsExactly("1024x1024", "medium", "opaque", "jpeg");
        assertThat(Base64.getDecoder().decode(body.getAsJsonArray("data").get(0).getAsJsonObject()
                .get("b64_json").getAsString())).startsWith(0xFF, 0xD8, 0xFF);
    }

    @Test
    void servesAnAspectRatioSizeOfTheMockRatioModelWithoutUsage() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, "{\"model\":\"mock-ratio\",\"prompt\":\"a red fox\","
                + "\"size\":\"16:9\",\"n\":2}"));

        JsonObject body = json(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.keySet()).containsExactlyInAnyOrder("created", "data", "size", "background",
                "output_format", "quality");
        // mock-ratio takes no quality, so none is reported.
        assertThat(effectiveSettings(body)).containsExactly("1360x765", null, "opaque", "png");
        assertThat(body.getAsJsonArray("data")).hasSize(2);
        BufferedImage decoded = decodeBase64(body.getAsJsonArray("data").get(1).getAsJsonObject());
        assertThat(decoded.getWidth()).isEqualTo(1360);
        assertThat(decoded.getHeight()).isEqualTo(765);
    }

    // ---- streaming ----

    @Test
    void streamsPartialImagesThenTheCompletedImageAsServerSentEvents() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, "{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\","
                + "\"size\":\"1024x1024\",\"quality\":\"low\",\"stream\":true,\"partial_images\":2}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        List<JsonObject> events = parseEvents(response.body());
        assertThat(events).extracting(event -> event.get("type").getAsString()).containsExactly(
                "image_generation.partial_image", "image_generation.partial_image", "image_generation.completed");
        for (int i = 0; i < 2; i++) {
            JsonObject partial = events.get(i);
            assertThat(partial.keySet()).containsExactlyInAnyOrder("type", "b64_json", "created_at", "size",
                    "quality", "background", "output_format", "partial_image_index");
            assertThat(partial.get("partial_image_index").getAsInt()).isEqualTo(i);
        }
        JsonObject completed = events.get(2);
        assertThat(completed.keySet()).containsExactlyInAnyOrder("type", "b64_json", "created_at", "size",
                "quality", "background", "output_format", "usage");
        // 272 for the image and 100 for each of the two partial images: the contract's own example.
        assertThat(completed.getAsJsonObject("usage").get("output_tokens").getAsLong()).isEqualTo(472);
        assertThat(completed.getAsJsonObject("usage").get("input_tokens").getAsLong()).isEqualTo(3);
        assertThat(completed.getAsJsonObject("usage").get("total_tokens").getAsLong()).isEqualTo(475);
        for (JsonObject event : events) {
            assertThat(effectiveSettings(event)).containsExactly("1024x1024", "low", "opaque", "png");
            assertThat(event.get("created_at").getAsLong()).isPositive();
            BufferedImage decoded = decodeBase64(event);
            assertThat(decoded.getWidth()).isEqualTo(1024);
            assertThat(decoded.getHeight()).isEqualTo(1024);
        }
    }

    @Test
    void streamsOneCompletedEventPerImage() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, "{\"model\":\"gpt-image-2\",\"prompt\":\"a red fox\","
                + "\"size\":\"1024x640\",\"quality\":\"low\",\"n\":2,\"stream\":true,\"partial_images\":1}"));

        List<JsonObject> events = parseEvents(response.body());
        assertThat(events).extracting(event -> event.get("type").getAsString()).containsExactly(
                "image_generation.partial_image", "image_generation.completed",
                "image_generation.partial_image", "image_generation.completed");
        assertThat(events.get(1).get("b64_json")).isNotEqualTo(events.get(3).get("b64_json"));
    }

    /**
     * Splits an SSE body into its events' JSON, failing unless the whole body is events framed
     * exactly as the contract shows, each {@code event:} name repeating the JSON {@code type}.
     */
    private static List<JsonObject> parseEvents(String body) {
        assertThat(body).as("the whole body is framed events").matches("(" + SSE_EVENT.pattern() + ")+");
        List<JsonObject> events = new ArrayList<>();
        Matcher matcher = SSE_EVENT.matcher(body);
        while (matcher.find()) {
            JsonObject data = json(matcher.group(2));
            assertThat(matcher.group(1)).isEqualTo(data.get("type").getAsString());
            events.add(data);
        }
        return events;
    }

    @Test
    void refusesAnInvalidStreamingRequestWithAJsonErrorRatherThanAStream() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, "{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\","
                + "\"size\":\"2048x2048\",\"stream\":true}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(stringOrNull(error(response), "param")).isEqualTo("size");
    }

    // ---- authentication ----

    @Test
    void refusesARequestWithoutAnAuthorizationHeader() throws Exception {
        MockServer server = start();
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve(MockServer.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SMALL_REQUEST))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonObject error = error(response);
        assertThat(error.get("message").getAsString())
                .isEqualTo("You didn't provide an API key. Send it in the Authorization header.");
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isJsonNull()).isTrue();
        assertThat(error.get("code").isJsonNull()).isTrue();
    }

    @Test
    void refusesAWrongKeyWithoutEchoingIt() throws Exception {
        MockServer server = start(settings().apiKey("sk-right-one").build());
        String wrongKey = "sk-wrong-0123456789abcdef";

        HttpResponse<String> response = send(post(server, SMALL_REQUEST)
                .setHeader("Authorization", "Bearer " + wrongKey));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject error = error(response);
        assertThat(error.get("message").getAsString()).isEqualTo("Incorrect API key provided.");
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(stringOrNull(error, "code")).isEqualTo("invalid_api_key");
        assertThat(response.body()).doesNotContain(wrongKey).doesNotContain("0123456789abcdef");
        assertThat(response.headers().map().toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void acceptsTheConfiguredKey() throws Exception {
        MockServer server = start(settings().apiKey("sk-right-one").build());

        HttpResponse<String> response = send(post(server, SMALL_REQUEST)
                .setHeader("Authorization", "Bearer sk-right-one"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    // ---- invalid requests ----

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{not json", null, "invalid_json",
                        "We could not parse the JSON body of your request. The body must be a JSON object."),
                Arguments.of("[\"a red fox\"]", null, "invalid_json",
                        "We could not parse the JSON body of your request. The body must be a JSON object."),
                Arguments.of("{\"prompt\":\"a red fox\",\"colour\":\"red\"}", "colour", "unknown_parameter",
                        "Invalid request fields: unknown parameter 'colour'"),
                Arguments.of("{\"prompt\":\"a red fox\",\"n\":\"two\"}", "n", "invalid_type",
                        "Invalid request fields: n must be an integer but is a string"),
                Arguments.of("{\"prompt\":\"a red fox\",\"n\":1.5}", "n", "invalid_type",
                        "Invalid request fields: n must be an integer but is a number"),
                Arguments.of("{\"prompt\":\"a red fox\",\"stream\":\"yes\"}", "stream", "invalid_type",
                        "Invalid request fields: stream must be a boolean but is a string"),
                Arguments.of("{\"prompt\":[\"a red fox\"]}", "prompt", "invalid_type",
                        "Invalid request fields: prompt must be a string but is an array"),
                Arguments.of("{\"model\":\"gpt-image-1\"}", "prompt", "missing_required_parameter",
                        "Invalid request fields: prompt is required"),
                Arguments.of("{\"prompt\":\"a red fox\",\"quality\":\"ultra\"}", "quality", "invalid_value",
                        "Invalid request fields: quality must be one of auto, low, medium, high but was 'ultra'"),
                Arguments.of("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"size\":\"2048x2048\"}", "size",
                        "invalid_value", "Invalid request for model gpt-image-1: size 2048x2048 is not accepted by "
                                + "model gpt-image-1; use one of auto, 1024x1024, 1536x1024, 1024x1536"),
                Arguments.of("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"partial_images\":2}",
                        "partial_images", "invalid_value", "Invalid request for model gpt-image-1: partialImages applies "
                                + "only when streaming; stream the request or leave it unset"),
                Arguments.of("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"n\":11}", "n", "invalid_value",
                        "Invalid request for model gpt-image-1: count must be between 1 and 10 on model gpt-image-1 "
                                + "but was 11"),
                Arguments.of("{\"model\":\"mock-ratio\",\"prompt\":\"a red fox\",\"size\":\"5:3\"}", "size",
                        "invalid_value", "Invalid request for model mock-ratio: size 5:3 is not accepted by model "
                                + "mock-ratio; use one of auto, 1:1, 16:9, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21"),
                Arguments.of("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"seed\":7}", "seed",
                        "invalid_value", "Invalid request for model gpt-image-1: seed is not supported by model "
                                + "gpt-image-1; it takes prompt, count, size, quality, background, outputFormat, "
                                + "outputCompression, moderation, partialImages, user, images, mask, extras"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void refusesAnInvalidBodyWith400NamingTheParam(String body, String param, String code, String message)
            throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonObject error = error(response);
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(stringOrNull(error, "param")).isEqualTo(param);
        assertThat(stringOrNull(error, "code")).isEqualTo(code);
        assertThat(error.get("message").getAsString()).isEqualTo(message);
    }

    @Test
    void refusesGetWith405() throws Exception {
        MockServer server = start();
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve(MockServer.PATH))
                .header("Authorization", "Bearer sk-test").GET().build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
        assertThat(error(response).get("message").getAsString())
                .isEqualTo("Only POST is allowed on /v1/images/generations.");
    }

    @Test
    void answersOtherPathsWith404() throws Exception {
        MockServer server = start();
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve("/v1/images/variations"))
                .header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString(SMALL_REQUEST)).build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonObject error = error(response);
        assertThat(error.get("message").getAsString()).isEqualTo("Unknown request URL: POST /v1/images/variations.");
        assertThat(stringOrNull(error, "code")).isEqualTo("unknown_url");
    }

    // ---- faults ----

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("rate_limit", 429, "requests", "rate_limit_exceeded",
                        "Rate limit reached for images per minute. Please try again later."),
                Arguments.of("content_policy", 400, "image_generation_user_error", "moderation_blocked",
                        "Your request was rejected by the safety system."),
                Arguments.of("authentication", 401, "invalid_request_error", "invalid_api_key",
                        "Incorrect API key provided."),
                Arguments.of("insufficient_balance", 403, "insufficient_balance", "insufficient_user_quota",
                        "Insufficient balance for the requested operation."),
                Arguments.of("server_error", 500, "server_error", null,
                        "The server had an error while processing your request."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void answersAnInjectedFaultWithItsStatusTypeAndCode(String fault, int status, String type, String code,
                                                      String message) throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, fault));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonObject error = error(response);
        assertThat(error.get("type").getAsString()).isEqualTo(type);
        assertThat(stringOrNull(error, "code")).isEqualTo(code);
        assertThat(error.get("message").getAsString()).isEqualTo(message);
        assertThat(error.get("param").isJsonNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void answersAnInjectedFaultOnAStreamingRequestBeforeAnyEvent(String fault, int status, String type)
            throws Exception {
        MockServer server = start();
        String body = "{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"stream\":true,\"partial_images\":1}";

        HttpResponse<String> response = send(post(server, body).header(MockServer.FAULT_HEADER, fault));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(error(response).get("type").getAsString()).isEqualTo(type);
    }

    @Test
    void sendsRetryAfterHeadersWithARateLimit() throws Exception {
        MockServer server = start();
        server.behavior().retryAfter(Duration.ofMillis(2500));

        HttpResponse<String> response = send(post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, "rate_limit"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("3");
        assertThat(response.headers().firstValue("retry-after-ms")).contains("2500");
    }

    @Test
    void appliesTheFaultHeaderToThatRequestOnly() throws Exception {
        MockServer server = start();

        int faulted = send(post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, "server_error")).statusCode();
        int next = send(post(server, SMALL_REQUEST)).statusCode();

        assertThat(faulted).isEqualTo(500);
        assertThat(next).isEqualTo(200);
    }

    @Test
    void refusesAnUnknownFaultHeader() throws Exception {
        MockServer server = start();

        HttpResponse<String> response = send(post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, "meteor"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").getAsString()).isEqualTo("X-Mock-Fault: fault must be one of "
                + "rate_limit, content_policy, authentication, insufficient_balance, server_error, timeout "
                + "but was 'meteor'");
    }

    @Test
    void answersFaultsScriptedThroughTheBehavior() throws Exception {
        MockServer server = start();
        server.behavior().failNext(MockFault.INSUFFICIENT_BALANCE);

        int first = send(post(server, SMALL_REQUEST)).statusCode();
        int second = send(post(server, SMALL_REQUEST)).statusCode();

        assertThat(first).isEqualTo(403);
        assertThat(second).isEqualTo(200);
    }

    @Test
    void answersFaultsConfiguredThroughSettings() throws Exception {
        MockServer server = start(settings().set("fault", "rate_limit").set("fault-count", "1")
                .set("retry-after", "2s").build());

        HttpResponse<String> first = send(post(server, SMALL_REQUEST));
        HttpResponse<String> second = send(post(server, SMALL_REQUEST));

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after")).contains("2");
        assertThat(first.headers().firstValue("retry-after-ms")).contains("2000");
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void holdsTheConnectionWithoutAnswerForAnInjectedTimeout() {
        // The server holds the request for its timeout setting; keep it short so its thread ends soon.
        MockServer server = start(settings().set("timeout", "2s").build());
        HttpRequest request = post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, "timeout")
                .timeout(Duration.ofMillis(300)).build();

        Throwable thrown = catchThrowable(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));

        assertThat(thrown).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void answers504OnceAnInjectedTimeoutHasHeldTheRequestForItsTimeout() throws Exception {
        MockServer server = start(settings().set("timeout", "200ms").build());
        long started = System.nanoTime();

        HttpResponse<String> response = send(post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, "timeout"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(200),
                MockServer.TIMEOUT_HOLD);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(error(response).get("message").getAsString()).isEqualTo("No response within 200 ms (injected timeout)");
        assertThat(error(response).get("code").getAsString()).isEqualTo("timeout");
    }

    @Test
    void holdsAnInjectedTimeoutNoLongerThanTheDocumentedHold() throws Exception {
        MockServer server = start(settings().set("timeout", "10m").build());
        HttpRequest request = post(server, SMALL_REQUEST).header(MockServer.FAULT_HEADER, "timeout")
                .timeout(MockServer.TIMEOUT_HOLD.plusSeconds(5)).build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(error(response).get("message").getAsString()).isEqualTo("No response within 3 s (injected timeout)");
    }

    @Test
    void acceptsSeedAndDrawsWhatTheInProcessMockDrawsForTheSameSeed() throws Exception {
        MockServer server = start();
        String body = "{\"model\":\"mock-ratio\",\"prompt\":\"a red fox\",\"size\":\"1:1\"}";
        ImageRequest request = ImageRequest.builder("a red fox").model("mock-ratio").size(ImageSize.ratio(1, 1))
                .seed(7L).build();
        byte[] inProcess;
        try (ImageGenerator generator = ImageGenerator.create(new MockImageProvider(), TestImages.emptyConfig())) {
            inProcess = generator.generate(request).image().bytes();
        }

        HttpResponse<String> seeded = send(post(server, body.replace("}", ",\"seed\":7}")));
        HttpResponse<String> unseeded = send(post(server, body));

        assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);
        byte[] served = Base64.getDecoder().decode(json(seeded.body()).getAsJsonArray("data").get(0).getAsJsonObject()
                .get("b64_json").getAsString());
        byte[] plain = Base64.getDecoder().decode(json(unseeded.body()).getAsJsonArray("data").get(0).getAsJsonObject()
                .get("b64_json").getAsString());
        assertThat(served).isEqualTo(inProcess).isNotEqualTo(plain);
    }

    // ---- lifecycle ----

    @Test
    void listensOnTheLoopbackAddress() {
        MockServer server = start();

        URI baseUrl = server.baseUrl();

        assertThat(baseUrl.getScheme()).isEqualTo("http");
        assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
        assertThat(baseUrl.getPort()).isEqualTo(server.port()).isPositive();
        assertThat(baseUrl.getPath()).isEmpty();
    }

    @Test
    void stopsAnsweringAfterClose() throws Exception {
        MockServer server = start();
        HttpRequest request = post(server, SMALL_REQUEST).build();
        int before = send(post(server, SMALL_REQUEST)).statusCode();

        server.close();
        // A new client, so that no pooled connection from before is reused.
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Throwable thrown = catchThrowable(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()));

        assertThat(before).isEqualTo(200);
        assertThat(thrown).isInstanceOf(ConnectException.class);
    }
}
