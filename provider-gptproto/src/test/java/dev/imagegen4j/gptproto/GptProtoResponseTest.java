package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.REQUEST_ID;
import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.gptproto.GptProtoStubs.failureOf;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureImage;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureRequestId;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.generateOnce;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.gptproto.GptProtoStubs.json;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.Usage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the provider makes of a 200: images, usage, effective settings, and the bodies it must refuse. */
class GptProtoResponseTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    @Test
    void parsesTheOneImageFixture() {
        stub(server, fixtureResponse("response-200-n1.json"));

        ImageResponse response = generateOnce(server);

        assertThat(response.providerId()).isEqualTo("gptproto");
        assertThat(response.model()).isEqualTo("gpt-image-1");
        assertThat(response.images()).hasSize(1);
        GeneratedImage image = response.image();
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.size()).isEqualTo(ImageSize.of(8, 8));
        assertThat(image.bytes()).isEqualTo(fixtureImage("response-200-n1.json", 0));
        assertThat(image.file()).isNull();
        assertThat(response.created()).isEqualTo(Instant.ofEpochSecond(1776843003));
        assertThat(response.size()).isEqualTo("1024x1024");
        assertThat(response.quality()).isEqualTo("low");
        assertThat(response.background()).isEqualTo("opaque");
        assertThat(response.outputFormat()).isEqualTo("png");
        assertThat(response.usage()).isEqualTo(new Usage(9, new Usage.TokenDetails(9, 0), 272,
                new Usage.TokenDetails(0, 272), 281));
        assertThat(response.requestId()).isEqualTo(fixtureRequestId("response-200-n1.json"));
        assertThat(response.warnings()).isEmpty();
    }

    @Test
    void parsesTheTwoImageFixtureInOrder() {
        stub(server, fixtureResponse("response-200-n2.json"));

        ImageResponse response = generateOnce(server, request().count(2).build());

        assertThat(response.images()).extracting(GeneratedImage::bytes).containsExactly(
                fixtureImage("response-200-n2.json", 0), fixtureImage("response-200-n2.json", 1));
        assertThat(response.images()).extracting(GeneratedImage::size)
                .containsExactly(ImageSize.of(8, 8), ImageSize.of(8, 8));
        assertThat(response.usage().outputTokens()).isEqualTo(544);
        assertThat(response.usage().totalTokens()).isEqualTo(553);
        assertThat(response.requestId()).isEqualTo("req_0000000000000000000000005eed0001");
    }

    @Test
    void ignoresUnknownFieldsAndKeepsUnknownEnumValues() {
        String image = base64(fixtureImage("response-200-n1.json", 0));
        stub(server, json("""
                {"created":1776843003,"id":"img_1","data":[{"b64_json":"%s","revised_prompt":"a fox",
                 "extra":{"nested":[1,2,{"b64_json":null}]}}],"size":"2048x1152","quality":"auto",
                 "background":"checkered","output_format":"avif","future":[true,null,"x"],
                 "usage":{"input_tokens":3,"output_tokens":5,"total_tokens":8,"cost":{"usd":0.01}}}
                """.formatted(image)));

        ImageResponse response = generateOnce(server);

        assertThat(response.images()).hasSize(1);
        assertThat(response.size()).isEqualTo("2048x1152");
        assertThat(response.quality()).isEqualTo("auto");
        assertThat(response.background()).isEqualTo("checkered");
        assertThat(response.outputFormat()).isEqualTo("avif");
        assertThat(response.usage()).isEqualTo(new Usage(3, Usage.TokenDetails.NONE, 5, Usage.TokenDetails.NONE, 8));
    }

    @Test
    void needsNothingButData() {
        stub(server, json("{\"data\":[{\"b64_json\":\"" + base64(fixtureImage("response-200-n1.json", 0)) + "\"}]}"));

        ImageResponse response = generateOnce(server);

        assertThat(response.images()).hasSize(1);
        assertThat(response.usage()).isNull();
        assertThat(response.created()).isNull();
        assertThat(response.size()).isNull();
        assertThat(response.quality()).isNull();
        assertThat(response.background()).isNull();
        assertThat(response.outputFormat()).isNull();
    }

    @Test
    void leavesTheRequestIdNullWhenTheServerSendsNone() {
        stub(server, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(imagesJson(fixtureImage("response-200-n1.json", 0))));

        ImageResponse response = generateOnce(server);

        assertThat(response.requestId()).isNull();
    }

    @Test
    void decodesBase64WithJsonEscapes() {
        byte[] image = png(16, 16, 3000, 7);
        String escaped = base64(image).replace("/", "\\/").replace("+", "\\u002b").replace("=", "\\u003d");
        stub(server, json("{\"data\":[{\"b64_json\":\"" + escaped + "\"}]}"));

        ImageResponse response = generateOnce(server);

        assertThat(escaped).contains("\\/", "\\u002b");
        assertThat(response.image().bytes()).isEqualTo(image);
    }

    @Test
    void decodesBase64WrappedInLinesAndTheUrlSafeAlphabet() {
        byte[] image = png(16, 16, 3001, 8);
        String wrapped = Base64.getMimeEncoder().encodeToString(image).replace("\r\n", "\\n");
        String urlSafe = Base64.getUrlEncoder().encodeToString(image);
        stub(server, json("{\"data\":[{\"b64_json\":\"" + wrapped + "\"},{\"b64_json\":\"" + urlSafe + "\"}]}"));

        ImageResponse response = generateOnce(server, request().count(2).build());

        assertThat(response.images()).extracting(GeneratedImage::bytes).containsExactly(image, image);
    }

    static Stream<Arguments> offsets() {
        // Shifting the image by a few characters moves every reader-buffer boundary to another place in
        // the base64, including into the middle of a \/ escape.
        return Stream.of(0, 1, 2, 3, 4097).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("offsets")
    void decodesALargeImageWhoseBase64CrossesEveryReadBuffer(int offset) {
        byte[] image = png(2048, 2048, 1_500_000 + offset, offset);
        String escaped = base64(image).replace("/", "\\/");
        stub(server, json("{\"pad\":\"" + "x".repeat(offset) + "\",\"data\":[{\"b64_json\":\"" + escaped
                + "\"}],\"size\":\"2048x2048\"}"));

        ImageResponse response = generateOnce(server);

        assertThat(response.image().byteCount()).isEqualTo(image.length);
        assertThat(response.image().bytes()).isEqualTo(image);
        assertThat(response.image().size()).isEqualTo(ImageSize.of(2048, 2048));
        assertThat(response.size()).isEqualTo("2048x2048");
    }

    @Test
    void refusesMalformedJson() {
        stub(server, json("{\"created\":1776843003,\"data\":[{\"b64_json\":\""
                + base64(fixtureImage("response-200-n1.json", 0)) + "\"}],,}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the response is not valid JSON (provider gptproto, request " + REQUEST_ID + ")");
        verifyRequests(server, 1);
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        stub(server, json("[1,2,3]"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the response is JSON but not an object (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void refusesABodyThatEndsInTheMiddleOfTheJson() {
        stub(server, json("{\"created\":1776843003,\"data\":[{\"b64_json\":\""
                + base64(fixtureImage("response-200-n1.json", 0)) + "\"}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the response is not valid JSON (it ends too early) (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void refusesABodyThatEndsInTheMiddleOfTheBase64() {
        String complete = base64(png(64, 64, 20_000, 3));
        stub(server, json("{\"data\":[{\"b64_json\":\"" + complete.substring(0, complete.length() / 2)));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the body ends inside the base64 of image 0 (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void refusesABodyShorterThanItsContentLength() {
        byte[] image = png(64, 64, 200_000, 4);
        byte[] body = imagesJson(image).getBytes(StandardCharsets.UTF_8);
        try (var cut = new GptProtoStubs.LoopbackServer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-request-id", REQUEST_ID);
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            // The JDK server finds bytes missing and drops the connection: the point of the test.
            exchange.close();
        }); var rig = rig(cut.baseUrl())) {
            Throwable thrown = catchThrowable(rig::generate);

            assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                    .hasMessageStartingWith("The connection failed while reading the response: Premature end of "
                            + "Content-Length delimited message body")
                    .hasMessageEndingWith("(provider gptproto, request " + REQUEST_ID + ")");
            assertThat(rig.delays).isEmpty();
        }
    }

    @Test
    void refusesAMalformedChunkWithoutRetrying() {
        stub(server, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageStartingWith("The connection failed while reading the response: ");
        verifyRequests(server, 1);
    }

    @Test
    void refusesAResponseWithoutData() {
        stub(server, json("{\"created\":1776843003,\"usage\":{\"total_tokens\":3}}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the response has no images in 'data' (provider gptproto, request " + REQUEST_ID + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "{}", "\"images\""})
    void refusesDataThatHoldsNoImages(String data) {
        stub(server, json("{\"created\":1776843003,\"data\":" + data + "}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("the response has no images in 'data'");
    }

    @Test
    void refusesAnImageGivenNeitherAsBase64NorAsAUrl() {
        stub(server, json("{\"created\":1776843003,\"data\":[{\"revised_prompt\":\"a fox\"}]}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "image 0 has neither b64_json nor url (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void refusesAnImageWhoseB64JsonIsNotAString() {
        stub(server, json("{\"data\":[{\"b64_json\":null}]}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "image 0 has no b64_json (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void refusesBytesThatAreNoImage() {
        stub(server, json("{\"data\":[{\"b64_json\":\"" + base64("hello, world".getBytes(StandardCharsets.UTF_8))
                + "\"}]}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "image 0 is unreadable: the bytes are not a PNG, JPEG or WebP image (they start with "
                + "68 65 6c 6c 6f 2c 20 77) (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void refusesTextThatIsNotBase64() {
        stub(server, json("{\"data\":[{\"b64_json\":\"iVBORw0K GgoAAAANSUhEUg==\"}]}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the base64 image contains the character U+0020 (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void mapsAnErrorEnvelopeInA200ToItsException() {
        stub(server, json("""
                {"error":{"message":"Your request was rejected by the safety system.",
                 "type":"image_generation_user_error","param":null,"code":"moderation_blocked"}}
                """));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ContentPolicyException.class).hasMessage("Your request was rejected by "
                + "the safety system. (provider gptproto, code moderation_blocked, request " + REQUEST_ID + ")");
        verifyRequests(server, 1);
    }

    @Test
    void mapsABalanceErrorInA200ToPermissionDenied() {
        stub(server, json("{\"error\":{\"message\":\"用户额度不足\",\"type\":\"new_api_error\","
                + "\"code\":\"insufficient_user_quota\"}}"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(PermissionDeniedException.class)
                .hasMessage("用户额度不足 (provider gptproto, code insufficient_user_quota, request "
                        + REQUEST_ID + ")");
    }

    @Test
    void handsTheImagesToAStreamListenerWhenAGatewayIgnoresStream() {
        stub(server, fixtureResponse("response-200-n2.json"));
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.stream(request().count(2).build(), events::add);
        }

        assertThat(response.images()).hasSize(2);
        assertThat(events).hasSize(2).allMatch(event -> event instanceof ImageEvent.Completed);
        assertThat(events).extracting(event -> ((ImageEvent.Completed) event).imageIndex()).containsExactly(0, 1);
    }
}
