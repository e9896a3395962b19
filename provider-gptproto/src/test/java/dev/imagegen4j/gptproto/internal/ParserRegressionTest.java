package dev.imagegen4j.gptproto.internal;

import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.base64;
import static dev.imagegen4j.gptproto.GptProtoStubs.completedEvent;
import static dev.imagegen4j.gptproto.GptProtoStubs.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.ImageSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The crashes the fuzz properties of this package found, pinned as examples. */
class ParserRegressionTest {
    private static final byte[] IMAGE = png(8, 8, 90, 1);

    private static Wire.Result readJson(String body) throws IOException {
        return Wire.readJson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                index -> ImageSink.inMemory());
    }

    private static Wire.Result readStream(String body, List<ImageEvent> events) throws IOException {
        return Wire.readStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), events::add,
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

        Wire.Result result = readStream(stream, events);

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
        Wire.Result json = readJson("{\"created\":" + created + ",\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}]}");
        Wire.Result stream = readStream(completedEvent(IMAGE).replace("\"created_at\":1776843109",
                "\"created_at\":" + created), new ArrayList<>());

        assertThat(json.envelope().created()).isNull();
        assertThat(stream.envelope().created()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1776843003", "-1", "31556889864403199"})
    void keepsEveryCreatedTimeAnInstantCanHold(String created) throws IOException {
        Wire.Result json = readJson("{\"created\":" + created + ",\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}]}");

        assertThat(json.envelope().created()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(created)));
    }

    /** Found with the previous one: the token counts of usage threw NumberFormatException the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "9223372036854775808", "-1e400"})
    void aTokenCountBeyondALongCountsAsUnreported(String tokens) throws IOException {
        Wire.Result json = readJson("{\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}],\"usage\":{\"input_tokens\":"
                + tokens + ",\"output_tokens\":5,\"total_tokens\":" + tokens + ",\"input_tokens_details\":"
                + "{\"text_tokens\":" + tokens + "}}}");

        assertThat(json.envelope().usage()).isNotNull();
        assertThat(json.envelope().usage().inputTokens()).isZero();
        assertThat(json.envelope().usage().totalTokens()).isEqualTo(5);
        assertThat(json.envelope().usage().inputDetails().textTokens()).isZero();
    }

    /**
     * Found by anErrorBodyMapsToATypedExceptionThatNeverShowsTheKey: only the whole key (or an sk- shaped
     * one) was redacted, so an echo of its start (a masked key, or a page cut short at 200 characters
     * inside the key) showed up to all but one of its characters.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"message\":\"Invalid key test-key-7f3a9c21***4b8\"}}",
            "{\"error\":{\"message\":\"Invalid key test-key***4b8\"}}",
            "{\"error\":\"test-key-7f3a9c21e4b\"}",
            "{\"message\":\"test-key-7f3a9c21\u0465\u0034b8 is not valid\"}",
            "<html><body>Unknown token xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "
                    + "test-key-7f3a9c21e4b8</body></html>"})
    void anEchoOfTheStartOfTheKeyIsRedacted(String body) {
        Errors errors = new Errors(Redactor.of(Map.of("api-key", API_KEY)));

        ImageGenerationException exception = errors.fromStatus(401, "Unauthorized", ErrorBody.parse(body), "req_1",
                null, "https://gptproto.com/v1/images/generations");

        assertThat(exception.getMessage()).doesNotContain(API_KEY.substring(0, 8)).contains("***");
    }

    /**
     * Found by probing the error-text regular expressions with long runs (the fuzz properties now generate
     * such bodies too): the key-like pattern repeated a group once per ".a", each repetition a level of
     * recursion, so an error message of a few kilobytes threw StackOverflowError out of the client.
     */
    @ParameterizedTest
    @ValueSource(ints = {2_000, 4_000, 32_000})
    void aKeyLikeRunOfAnyLengthIsRedactedWithoutOverflowingTheStack(int repetitions) {
        String message = "Invalid key sk-abcd" + ".a".repeat(repetitions) + ". Try again.";

        ImageGenerationException exception = new Errors(Redactor.of(Map.of("api-key", API_KEY))).fromStatus(401, "Unauthorized",
                ErrorBody.parse("{\"error\":{\"message\":\"" + message + "\"}}"), null, null,
                "https://gptproto.com/v1/images/generations");

        assertThat(exception.reason()).isEqualTo("Invalid key sk-***. Try again.");
    }

    /**
     * Found with the previous one: reading the text of a page that opens tags it never closes scanned to
     * its end from every '<', seconds for the 64 KiB the client reads of an error page (minutes for this
     * 256 KiB). Bounded only as a guard against that hang coming back; the reading now takes milliseconds.
     */
    @ParameterizedTest
    @CsvSource({"<, 201", "<a, 201", "<title>, 0"})
    void aPageOfUnclosedTagsIsReadWithoutScanningItOverAndOver(String tag, int shown) {
        String page = tag.repeat(256 * 1024 / tag.length());

        ErrorBody body = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ErrorBody.parse(page));

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

        Throwable thrown = catchThrowable(() -> Wire.readJson(exhausted, index -> ImageSink.inMemory()));

        assertThat(thrown).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space (simulated)");
    }
}
