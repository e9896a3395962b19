package dev.imagegen4j.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ProviderConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mock server's BFL endpoints on the wire, as a client other than the bfl provider sees them
 * (the provider's own tests run it end to end against them).
 */
class MockServerBflTest {
    private static final String KEY = "bfl_mock-key-0123456789";
    private MockServer server;

    @BeforeEach
    void startServer() {
        server = MockServer.start(0, ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey(KEY).build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpResponse<String> poll(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUrl().resolve(path));
        if (key != null) {
            request.header("x-key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSubmitAnswersAPollingUrlOnTheSameServerThatIsPendingOnceThenReady() throws Exception {
        HttpResponse<String> submit = post("/v1/flux-pro-1.1", "{\"prompt\":\"a fox\",\"width\":512,\"height\":256,"
                + "\"seed\":7}", KEY);
        String pollingUrl = submit.body().replaceAll(".*\"polling_url\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> pending = poll(pollingUrl, KEY);
        HttpResponse<String> ready = poll(pollingUrl, KEY);
        String sample = ready.body().replaceAll(".*\"sample\":\"([^\"]+)\".*", "$1");
        HttpResponse<byte[]> image = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(sample))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(submit.statusCode()).isEqualTo(200);
        assertThat(pollingUrl).startsWith(server.baseUrl() + "/v1/get_result?id=");
        assertThat(pending.body()).contains("\"status\":\"Pending\"");
        assertThat(ready.body()).contains("\"status\":\"Ready\"").contains("\"seed\":7");
        assertThat(sample).startsWith(server.baseUrl() + MockServer.FILES_PATH);
        assertThat(dev.imagegen4j.GeneratedImage.ofBytes(image.body()).size())
                .isEqualTo(dev.imagegen4j.ImageSize.of(512, 256));
        assertThat(server.bflSubmitCount()).isEqualTo(1);
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (key != null) {
            request.header("x-key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theServerRefusesABodyTheModelDoesNotTakeWithA422NamingBflsField() throws Exception {
        HttpResponse<String> size = post("/v1/flux-pro-1.1", "{\"prompt\":\"a fox\",\"width\":1000,\"height\":768}",
                KEY);
        HttpResponse<String> unknown = post("/v1/flux-2-pro", "{\"prompt\":\"a fox\",\"prompt_upsampling\":true}",
                KEY);

        assertThat(size.statusCode()).isEqualTo(422);
        assertThat(size.body()).startsWith("{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":\"size 1000x768: both"
                + " sides must be multiples of 32 px on model flux-pro-1.1\",\"type\":\"size.multiple_of\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("[\"body\",\"prompt_upsampling\"]").contains("Extra inputs are not permitted");
        assertThat(server.bflSubmitCount()).isEqualTo(2);
    }

    @Test
    void theServerRefusesASubmitOrPollWithoutTheKey() throws Exception {
        HttpResponse<String> submit = post("/v1/flux-pro-1.1", "{\"prompt\":\"a fox\"}", null);
        HttpResponse<String> wrong = post("/v1/flux-pro-1.1", "{\"prompt\":\"a fox\"}", "bfl_wrong");
        HttpResponse<String> poll = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUrl()
                .resolve("/v1/get_result?id=x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(submit.statusCode()).isEqualTo(401);
        assertThat(submit.body()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("bfl_wrong");
        assertThat(poll.statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownTaskIsNotFound() throws Exception {
        HttpResponse<String> poll = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUrl()
                .resolve("/v1/get_result?id=nope")).header("x-key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo("{\"id\":\"nope\",\"status\":\"Task not found\",\"result\":null}");
    }
}
