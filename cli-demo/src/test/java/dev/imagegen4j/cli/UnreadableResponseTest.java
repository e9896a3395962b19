package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 whose body cannot be read is a server fault like the others: exit 6, not 1. */
class UnreadableResponseTest {
    @TempDir
    Path dir;

    @Test
    void exitsWith6WhenA200BodyIsNotJson() throws Exception {
        Cli.Result result;
        try (WireStub stub = new WireStub(WireStub.Response.json(200, "<html>gateway says hi</html>"))) {
            result = run(env("GPTPROTO_API_KEY", "test-key-unreadable-0001", "GPTPROTO_BASE_URL", stub.baseUrl(),
                    "GPTPROTO_MAX_RETRIES", "0"), "generate", "a lighthouse", "-o", dir.toString());
        }

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.errLines()).containsExactly("error: Unreadable response: the response is not valid JSON "
                + "(provider gptproto, request req_stub_0)");
    }
}
