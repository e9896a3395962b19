package dev.imagegen4j.gptproto.internal;

import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.gptproto.GptProtoStubs;
import dev.imagegen4j.openai.testing.FuzzBodies;
import dev.imagegen4j.testing.Fuzzing;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzing of the whole client over loopback HTTP: any status, content type, framing and (broken)
 * body ends in a response or an {@link ImageGenerationException} subtype, never another exception;
 * no message shows the key; no connection stays leased. One pooled client serves every try, as in
 * an application. Fewer tries than the parser properties, each being a real exchange.
 */
@AddLifecycleHook(Fuzzing.class)
class ClientFuzzTest {
    /** How a response is framed on the wire. */
    enum Framing { CONTENT_LENGTH, CHUNKED, CUT_SHORT, NO_BODY }

    /** One response of the stub server. */
    record Served(int status, @Nullable String contentType, Framing framing, @Nullable String retryAfter,
                  String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType + " " + framing + " retry-after=" + retryAfter + " body="
                    + (body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body);
        }
    }

    private static volatile Served current;
    private static GptProtoStubs.LoopbackServer server;
    private static GptProtoClient client;
    private static ImageGenerator generator;
    private static final List<Duration> DELAYS = new CopyOnWriteArrayList<>();

    @BeforeContainer
    static void start() {
        server = new GptProtoStubs.LoopbackServer(ClientFuzzTest::serve);
        generator = ImageGenerator.create(GptProtoStubs.provider(DELAYS::add, Clock.systemUTC(), opened -> client = opened),
                GptProtoStubs.config(server.baseUrl(), "max-retries", "1", "response-timeout", "5s",
                        "max-response-mib", "1"));
    }

    @AfterContainer
    static void stop() {
        if (generator != null) {
            generator.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void serve(HttpExchange exchange) throws IOException {
        Served response = current;
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            if (response.retryAfter() != null) {
                exchange.getResponseHeaders().set("retry-after", response.retryAfter());
            }
            exchange.getResponseHeaders().set("x-request-id", "req_fuzz");
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = response.framing() == Framing.NO_BODY || response.status() == 204
                    || response.status() == 304;
            exchange.sendResponseHeaders(response.status(), noBody ? -1
                    : response.framing() == Framing.CHUNKED ? 0
                    : response.framing() == Framing.CUT_SHORT ? body.length + 1_000 : Math.max(body.length, 1));
            if (!noBody) {
                OutputStream out = exchange.getResponseBody();
                out.write(body.length == 0 && response.framing() == Framing.CONTENT_LENGTH ? new byte[] {' '} : body);
                out.flush();
            }
        } catch (IOException e) {
            // A cut-short body ends with the server noticing it wrote too little: that is the point.
        }
    }

    @Property(tries = 300)
    @Fuzzing.Timeout(20)
    void everyResponseEndsInAResultOrATypedException(@ForAll("responses") Served response, @ForAll boolean stream) {
        current = response;
        ImageRequest request = ImageRequest.builder("fuzz").build();

        try {
            ImageResponse result = stream ? generator.stream(request, event -> { }) : generator.generate(request);
            assertThat(result.images()).isNotEmpty();
        } catch (ImageGenerationException e) {
            assertThat(e.getMessage()).doesNotContain(API_KEY.substring(0, 12));
            assertThat(e.providerId()).hasValue(Errors.PROVIDER);
        }

        assertThat(client.poolStats().getLeased()).isZero();
    }

    @Provide
    Arbitrary<Served> responses() {
        Arbitrary<Integer> statuses = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(200)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(400, 401, 403, 404, 408, 429, 500, 502, 503, 504)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(201, 204, 206, 301, 302, 304, 418, 451, 599)));
        Arbitrary<String> contentTypes = Arbitraries.of("application/json", "text/event-stream; charset=utf-8",
                "text/html", "application/json; charset=iso-8859-1", "text/event-stream", "").injectNull(0.1);
        Arbitrary<String> bodies = Arbitraries.oneOf(
                FuzzBodies.json(fixture("response-200-n1.json"), fixture("response-200-n2.json"),
                        fixture("error-400-moderation-blocked.json"), fixture("error-429-rate-limit.json")),
                FuzzBodies.eventStream(fixture("stream-200-2partials.sse")),
                FuzzBodies.errorBody(API_KEY, fixture("error-500-server-error.json")));
        Arbitrary<String> retryAfters = Arbitraries.of("0", "1", "-1", "soon", "1e400", "Tue, 24 Nov 2026 12:00:30 GMT",
                "99999").injectNull(0.6);
        return Combinators.combine(statuses, contentTypes, Arbitraries.of(Framing.class), retryAfters, bodies)
                .as(Served::new);
    }
}
