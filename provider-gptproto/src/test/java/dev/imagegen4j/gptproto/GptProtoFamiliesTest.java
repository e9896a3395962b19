package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.PATH;
import static dev.imagegen4j.gptproto.GptProtoStubs.json;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.Background;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.Quality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits as multipart, the families besides gpt-image on the generations endpoint, and their results:
 * {@code url}s downloaded from another server without credentials, and base64 behind a {@code data:} header.
 */
class GptProtoFamiliesTest {
    private static final String EDITS = "/v1/images/edits";
    private static final byte[] IMAGE = png(6, 4, 200, 1);
    private static final byte[] SECOND_IMAGE = png(6, 4, 150, 2);
    private static final byte[] MASK = png(6, 4, true);
    private static final byte[] RESULT = png(6, 4, 400, 3);
    private static final byte[] OTHER_RESULT = png(6, 4, 300, 4);

    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    /** A second server, on another port: the host of the files that url results point to. */
    @RegisterExtension
    static final WireMockExtension files = GptProtoStubs.wireMock();

    private static void stubEdits(String body) {
        server.stubFor(post(urlPathEqualTo(EDITS)).willReturn(json(body)));
    }

    private static LoggedRequest onlyEdit() {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(EDITS)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private record Part(String name, String disposition, String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<Part> parts(LoggedRequest request) {
        List<Part> parts = new ArrayList<>();
        for (Request.Part part : request.getParts()) {
            parts.add(new Part(part.getName(), part.getHeader("Content-Disposition").firstValue(),
                    part.getHeader("Content-Type").firstValue(), part.getBody().asBytes()));
        }
        return parts;
    }

    private static Map<String, String> textFields(List<Part> parts) {
        Map<String, String> fields = new LinkedHashMap<>();
        parts.stream().filter(p -> p.contentType().startsWith("text/plain")).forEach(p -> fields.put(p.name(), p.text()));
        return fields;
    }

    private static String filesUrl(String path) {
        return "http://127.0.0.1:" + files.getPort() + path;
    }

    // ---- edits ----

    @Test
    void anEditPostsMultipartWithEveryParameterTheImageAndTheMask() {
        stubEdits(imagesJson(RESULT, OTHER_RESULT));
        ImageRequest edit = request().model("gpt-image-1").count(2).size(ImageSize.of(1536, 1024))
                .quality(Quality.HIGH).background(Background.TRANSPARENT).outputFormat(OutputFormat.WEBP)
                .outputCompression(80).moderation(Moderation.LOW).user("user-42")
                .extra("gptproto", "input_fidelity", "high")
                .image(InputImage.of(IMAGE)).mask(InputImage.of(MASK)).build();

        try (var rig = rig(server)) {
            rig.generate(edit);
        }

        LoggedRequest sent = onlyEdit();
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.getHeader("Authorization")).isEqualTo(API_KEY);
        List<Part> parts = parts(sent);
        assertThat(parts).extracting(Part::name).containsExactly("model", "prompt", "n", "size", "quality",
                "background", "moderation", "output_format", "output_compression", "user", "input_fidelity",
                "image", "mask");
        assertThat(textFields(parts)).containsExactly(Map.entry("model", "gpt-image-1"),
                Map.entry("prompt", GptProtoStubs.PROMPT), Map.entry("n", "2"), Map.entry("size", "1536x1024"),
                Map.entry("quality", "high"), Map.entry("background", "transparent"), Map.entry("moderation", "low"),
                Map.entry("output_format", "webp"), Map.entry("output_compression", "80"), Map.entry("user", "user-42"),
                Map.entry("input_fidelity", "high"));
        Part image = parts.get(11);
        assertThat(image.disposition()).isEqualTo("form-data; name=\"image\"; filename=\"image.png\"");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.body()).isEqualTo(IMAGE);
        Part mask = parts.get(12);
        assertThat(mask.disposition()).isEqualTo("form-data; name=\"mask\"; filename=\"image.png\"");
        assertThat(mask.contentType()).isEqualTo("image/png");
        assertThat(mask.body()).isEqualTo(MASK);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
    }

