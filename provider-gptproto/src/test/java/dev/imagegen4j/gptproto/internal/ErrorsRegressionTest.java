package dev.imagegen4j.gptproto.internal;

import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.openai.ImagesError;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The crashes and leaks the fuzz properties found in the mapping of error bodies, pinned as examples. */
class ErrorsRegressionTest {
    /**
     * Found by ErrorsFuzzTest: only the whole key (or an sk- shaped
     * one) was redacted, so an echo of its start (a masked key, or a page cut short at 200 characters
     * inside the key) showed up to all but one of its characters.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"message\":\"Invalid key test-key-7f3a9c21***4b8\"}}",
            "{\"error\":{\"message\":\"Invalid key test-key***4b8\"}}",
            "{\"error\":\"test-key-7f3a9c21e4b\"}",
            "{\"message\":\"test-key-7f3a9c21\u0465\u0034b8 is not valid\"}",
            "<html><body>Unknown token xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "
                    + "test-key-7f3a9c21e4b8</body></html>"})
    void anEchoOfTheStartOfTheKeyIsRedacted(String body) {
        Errors errors = new Errors(Redactor.of(Map.of("api-key", API_KEY)));

        ImageGenerationException exception = errors.fromStatus(401, "Unauthorized", ImagesError.parse(body), "req_1",
                null, "https://gptproto.com/v1/images/generations");

        assertThat(exception.getMessage()).doesNotContain(API_KEY.substring(0, 8)).contains("***");
    }

    /**
     * Found by probing the error-text regular expressions with long runs (the fuzz properties now generate
     * such bodies too): the key-like pattern repeated a group once per ".a", each repetition a level of
     * recursion, so an error message of a few kilobytes threw StackOverflowError out of the client.
     */
    @ParameterizedTest
    @ValueSource(ints = {2_000, 4_000, 32_000})
    void aKeyLikeRunOfAnyLengthIsRedactedWithoutOverflowingTheStack(int repetitions) {
        String message = "Invalid key sk-abcd" + ".a".repeat(repetitions) + ". Try again.";

        ImageGenerationException exception = new Errors(Redactor.of(Map.of("api-key", API_KEY))).fromStatus(401, "Unauthorized",
                ImagesError.parse("{\"error\":{\"message\":\"" + message + "\"}}"), null, null,
                "https://gptproto.com/v1/images/generations");

        assertThat(exception.reason()).isEqualTo("Invalid key sk-***. Try again.");
    }
}
