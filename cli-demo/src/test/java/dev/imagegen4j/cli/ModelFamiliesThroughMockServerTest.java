package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The families besides text-to-image gpt-image, end to end: the {@code imagegen} command, the real
 * {@code gptproto} (and {@code openai}) provider, and the mock's wire server, which answers flux with
 * URLs to its own files and serves {@code /v1/images/edits}.
 */
class ModelFamiliesThroughMockServerTest {
    private static final String KEY = "test-key-91c0d3";

    @TempDir
    Path dir;

    private MockServerHandle server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> clientEnvironment() {
        return env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", server.baseUrl(), "GPTPROTO_MAX_RETRIES", "0",
                "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(), "OPENAI_MAX_RETRIES", "0");
    }

    private Path picture(String name, int width, int height, boolean alpha) throws IOException {
        return Pictures.picture(dir, name, width, height, alpha);
    }

    @Test
    void generatesWithFluxInAnAspectRatioAndSavesTheDownloadedFile() {
        server = MockServerHandle.start(env());

        Cli.Result result = run(clientEnvironment(), "generate", "--provider", "gptproto", "--model", "flux-kontext-pro",
                "--size", "16:9", "a cat", "--json", "-o", dir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("provider").getAsString()).isEqualTo("gptproto");
        assertThat(json.get("model").getAsString()).isEqualTo("flux-kontext-pro");
        GeneratedImage image = GeneratedImage.ofFile(dir.resolve("a-cat-1.png"));
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat((double) image.width() / image.height()).isBetween(1.76, 1.79);
    }

    @Test
    void editsAnImageWithAMaskThroughTheEditsEndpointAndKeepsItsSize() throws IOException {
        server = MockServerHandle.start(env());
        Path photo = picture("photo.png", 1536, 1024, false);
        Path mask = picture("mask.png", 1536, 1024, true);
        Path target = dir.resolve("edited.png");

        Cli.Result result = run(clientEnvironment(), "generate", "add a red hat", "--provider", "gptproto",
                "--model", "gpt-image-1", "--image", photo.toString(), "--mask", mask.toString(),
                "-o", target.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(GeneratedImage.ofFile(target).size()).isEqualTo(ImageSize.of(1536, 1024));
    }

    @Test
    void theOpenAiProviderEditsThroughTheSameServer() throws IOException {
        server = MockServerHandle.start(env());
        Path photo = picture("photo.png", 1024, 1536, false);
        Path target = dir.resolve("edited.png");

        Cli.Result result = run(clientEnvironment(), "generate", "make it night", "--provider", "openai",
                "--image", photo.toString(), "-o", target.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(GeneratedImage.ofFile(target).size()).isEqualTo(ImageSize.of(1024, 1536));
    }
}
