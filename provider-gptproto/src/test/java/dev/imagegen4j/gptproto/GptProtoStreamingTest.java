package dev.imagegen4j.gptproto;

import static dev.imagegen4j.gptproto.GptProtoStubs.REQUEST_ID;
import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.completedEvent;
import static dev.imagegen4j.openai.testing.WireBodies.event;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureEventImage;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureRequestId;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.openai.testing.WireBodies.partialEvent;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.sse;
import static dev.imagegen4j.gptproto.GptProtoStubs.streamFailureOf;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.Usage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code stream: true}: server-sent events in their variants, their errors, and delivery as they arrive. */
class GptProtoStreamingTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    private static final String FIXTURE = fixture("stream-200-2partials.sse");
    private static final ImageRequest TWO_PARTIALS = request().partialImages(2).build();

    private record Streamed(ImageResponse response, List<ImageEvent> events) {
    }

    private static Streamed stream(ResponseDefinitionBuilder response, ImageRequest request) {
        stub(server, response);
        List<ImageEvent> events = new ArrayList<>();
        try (var rig = rig(server)) {
            return new Streamed(rig.stream(request, events::add), events);
        }
    }

    private static Streamed stream(String body) {
        return stream(sse(body), TWO_PARTIALS);
    }

    private static Throwable failure(String body) {
        stub(server, sse(body));
        return streamFailureOf(server, TWO_PARTIALS);
    }

    /** Asserts the events and response the fixture describes, whatever framing carried it. */
    private static void assertFixtureParsed(Streamed streamed) {
        assertThat(streamed.events()).hasSize(3);
        assertThat(streamed.events().get(0)).isInstanceOfSatisfying(ImageEvent.PartialImage.class, partial -> {
            assertThat(partial.imageIndex()).isZero();
            assertThat(partial.partialIndex()).isZero();
            assertThat(partial.image().bytes()).isEqualTo(fixtureEventImage(0));
        });
        assertThat(streamed.events().get(1)).isInstanceOfSatisfying(ImageEvent.PartialImage.class, partial -> {
            assertThat(partial.imageIndex()).isZero();
            assertThat(partial.partialIndex()).isEqualTo(1);
            assertThat(partial.image().bytes()).isEqualTo(fixtureEventImage(1));
        });
        assertThat(streamed.events().get(2)).isInstanceOfSatisfying(ImageEvent.Completed.class, completed -> {
            assertThat(completed.imageIndex()).isZero();
            assertThat(completed.image().bytes()).isEqualTo(fixtureEventImage(2));
        });
        assertThat(streamed.response().images()).singleElement()
                .satisfies(image -> assertThat(image.bytes()).isEqualTo(fixtureEventImage(2)));
        assertThat(streamed.response().usage()).isEqualTo(new Usage(9, new Usage.TokenDetails(9, 0), 472,
                Usage.TokenDetails.NONE, 481));
    }

    @Test
    void deliversThePartialsAndTheFinalImageOfTheFixtureInOrder() {
        Streamed streamed = stream(fixtureResponse("stream-200-2partials.sse"), TWO_PARTIALS);

        assertFixtureParsed(streamed);
        ImageResponse response = streamed.response();
        assertThat(response.image().size()).isEqualTo(ImageSize.of(8, 8));
        assertThat(response.created()).isEqualTo(Instant.ofEpochSecond(1776843109));
        assertThat(response.size()).isEqualTo("1024x1024");
        assertThat(response.quality()).isEqualTo("low");
        assertThat(response.background()).isEqualTo("opaque");
        assertThat(response.outputFormat()).isEqualTo("png");
        assertThat(response.requestId()).isEqualTo(fixtureRequestId("stream-200-2partials.sse"));
        assertThat(response.model()).isEqualTo("gpt-image-1");
    }

    @Test
    void handsTheSameImageToTheListenerAndTheResponse() {
        Streamed streamed = stream(FIXTURE);

        assertThat(((ImageEvent.Completed) streamed.events().get(2)).image()).isSameAs(streamed.response().image());
    }

    static Stream<Arguments> framings() {
        String[] events = FIXTURE.split("\n\n");
        String completedData = events[2].substring(events[2].indexOf("data: ") + "data: ".length());
        int base64Middle = completedData.indexOf("b64_json") + 40;
        return Stream.of(
                Arguments.of("a [DONE] sentinel", FIXTURE + "data: [DONE]\n\n"),
                Arguments.of("[DONE] without a blank line", FIXTURE + "data: [DONE]"),
                Arguments.of("comments", ": keep-alive\n\n" + events[0] + "\n: ping\n\n" + events[1] + "\n\n:\n"
                        + events[2] + "\n\n: bye\n"),
                Arguments.of("id and retry fields", "id: 1\nretry: 3000\n" + events[0] + "\n\nid: 2\n" + events[1]
                        + "\n\n" + events[2] + "\nid: 3\n\n"),
                Arguments.of("CRLF line endings", FIXTURE.replace("\n", "\r\n")),
                Arguments.of("CR line endings", FIXTURE.replace("\n", "\r")),
                Arguments.of("mixed line endings", events[0].replace("\n", "\r\n") + "\r\n\r\n" + events[1]
                        .replace("\n", "\r") + "\r\r" + events[2] + "\n\n"),
                Arguments.of("no space after the colon",
                        FIXTURE.replace("data: ", "data:").replace("event: ", "event:")),
                Arguments.of("no event lines", FIXTURE.replaceAll("event: [^\\n]*\\n", "")),
                Arguments.of("an event name that disagrees with the type", FIXTURE.replace(
                        "event: image_generation.completed", "event: message")),
                Arguments.of("data split over lines between members", events[0] + "\n\n" + events[1] + "\n\n"
                        + "event: image_generation.completed\ndata: "
                        + completedData.replace(",\"created_at\"", "\ndata: ,\"created_at\"")
                                .replace(",\"usage\"", "\ndata:  ,\"usage\"") + "\n\n"),
                Arguments.of("data split over lines inside the base64", events[0] + "\n\n" + events[1] + "\n\n"
                        + "event: image_generation.completed\ndata: " + completedData.substring(0, base64Middle)
                        + "\ndata: " + completedData.substring(base64Middle) + "\n\n"),
                Arguments.of("unknown event types", event("image_generation.progress",
                        "{\"type\":\"image_generation.progress\",\"percent\":10}") + events[0] + "\n\n" + events[1]
                        + "\n\n" + event("keepalive", "{}") + events[2] + "\n\n"),
                Arguments.of("events without data", "event: ping\n\n" + FIXTURE + "event: done\n\n"),
                Arguments.of("no blank line at the end", FIXTURE.stripTrailing()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void readsTheEventsWhateverTheFraming(String variant, String body) {
        Streamed streamed = stream(body);

        assertFixtureParsed(streamed);
    }

    @Test
    void collectsOneImagePerCompletedEvent() {
        byte[] first = png(32, 32, 500, 1);
        byte[] second = png(32, 32, 600, 2);
        byte[] preview = png(16, 16, 300, 3);
        String body = partialEvent(preview, 0) + completedEvent(first) + partialEvent(preview, 0)
                + completedEvent(second);

        Streamed streamed = stream(sse(body), request().count(2).partialImages(1).build());

        assertThat(streamed.response().images()).extracting(GeneratedImage::bytes).containsExactly(first, second);
        assertThat(streamed.events()).extracting(event -> event.getClass().getSimpleName() + " " + (event instanceof ImageEvent.PartialImage partial
                        ? partial.imageIndex() : ((ImageEvent.Completed) event).imageIndex()))
                .containsExactly("PartialImage 0", "Completed 0", "PartialImage 1", "Completed 1");
        assertThat(streamed.events()).filteredOn(ImageEvent.Completed.class::isInstance)
                .extracting(event -> ((ImageEvent.Completed) event).image()).containsExactlyElementsOf(streamed.response().images());
    }

    @Test
    void countsPartialsWithoutAnIndexPerImage() {
        byte[] preview = png(16, 16, 300, 3);
        String partial = event("image_generation.partial_image",
                "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" + base64(preview) + "\"}");
        String body = partial + partial + completedEvent(png(32, 32, 500, 1)) + partial + completedEvent(
                png(32, 32, 500, 2));

        Streamed streamed = stream(sse(body), request().count(2).partialImages(2).build());

        assertThat(streamed.events()).filteredOn(ImageEvent.PartialImage.class::isInstance)
                .extracting(event -> ((ImageEvent.PartialImage) event).partialIndex()).containsExactly(0, 1, 0);
    }

    @Test
    void failsWhenTheStreamEndsWithoutACompletedImage() {
        String partialsOnly = FIXTURE.substring(0, FIXTURE.indexOf("event: image_generation.completed"));

        Throwable thrown = failure(partialsOnly);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: the event "
                + "stream ended without an image_generation.completed event (provider gptproto, request "
                + REQUEST_ID + ")");
        verifyRequests(server, 1);
    }

    @Test
    void failsOnAnEmptyStream() {
        Throwable thrown = failure("");

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("the event stream ended without an image_generation.completed event");
    }

    @Test
    void failsOnAStreamOfOnlyDone() {
        Throwable thrown = failure("data: [DONE]\n\n");

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("the event stream ended without an image_generation.completed event");
    }

    @Test
    void failsWhenTheStreamIsCutInsideAnImage() {
        String cut = FIXTURE.substring(0, FIXTURE.lastIndexOf("b64_json") + 30);

        Throwable thrown = failure(cut);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: "
                + "the body ends inside the base64 of image 0 (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void failsOnAnEventThatIsNotJson() {
        Throwable thrown = failure(event("image_generation.completed", "{\"type\":\"image_generation.completed\","));

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessageStartingWith("Unreadable response: "
                + "the response is not valid JSON");
    }

    @Test
    void failsOnAPartialThatIsNoImage() {
        Throwable thrown = failure(event("image_generation.partial_image",
                "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" + base64(new byte[40])
                        + "\",\"partial_image_index\":0}") + FIXTURE);

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("image 0 is unreadable: the bytes are not a PNG, JPEG or WebP image");
    }

    static Stream<Arguments> errorEvents() {
        return Stream.of(
                Arguments.of("event: error with an error object", event("error", "{\"error\":{\"message\":\"Your "
                        + "request was rejected by the safety system.\",\"type\":\"image_generation_user_error\","
                        + "\"code\":\"moderation_blocked\"}}"), ContentPolicyException.class),
                Arguments.of("type error with a top-level message and code", event("error", "{\"type\":\"error\","
                        + "\"code\":\"content_policy_violation\",\"message\":\"Rejected by our safety system.\"}"),
                        ContentPolicyException.class),
                Arguments.of("type error without an event line", "data: {\"type\":\"error\",\"code\":"
                        + "\"rate_limit_exceeded\",\"message\":\"Too many images.\"}\n\n", RateLimitException.class),
                Arguments.of("an error object in a typed event", event("image_generation.completed",
                        "{\"type\":\"image_generation.completed\",\"error\":{\"message\":\"Invalid size\","
                                + "\"type\":\"invalid_request_error\",\"param\":\"size\"}}"),
                        InvalidRequestException.class),
                Arguments.of("an error string", "data: {\"error\":\"upstream timed out\"}\n\n",
                        ProviderUnavailableException.class),
                Arguments.of("event: error with a bare message", event("error", "{\"message\":\"upstream failed\"}"),
                        ProviderUnavailableException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorEvents")
    void failsWithTheTypedExceptionOfAnErrorEvent(String variant, String errorEvent,
                                                  Class<? extends ImageGenerationException> type) {
        String[] events = FIXTURE.split("\n\n");

        Throwable thrown = failure(events[0] + "\n\n" + errorEvent + events[1] + "\n\n" + events[2] + "\n\n");

        assertThat(thrown).isExactlyInstanceOf(type);
        assertThat(((ImageGenerationException) thrown).requestId()).contains(REQUEST_ID);
        verifyRequests(server, 1);
    }

    @Test
    void showsTheMessageOfAnErrorEvent() {
        Throwable thrown = failure(event("error", "{\"type\":\"error\",\"code\":\"moderation_blocked\","
                + "\"message\":\"Your request was rejected by the safety system.\"}"));

        assertThat(thrown).hasMessage("Your request was rejected by the safety system. (provider gptproto, "
                + "code moderation_blocked, request " + REQUEST_ID + ")");
        assertThat(thrown).isInstanceOf(ContentPolicyException.class);
    }

    @Test
    void stillDeliversThePartialsThatCameBeforeAnError() {
        String[] events = FIXTURE.split("\n\n");
        stub(server, sse(events[0] + "\n\n" + event("error", "{\"type\":\"error\",\"message\":\"boom\"}")));
        List<ImageEvent> seen = new ArrayList<>();

        Throwable thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowable(() -> rig.stream(TWO_PARTIALS, seen::add));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(seen).singleElement().isInstanceOf(ImageEvent.PartialImage.class);
    }

    @Test
    void letsAListenersExceptionThroughUnchangedAndDoesNotRetry() {
        stub(server, sse(FIXTURE));
        IllegalStateException stop = new IllegalStateException("enough");

        Throwable thrown;
        List<?> delays;
        try (var rig = rig(server)) {
            thrown = catchThrowable(() -> rig.stream(TWO_PARTIALS, event -> {
                throw stop;
            }));
            delays = rig.delays;
        }

        assertThat(thrown).isSameAs(stop);
        assertThat(delays).isEmpty();
        verifyRequests(server, 1);
    }

    @Test
    void handsEachPartialToTheListenerBeforeTheStreamEnds() {
        byte[] preview = png(16, 16, 300, 5);
        byte[] last = png(32, 32, 400, 6);
        CountDownLatch partialReceived = new CountDownLatch(1);
        AtomicBoolean receivedWhileStreamOpen = new AtomicBoolean();
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response;
        try (var held = new GptProtoStubs.LoopbackServer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(partialEvent(preview, 0).getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                // The stream stays open until the client shows it has the partial; the bound only keeps a
                // client that waits for the end from hanging the build (it then fails the assertion below).
                receivedWhileStreamOpen.set(partialReceived.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(completedEvent(last).getBytes(StandardCharsets.UTF_8));
            out.close();
        }); var rig = rig(held.baseUrl())) {
            response = rig.stream(request().partialImages(1).build(), event -> {
                events.add(event);
                if (event instanceof ImageEvent.PartialImage) {
                    partialReceived.countDown();
                }
            });
        }

        assertThat(receivedWhileStreamOpen).isTrue();
        assertThat(events).hasSize(2);
        assertThat(((ImageEvent.PartialImage) events.get(0)).image().bytes()).isEqualTo(preview);
        assertThat(response.image().bytes()).isEqualTo(last);
    }

    @Test
    void failsWithTheErrorOfAJsonBodyWhenAStreamWasAskedFor() {
        stub(server, GptProtoStubs.json(fixture("error-400-moderation-blocked.json")));

        Throwable thrown = streamFailureOf(server, TWO_PARTIALS);

        assertThat(thrown).isInstanceOf(ContentPolicyException.class);
    }
}