    @Test
    void severalImagesAreSentAsImageArrayPartsInOrderAndAStreamedEditAsksForEvents() {
        stubEdits(imagesJson(RESULT));
        ImageRequest edit = request().model("gpt-image-2").partialImages(2)
                .images(List.of(InputImage.of(IMAGE), InputImage.of(SECOND_IMAGE))).build();

        try (var rig = rig(server)) {
            rig.stream(edit, event -> { });
        }

        LoggedRequest sent = onlyEdit();
        List<Part> parts = parts(sent);
        assertThat(textFields(parts)).containsEntry("stream", "true").containsEntry("partial_images", "2")
                .doesNotContainKey("input_fidelity");
        assertThat(parts).filteredOn(p -> !p.contentType().startsWith("text/plain"))
                .extracting(Part::name, Part::body).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("image[]", IMAGE),
                        org.assertj.core.groups.Tuple.tuple("image[]", SECOND_IMAGE));
        assertThat(sent.getHeader("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void aFileImageIsStreamedFromItsFileWithItsName(@TempDir Path directory) throws Exception {
        stubEdits(imagesJson(RESULT));
        Path file = directory.resolve("kitchen.png");
        Files.write(file, IMAGE);

        try (var rig = rig(server)) {
            rig.generate(request().model("gpt-image-1").image(InputImage.of(file)).build());
        }

        Part image = parts(onlyEdit()).stream().filter(p -> p.name().equals("image")).findFirst().orElseThrow();
        assertThat(image.disposition()).isEqualTo("form-data; name=\"image\"; filename=\"kitchen.png\"");
        assertThat(image.body()).isEqualTo(IMAGE);
    }

    @Test
    void thePlusModelsBase64BehindADataHeaderIsDecoded() {
        stubEdits("{\"created\":1776843003,\"data\":[{\"b64_json\":\"data:image/png;base64," + base64(RESULT) + "\"}]}");

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.generate(request().model("gpt-image-1-plus").image(InputImage.of(IMAGE)).build());
        }

        assertThat(response.images()).extracting(GeneratedImage::bytes).containsExactly(RESULT);
    }

    // ---- flux-kontext-pro and url results ----

    private static String urlsJson(String... paths) {
        StringBuilder data = new StringBuilder();
        for (String path : paths) {
            data.append(data.length() == 0 ? "" : ",").append("{\"revised_prompt\":\"a cat\",\"url\":\"")
                    .append(filesUrl(path)).append("\"}");
        }
        return "{\"created\":1751972704,\"data\":[" + data + "]}";
    }

