package dev.imagegen4j.openai;

import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.Usage;
import dev.imagegen4j.spi.ImageSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the encoders write (for the mock's server) reads back through the decoders (the providers'). */
class ImagesResponseCodecTest {
    private static final GeneratedImage FIRST = GeneratedImage.ofBytes(png(8, 4, 120, 1));
    private static final GeneratedImage SECOND = GeneratedImage.ofBytes(png(2, 2, 60, 2));
    private static final Usage USAGE = new Usage(9, new Usage.TokenDetails(9, 0), 272,
            new Usage.TokenDetails(0, 272), 281);
    private static final ImagesResponseJson.Envelope ENVELOPE = new ImagesResponseJson.Envelope(
            Instant.ofEpochSecond(1776843003), "1024x1024", "low", "opaque", "png", USAGE);

    private static ImagesResponseJson.SinkFactory inMemory() {
        return index -> ImageSink.inMemory();
    }

    @Test
    void aJsonResponseReadsBackWithItsImagesInOrderAndItsEnvelope() throws IOException {
        String json = ImagesResponseJson.toJson(List.of(FIRST, SECOND), ENVELOPE);

        ImagesResponseJson.Result result = ImagesResponseJson.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), inMemory());

        assertThat(result.images()).extracting(GeneratedImage::bytes).containsExactly(FIRST.bytes(), SECOND.bytes());
        assertThat(result.envelope()).isEqualTo(ENVELOPE);
    }

    @Test
    void writesUnsetSettingsAsNullAndLeavesOutAnUnsetTimeAndUsage() {
        String json = ImagesResponseJson.toJson(List.of(FIRST),
                new ImagesResponseJson.Envelope(null, "1360x765", null, "opaque", "png", null));

        JsonObject body = JsonParser.parseString(json).getAsJsonObject();
        assertThat(body.keySet()).containsExactlyInAnyOrder("data", "size", "quality", "background", "output_format");
        assertThat(body.get("quality").isJsonNull()).isTrue();
    }

    @Test
    void anEventStreamReadsBackAsTheSameEventsAndTheLastCompletedEnvelope() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImagesEventStream.write(out, new ImageEvent.PartialImage(0, 0, SECOND), ENVELOPE);
        ImagesEventStream.write(out, new ImageEvent.Completed(0, FIRST), ENVELOPE);
        List<ImageEvent> events = new ArrayList<>();

        ImagesResponseJson.Result result = ImagesEventStream.read(new ByteArrayInputStream(out.toByteArray()),
                events::add, inMemory());

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("event: image_generation.partial_image\ndata: {")
                .contains("\n\nevent: image_generation.completed\ndata: {").endsWith("}\n\n");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ImageEvent.PartialImage.class, partial -> {
            assertThat(partial.partialIndex()).isZero();
            assertThat(partial.image().bytes()).isEqualTo(SECOND.bytes());
        });
        assertThat(result.images()).singleElement().satisfies(image -> assertThat(image.bytes()).isEqualTo(FIRST.bytes()));
        assertThat(result.envelope()).isEqualTo(ENVELOPE);
    }

    @Test
    void anErrorEnvelopeWritesEveryMemberAndReadsBack() {
        ImagesError error = new ImagesError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key",
                null);

        String json = error.toJson();

        assertThat(json).isEqualTo("{\"error\":{\"message\":\"Incorrect API key provided.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
        assertThat(ImagesError.parse(json)).isEqualTo(error);
    }

    @Test
    void anErrorEnvelopeInsideA200IsReportedAsSuch() {
        String json = new ImagesError("The image failed.", "server_error", null, null).toJson();

        Throwable thrown = catchThrowable(() -> ImagesResponseJson.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), inMemory()));

        assertThat(thrown).isInstanceOfSatisfying(ImagesErrorException.class,
                e -> assertThat(e.error().message()).isEqualTo("The image failed."));
    }
}
