package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.decode;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.InputImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mock server's {@code /v1/images/edits} (multipart) and its url-answering models with their files. */
class MockServerEditsAndUrlsTest {
    private static final String BOUNDARY = "mock-boundary-7";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private MockServer server;

    @BeforeEach
    void start() {
        server = MockServer.start(0, TestImages.emptyConfig());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(InputImage image) {
        try (InputStream in = image.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A form of {@code fields}, then each file as {@code name=bytes}. */
    private static byte[] form(Map<String, String> fields, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        files.forEach((name, bytes) -> {
            String partName = name.replaceAll("#\\d+$", "");
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + partName
                    + "\"; filename=\"in.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> edit(byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.baseUrl().resolve(MockServer.EDITS_PATH))
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> generate(String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.baseUrl().resolve(MockServer.PATH))
                .header("Authorization", "Bearer sk-test").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static BufferedImage firstImage(HttpResponse<String> response) {
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        return decode(Base64.getDecoder().decode(body.getAsJsonArray("data").get(0).getAsJsonObject()
                .get("b64_json").getAsString()));
    }

    @Test
    void anEditAnswersWithAnImageOfTheInputImagesSize() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("image", bytes(TestImages.opaquePng(96, 64, 0x336699)));
        files.put("mask", bytes(TestImages.maskPng(96, 64, 48)));

        HttpResponse<String> response = edit(form(Map.of("model", "gpt-image-1", "prompt", "add a red hat",
                "input_fidelity", "high"), files));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        BufferedImage image = firstImage(response);
        assertThat(image.getWidth()).isEqualTo(96);
        assertThat(image.getHeight()).isEqualTo(64);
    }

    @Test
    void severalImagesArriveAsImageArrayParts() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("image[]#1", bytes(TestImages.opaquePng(40, 30, 0xFF0000)));
        files.put("image[]#2", bytes(TestImages.opaquePng(20, 20, 0x0000FF)));

        HttpResponse<String> response = edit(form(Map.of("model", "gpt-image-2", "prompt", "merge", "n", "2"), files));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("data")).hasSize(2);
        assertThat(firstImage(response).getWidth()).isEqualTo(40);
    }

    @Test
    void aMaskOfAnotherSizeIsA400NamingTheMask() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("image", bytes(TestImages.opaquePng(96, 64, 0x336699)));
        files.put("mask", bytes(TestImages.maskPng(64, 64, 10)));

        HttpResponse<String> response = edit(form(Map.of("model", "gpt-image-1", "prompt", "hat"), files));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
        assertThat(error.get("param").getAsString()).isEqualTo("mask");
    }

    @Test
    void anEditWithoutAnImageOrWithoutAFormIsA400() throws Exception {
        HttpResponse<String> noImage = edit(form(Map.of("prompt", "hat"), Map.of()));
        HttpResponse<String> notAForm = client.send(HttpRequest.newBuilder(server.baseUrl().resolve(MockServer.EDITS_PATH))
                .header("Authorization", "Bearer sk-test").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(noImage.body()).contains("image is required.");
        assertThat(notAForm.statusCode()).isEqualTo(400);
        assertThat(notAForm.body()).contains("must be multipart/form-data");
    }

    @Test
    void fluxAnswersWithUrlsWhoseFilesTheServerServesWithoutAKey() throws Exception {
        HttpResponse<String> response = generate("{\"model\":\"flux-kontext-pro\",\"prompt\":\"a cat\",\"size\":\"16:9\",\"n\":2}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var data = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("data");
        assertThat(data).hasSize(2);
        URI url = URI.create(data.get(0).getAsJsonObject().get("url").getAsString());
        assertThat(url.getPath()).startsWith(MockServer.FILES_PATH).endsWith(".png");
        HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage image = decode(file.body());
        assertThat((double) image.getWidth() / image.getHeight()).isCloseTo(16.0 / 9, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void seedreamTakesItsExtrasAsBodyFieldsAndAnswersWithAUrl() throws Exception {
        HttpResponse<String> response = generate("{\"model\":\"doubao-seedream-3-0-t2i-250415\",\"prompt\":\"a cat\","
                + "\"size\":\"1024x1024\",\"seed\":12,\"guidance_scale\":2.5,\"watermark\":false}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"url\":\"http://");
    }

    @Test
    void anUnknownFileIsA404() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.baseUrl()
                .resolve(MockServer.FILES_PATH + "nothing.png")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }
}