    @Test
    void fluxSendsTheAspectRatioAndItsUrlResultsAreDownloadedWithoutCredentials() {
        stub(server, json(urlsJson("/results/1/sample.png?se=2025&sig=SECRET%3D", "/results/2/sample.png")));
        files.stubFor(get(urlPathEqualTo("/results/1/sample.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(RESULT)));
        files.stubFor(get(urlPathEqualTo("/results/2/sample.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(OTHER_RESULT)));

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.generate(ImageRequest.builder("a cat").model("flux-kontext-pro").size(ImageSize.parse("16:9"))
                    .count(2).build());
        }

        JsonObject body = JsonParser.parseString(server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)
                .getBodyAsString()).getAsJsonObject();
        assertThat(body.get("size").getAsString()).isEqualTo("16:9");
        assertThat(body.get("model").getAsString()).isEqualTo("flux-kontext-pro");
        assertThat(response.images()).extracting(GeneratedImage::bytes).containsExactly(RESULT, OTHER_RESULT);
        List<LoggedRequest> downloads = files.findAll(anyRequestedFor(anyUrl()));
        assertThat(downloads).hasSize(2);
        assertThat(downloads).allSatisfy(download -> {
            assertThat(download.containsHeader("Authorization")).isFalse();
            assertThat(download.containsHeader("Cookie")).isFalse();
        });
    }

    @Test
    void fluxSplitsSixImagesIntoCallsOfAtMostFour() {
        server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.n", equalTo("4")))
                .willReturn(json(urlsJson("/r/a.png", "/r/a.png", "/r/a.png", "/r/a.png"))));
        server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.n", equalTo("2")))
                .willReturn(json(urlsJson("/r/a.png", "/r/a.png"))));
        files.stubFor(get(urlPathEqualTo("/r/a.png")).willReturn(aResponse().withBody(RESULT)));

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.generate(ImageRequest.builder("a cat").model("flux-kontext-pro").count(6).build());
        }

        assertThat(response.images()).hasSize(6);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PATH))))
                .extracting(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject().get("n").getAsInt())
                .containsExactlyInAnyOrder(4, 2);
    }

    @Test
    void aUrlResultIsDownloadedIntoTheCallersStorage(@TempDir Path directory) {
        stub(server, json(urlsJson("/r/a.png")));
        files.stubFor(get(urlPathEqualTo("/r/a.png")).willReturn(aResponse().withBody(RESULT)));

        ImageResponse response;
        try (var rig = rig(server, ImageStorage.directory(directory))) {
            response = rig.generate(ImageRequest.builder("a cat").model("flux-kontext-pro").build());
        }

        GeneratedImage image = response.images().get(0);
        assertThat(image.file()).hasParent(directory).hasBinaryContent(RESULT);
    }

    @Test
    void aFailedDownloadNamesTheImageAndHostButNeverTheQuery(@TempDir Path directory) throws Exception {
        stub(server, json(urlsJson("/r/a.png", "/r/gone.png?sig=SECRET")));
        files.stubFor(get(urlPathEqualTo("/r/a.png")).willReturn(aResponse().withBody(RESULT)));
        files.stubFor(get(urlPathEqualTo("/r/gone.png")).willReturn(aResponse().withStatus(404)));

        Throwable thrown;
        try (var rig = rig(server, ImageStorage.directory(directory))) {
            thrown = catchThrowable(() -> rig.generate(ImageRequest.builder("a cat").model("flux-kontext-pro")
                    .count(2).build()));
        }

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageStartingWith("Downloading image 1 from 127.0.0.1 failed: HTTP 404")
                .hasMessageNotContaining("SECRET");
        try (var left = Files.list(directory)) {
            assertThat(left).as("the image downloaded before the failure is discarded").isEmpty();
        }
    }

    @Test
    void aDownloadAnsweredWith503IsAnUnavailableProvider() {
        stub(server, json(urlsJson("/r/busy.png")));
        files.stubFor(get(urlPathEqualTo("/r/busy.png")).willReturn(aResponse().withStatus(503)));

        Throwable thrown;
        try (var rig = rig(server, "max-retries", "0")) {
            thrown = catchThrowable(() -> rig.generate(ImageRequest.builder("a cat").model("flux-kontext-pro").build()));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("Downloading image 0 from 127.0.0.1 failed: HTTP 503");
    }

    @Test
    void aDownloadLargerThanTheResponseCapFails() {
        stub(server, json(urlsJson("/r/huge.png")));
        files.stubFor(get(urlPathEqualTo("/r/huge.png")).willReturn(aResponse().withBody(new byte[2 * 1024 * 1024])));

        Throwable thrown;
        try (var rig = rig(server, "max-response-mib", "1")) {
            thrown = catchThrowable(() -> rig.generate(ImageRequest.builder("a cat").model("flux-kontext-pro").build()));
        }

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageStartingWith("Downloading image 0 from 127.0.0.1 failed: ")
                .hasMessageContaining("larger than 1 MiB");
    }

    // ---- Seedream and Gemini ----

    @Test
    void seedreamSendsItsSeedAndExtrasAsBodyFields() {
        stub(server, json(urlsJson("/r/a.png")));
        files.stubFor(get(urlPathEqualTo("/r/a.png")).willReturn(aResponse().withBody(RESULT)));

        try (var rig = rig(server)) {
            rig.generate(ImageRequest.builder("a cat").model("doubao-seedream-3-0-t2i-250415")
                    .size(ImageSize.of(1024, 1024)).seed(12L).extra("gptproto", "guidance_scale", 2.5)
                    .extra("gptproto", "watermark", false).build());
        }

        JsonObject body = JsonParser.parseString(server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)
                .getBodyAsString()).getAsJsonObject();
        assertThat(body.toString()).isEqualTo("{\"model\":\"doubao-seedream-3-0-t2i-250415\",\"prompt\":\"a cat\","
                + "\"size\":\"1024x1024\",\"seed\":12,\"guidance_scale\":2.5,\"watermark\":false}");
    }

    @Test
    void geminiSendsItsAspectRatioAndReadsBase64() {
        stub(server, json(imagesJson(RESULT)));

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.generate(ImageRequest.builder("a cat").model("gemini-2.5-flash-image")
                    .size(ImageSize.parse("21:9")).build());
        }

        JsonObject body = JsonParser.parseString(server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)
                .getBodyAsString()).getAsJsonObject();
        assertThat(body.get("size").getAsString()).isEqualTo("21:9");
        assertThat(response.images()).extracting(GeneratedImage::bytes).containsExactly(RESULT);
    }
}
