package dev.imagegen4j.openai;

import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagegen4j.openai.testing.Mutations;
import dev.imagegen4j.spi.ImageSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Responses are read as UTF-8 bytes, not characters: what that must not change. Multi-byte characters
 * split across reads arrive whole, the envelope's cap counts characters as before, and a non-ASCII
 * character in an image's base64 is still named by its code point.
 */
class ImageBytesReadingTest {
    private static final byte[] IMAGE = png(8, 8, 90, 3);

    private static ImagesResponseJson.Result read(String body, List<Integer> readSizes) throws IOException {
        return ImagesResponseJson.read(Mutations.trickle(body.getBytes(StandardCharsets.UTF_8), readSizes),
                index -> ImageSink.inMemory());
    }

    @Test
    void keepsMultiByteCharactersOfTheEnvelopeWholeWhateverTheReadSizes() throws IOException {
        String body = "{\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\"}],\"quality\":\"hőch 画 😀\"}";

        ImagesResponseJson.Result result = read(body, List.of(1, 2, 3));

        assertThat(result.envelope().quality()).isEqualTo("hőch 画 😀");
        assertThat(result.images()).singleElement().satisfies(image -> assertThat(image.bytes()).isEqualTo(IMAGE));
    }

    @Test
    void countsTheEnvelopeCapInCharactersNotBytes() throws IOException {
        // 400,000 two-byte characters: 800,000 bytes, but within the cap of 524,288 characters.
        String prompt = "é".repeat(400_000);
        String body = "{\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\",\"revised_prompt\":\"" + prompt + "\"}]}";

        ImagesResponseJson.Result result = read(body, List.of(8192));

        assertThat(result.images()).hasSize(1);
    }

    @Test
    void refusesAnEnvelopeOfMoreCharactersThanTheCap() {
        String prompt = "é".repeat(ImageExtractor.ENVELOPE_LIMIT);
        String body = "{\"data\":[{\"b64_json\":\"" + base64(IMAGE) + "\",\"revised_prompt\":\"" + prompt + "\"}]}";

        Throwable thrown = catchThrowable(() -> read(body, List.of(8192)));

        assertThat(thrown).isInstanceOf(ImagesWireException.class).hasMessage("the JSON besides the image data is "
                + "longer than 524288 characters, the cap on text in a response");
    }

    @Test
    void namesANonAsciiCharacterInTheBase64ByItsCodePoint() {
        String encoded = base64(IMAGE);
        String body = "{\"data\":[{\"b64_json\":\"" + encoded.substring(0, 20) + "é" + encoded.substring(20) + "\"}]}";

        // Reads of 43 bytes split the é: its first byte ends the first read.
        Throwable thrown = catchThrowable(() -> read(body, List.of(43)));

        assertThat(thrown).isInstanceOf(ImagesWireException.class)
                .hasMessage("the base64 image contains the character U+00E9");
    }
}
