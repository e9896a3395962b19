package dev.imagegen4j.openai;

import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.spi.ImageSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses answering with {@code data[].url} (flux, Seedream), and base64 behind a {@code data:} header (-plus models). */
class ImagesResponseUrlAndDataTest {
    private static final byte[] PNG = png(8, 4, 300, 7);

    private static ImagesResponseJson.Result read(String json) throws IOException {
        return ImagesResponseJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                index -> ImageSink.inMemory());
    }

    @Test
    void readsTheUrlsOfAUrlResponseInOrder() throws IOException {
        ImagesResponseJson.Result result = read("{\"created\":1751972704,\"data\":[{\"revised_prompt\":\"cat\","
                + "\"url\":\"https://delivery-eu1.bfl.ai/results/1/sample.png?se=2025&sig=KVG%3D\"},"
                + "{\"url\":\"https://delivery-eu1.bfl.ai/results/2/sample.png\"}]}");

        assertThat(result.images()).isEmpty();
        assertThat(result.urls()).containsExactly(
                URI.create("https://delivery-eu1.bfl.ai/results/1/sample.png?se=2025&sig=KVG%3D"),
                URI.create("https://delivery-eu1.bfl.ai/results/2/sample.png"));
    }

    @Test
    void theUrlEncoderWritesWhatTheDecoderReads() throws IOException {
        List<URI> urls = List.of(URI.create("http://127.0.0.1:9/files/a.png"), URI.create("http://127.0.0.1:9/files/b.png"));

        ImagesResponseJson.Result result = read(ImagesResponseJson.toUrlJson(urls,
                new ImagesResponseJson.Envelope(null, "16:9", null, null, "png", null)));

        assertThat(result.urls()).isEqualTo(urls);
        assertThat(result.envelope().size()).isEqualTo("16:9");
    }

    @Test
    void refusesAResponseMixingBase64AndUrls() {
        Throwable thrown = catchThrowable(() -> read("{\"data\":[{\"b64_json\":\"" + base64(PNG) + "\"},"
                + "{\"url\":\"https://cdn.example/1.png\"}]}"));

        assertThat(thrown).isInstanceOf(ImagesWireException.class)
                .hasMessage("the response mixes images given as b64_json and as url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "/relative/path.png", "mailto:someone"})
    void refusesAnUnreadableUrlWithoutShowingIt(String url) {
        Throwable thrown = catchThrowable(() -> read("{\"data\":[{\"url\":\"" + url + "\"}]}"));

        assertThat(thrown).isInstanceOf(ImagesWireException.class).hasMessage("image 0 has an unreadable url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64,", "data:image/png;base64\\u002c", "data:image\\/png;base64,",
            "data:;base64,"})
    void decodesBase64BehindADataUrlHeader(String header) throws IOException {
        ImagesResponseJson.Result result = read("{\"data\":[{\"b64_json\":\"" + header + base64(PNG) + "\"}]}");

        assertThat(result.images()).extracting(GeneratedImage::bytes).containsExactly(PNG);
    }

    @Test
    void refusesADataUrlThatIsNotBase64() {
        Throwable thrown = catchThrowable(() -> read("{\"data\":[{\"b64_json\":\"data:image/png,rawbytes\"}]}"));

        assertThat(thrown).isInstanceOf(ImagesWireException.class)
                .hasMessage("the image is a data: URL that is not base64");
    }

    @Test
    void refusesAnImageThatEndsInsideItsDataHeader() {
        Throwable thrown = catchThrowable(() -> read("{\"data\":[{\"b64_json\":\"data:image/png\"}]}"));

        assertThat(thrown).isInstanceOf(ImagesWireException.class).hasMessage("the image ends inside its data: header");
    }
}
