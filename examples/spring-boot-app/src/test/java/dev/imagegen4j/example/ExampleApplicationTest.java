package dev.imagegen4j.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Starts the application on a random port, on the mock whatever the environment holds, and calls it over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"imagegen4j.provider=mock",
        "imagegen4j.mock.api-key=" + ExampleApplicationTest.SECRET, "management.endpoints.web.exposure.include=health,env"})
class ExampleApplicationTest {
    static final String SECRET = "sk-example-8c1f0b2d9e";

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> post(String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void answersWithTheImageBytesAndTheirContentType() throws Exception {
        HttpResponse<byte[]> response = post("{\"prompt\": \"a lighthouse at dusk\", \"size\": \"1536x1024\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        GeneratedImage image = GeneratedImage.ofBytes(response.body());
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.size().text()).isEqualTo("1536x1024");
    }

    @Test
    void usesTheConfiguredDefaults() throws Exception {
        HttpResponse<byte[]> response = post("{\"prompt\": \"a lighthouse at dusk\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GeneratedImage.ofBytes(response.body()).size().text()).isEqualTo("1024x1024");
    }

    @Test
    void aSizeTheModelDoesNotTakeIsABadRequestThatSaysWhy() throws Exception {
        HttpResponse<byte[]> response = post("{\"prompt\": \"a lighthouse at dusk\", \"size\": \"640x480\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("640x480");
    }

    @Test
    void aMissingPromptIsABadRequest() throws Exception {
        HttpResponse<byte[]> response = post("{\"size\": \"1024x1024\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("prompt is required");
    }

    @Test
    void healthShowsTheProviderButNeitherHealthNorEnvShowsTheKey() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> env = get("/actuator/env");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"imagegen4j\"").contains("\"provider\":\"mock\"")
                .contains("\"apiKey\":\"present\"").doesNotContain(SECRET);
        assertThat(env.statusCode()).isEqualTo(200);
        assertThat(env.body()).contains("imagegen4j.mock.api-key").doesNotContain(SECRET);
    }

    @Test
    void choosesGptprotoOnlyWhenItsKeyIsSet() {
        assertThat(ExampleApplication.defaultProvider(Map.of())).isEqualTo("mock");
        assertThat(ExampleApplication.defaultProvider(Map.of("GPTPROTO_API_KEY", " "))).isEqualTo("mock");
        assertThat(ExampleApplication.defaultProvider(Map.of("GPTPROTO_API_KEY", "sk-1"))).isEqualTo("gptproto");
    }
}
