package dev.imagegen4j.openai;

import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.completedEvent;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.spi.ImageSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The crashes the fuzz properties of the wire found, pinned as examples. */
class ImagesWireRegressionTest {
    private static final byte[] IMAGE = png(8, 8, 90, 1);

    private static ImagesResponseJson.Result readJson(String body) throws IOException {
        return ImagesResponseJson.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                index -> ImageSink.inMemory());
    }

    private static ImagesResponseJson.Result readStream(String body, List<ImageEvent> events) throws IOException {
        return ImagesEventStream.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), events::add,
                index -> ImageSink.inMemory());
    }

    /**
     * Found by anEventStreamIsAResultOrAMalformedBodyOrAnEmbeddedError: {@code getAsInt()} on the index threw
     * NumberFormatException ("x", numbers beyond an int), UnsupportedOperationException (an array) or
     * IllegalStateException (an object) out of the client. Now an index that is not one is replaced by the count.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"x\"", "{}", "[]", "[1,2]", "true", "null", "1e999999", "-1", "2147483648",
            "9223372036854775808"})
    void aPartialImageIndexThatIsNoIndexIsReplacedByTheCount(String index) throws IOException {
        String stream = "event: image_generation.partial_image\ndata: {\"type\":\"image_generation.partial_image\","
                + "\"b64_json\":\"" + base64(IMAGE) + "\",\"partial_image_index\":" + index + "}\n\n"
                + completedEvent(IMAGE);
        List<ImageEvent> events = new ArrayList<>();

        ImagesResponseJson.Result result = readStream(stream, events);

        assertThat(result.images()).hasSize(1);
        assertThat(events.get(0)).isInstanceOfSatisfying(ImageEvent.PartialImage.class,
                partial -> assertThat(partial.partialIndex()).isZero());
    }

    /**
     * Found by aJsonBodyIsAResultOrAMalformedBodyOrAnEmbeddedError: {@code getAsLong()} threw
     * NumberFormatException on 1e999999 (Gson refuses such exponents), and {@code Instant.ofEpochSecond}
     * DateTimeException on times beyond an Instant. A time nothing can hold is now left out, as a missing one is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-1e999999", "9223372036854775807", "-9223372036854775808",
            "31556889864403200", "1e400", "-1e400", "9223372036854775808"})
    void aCreatedTimeNoInstantCanHoldIsLeftOut(String created) throws IOException {
        ImagesResponseJson.Result json = readJson("{\"created\":" + created + ",\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}]}");
        ImagesResponseJson.Result stream = readStream(completedEvent(IMAGE).replace("\"created_at\":1776843109",
                "\"created_at\":" + created), new ArrayList<>());

        assertThat(json.envelope().created()).isNull();
        assertThat(stream.envelope().created()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1776843003", "-1", "31556889864403199"})
    void keepsEveryCreatedTimeAnInstantCanHold(String created) throws IOException {
        ImagesResponseJson.Result json = readJson("{\"created\":" + created + ",\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}]}");

        assertThat(json.envelope().created()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(created)));
    }

    /** Found with the previous one: the token counts of usage threw NumberFormatException the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "9223372036854775808", "-1e400"})
    void aTokenCountBeyondALongCountsAsUnreported(String tokens) throws IOException {
        ImagesResponseJson.Result json = readJson("{\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}],\"usage\":{\"input_tokens\":"
                + tokens + ",\"output_tokens\":5,\"total_tokens\":" + tokens + ",\"input_tokens_details\":"
                + "{\"text_tokens\":" + tokens + "}}}");

        assertThat(json.envelope().usage()).isNotNull();
        assertThat(json.envelope().usage().inputTokens()).isZero();
        assertThat(json.envelope().usage().totalTokens()).isEqualTo(5);
        assertThat(json.envelope().usage().inputDetails().textTokens()).isZero();
    }

    /**
     * Found while probing the error-text regular expressions with long runs: reading the text of a page that opens tags it never closes scanned to
     * its end from every '<', seconds for the 64 KiB the client reads of an error page (minutes for this
     * 256 KiB). Bounded only as a guard against that hang coming back; the reading now takes milliseconds.
     */
    @ParameterizedTest
    @CsvSource({"<, 201", "<a, 201", "<title>, 0"})
    void aPageOfUnclosedTagsIsReadWithoutScanningItOverAndOver(String tag, int shown) {
        String page = tag.repeat(256 * 1024 / tag.length());

        ImagesError body = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ImagesError.parse(page));

        // Cut to 200 characters and an ellipsis; a page of nothing but tags has no text at all.
        assertThat(body.message() == null ? 0 : body.message().length()).isEqualTo(shown);
    }

    /**
     * Found by the benchmarks' heap bisection: Gson wraps an OutOfMemoryError in a JsonParseException,
     * and the reader reported running out of heap as "the response is not valid JSON".
     */
    @Test
    void runningOutOfHeapIsNotReportedAsAMalformedResponse() {
        InputStream exhausted = new InputStream() {
            @Override
            public int read() {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };

        Throwable thrown = catchThrowable(() -> ImagesResponseJson.read(exhausted, index -> ImageSink.inMemory()));

        assertThat(thrown).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space (simulated)");
    }
}
