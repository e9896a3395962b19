package dev.imagegen4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MultipartTest {
    private static final byte[] FILE = {1, 2, 3, 4, 5};

    private static String written(Multipart body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesUtf8TextPartsAndFilePartsInOrderUnderItsBoundary() throws IOException {
        Multipart body = Multipart.builder().text("prompt", "a fox – café").file("image", "in.png", "image/png",
                FILE.length, () -> new ByteArrayInputStream(FILE)).build();

        String text = written(body);

        assertThat(body.contentType()).startsWith("multipart/form-data; boundary=");
        String boundary = body.contentType().substring(body.contentType().indexOf('=') + 1);
        assertThat(text).startsWith("--" + boundary).endsWith("--" + boundary + "--\r\n")
                .contains("Content-Disposition: form-data; name=\"prompt\"\r\nContent-Type: text/plain; charset=UTF-8")
                .contains("\r\n\r\na fox – café\r\n")
                .contains("Content-Disposition: form-data; name=\"image\"; filename=\"in.png\"\r\nContent-Type: image/png");
        assertThat(text.indexOf("name=\"prompt\"")).isLessThan(text.indexOf("name=\"image\""));
        assertThat(body.length()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void opensTheFileSourceAgainForEveryWriteSoThatARetrySendsTheSameBody() throws IOException {
        AtomicInteger opened = new AtomicInteger();
        Multipart body = Multipart.builder().text("seed", "42").file("image", "in.png", "image/png", FILE.length, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(FILE);
        }).build();

        String first = written(body);
        String second = written(body);

        assertThat(opened).hasValue(2);
        assertThat(second).isEqualTo(first);
        assertThat(body.post(URI.create("https://api.example/x")).body().isRepeatable()).isTrue();
    }

    @Test
    void failsTheWriteWhenAFileIsNotTheLengthItWasDeclaredWith() {
        Multipart body = Multipart.builder().file("image", "in.png", "image/png", 9,
                () -> new ByteArrayInputStream(FILE)).build();

        assertThatThrownBy(() -> written(body)).isInstanceOf(IOException.class)
                .hasMessage("part in.png has 5 bytes but was declared with 9; did its file change while it was sent?");
    }

    @Test
    void refusesANegativeLength() {
        assertThatThrownBy(() -> Multipart.builder().file("image", "in.png", "image/png", -1,
                () -> new ByteArrayInputStream(FILE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the length of part image must not be negative but was -1");
    }
}
