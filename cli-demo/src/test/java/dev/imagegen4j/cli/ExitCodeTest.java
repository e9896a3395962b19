package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every exit code DESIGN.md lists, produced by the mock provider's faults, which the CLI's config reads
 * from the (injected) environment as {@code MOCK_FAULT}.
 */
class ExitCodeTest {
    @TempDir
    Path dir;

    @Test
    void exitsWith0OnSuccess() {
        Cli.Result result = run("generate", "a lighthouse", "--provider", "mock", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(imagesWritten()).isOne();
    }

    @Test
    void exitsWith2ForAnUnknownProvider() {
        Cli.Result result = run("generate", "a lighthouse", "--provider", "nope", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: No image provider with id 'nope'. Available: bfl, gptproto, "
                + "mock, openai, stability.");
        assertThat(imagesWritten()).isZero();
    }

    @Test
    void exitsWith2ForAnUnknownMockFaultAndLeavesNoOutputDirectory() {
        Path out = dir.resolve("new").resolve("out");

        Cli.Result result = run(env("MOCK_FAULT", "gremlins"), "generate", "a lighthouse", "--provider", "mock",
                "-o", out + "/");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().startsWith("error: mock setting fault must be one of");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    /** A gptproto base URL the provider refuses: its create(config) throws IllegalArgumentException. */
    @ParameterizedTest(name = "GPTPROTO_BASE_URL={0}")
    @CsvSource({"http://example.com", "gptproto.com"})
    void exitsWith2ForABaseUrlTheProviderRefusesAndLeavesNoOutputDirectory(String baseUrl) {
        Path out = dir.resolve("new").resolve("out");

        Cli.Result result = run(env("GPTPROTO_API_KEY", "test-key-exit", "GPTPROTO_BASE_URL", baseUrl), "generate",
                "a lighthouse", "-o", out + "/");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().startsWith("error: ").contains("base-url");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void exitsWith2ForAnUnknownFaultOfServeMock() {
        Cli.Result result = run(env("MOCK_FAULT", "gremlins"), "serve-mock", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().startsWith("error: mock setting fault must be one of");
    }

    @Test
    void exitsWith2ForAnInvalidRequest() {
        Cli.Result result = run("generate", "a lighthouse", "--provider", "mock", "--size", "999x999",
                "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: --size: size 999x999 is not accepted by model "
                + "gpt-image-1; use one of auto, 1024x1024, 1536x1024, 1024x1536 [size.one_of]");
        assertThat(imagesWritten()).isZero();
    }

    @Test
    void exitsWith2ForABadOption() {
        Cli.Result result = run("generate", "a lighthouse", "--provider", "mock", "--quality", "ultra",
                "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
    }

    @ParameterizedTest(name = "MOCK_FAULT={0} -> exit {1}")
    @CsvSource(delimiter = '|', value = {
            "rate_limit|4|Rate limit reached for images per minute. Please try again later. (provider mock, HTTP 429, "
                    + "code rate_limit_exceeded, request req_mock_00000001)",
            "authentication|3|Incorrect API key provided. (provider mock, HTTP 401, code invalid_api_key, request "
                    + "req_mock_00000001)",
            "insufficient_balance|3|Insufficient balance for the requested operation. (provider mock, HTTP 403, code "
                    + "insufficient_user_quota, request req_mock_00000001)",
            "content_policy|5|Your request was rejected by the safety system. (provider mock, HTTP 400, code "
                    + "moderation_blocked, request req_mock_00000001)",
            "server_error|6|The server had an error while processing your request. (provider mock, HTTP 500, request "
                    + "req_mock_00000001)",
            "timeout|6|No response within 10 min (injected timeout) (provider mock, request req_mock_00000001)"})
    void mapsEachProviderFailureToItsExitCode(String fault, int exitCode, String message) {
        Cli.Result result = run(env("MOCK_FAULT", fault), "generate", "a lighthouse", "--provider", "mock",
                "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(exitCode);
        assertThat(result.errLines()).containsExactly("error: " + message);
        assertThat(result.out()).isEmpty();
        assertThat(imagesWritten()).isZero();
    }

    @Test
    void exitsWith6WhenTheMockTakesLongerThanItsTimeout() {
        Cli.Result result = run(env("MOCK_LATENCY", "2s", "MOCK_TIMEOUT", "50ms"), "generate", "a lighthouse",
                "--provider", "mock", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.errLines()).containsExactly("error: No response within 50 ms (injected timeout) "
                + "(provider mock, request req_mock_00000001)");
    }

    private long imagesWritten() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
