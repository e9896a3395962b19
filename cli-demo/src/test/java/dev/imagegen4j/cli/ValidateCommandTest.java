package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    @Test
    void acceptsAValidRequest() {
        Cli.Result result = run("validate", "a lighthouse", "--provider", "mock", "--size", "1536x1024",
                "--format", "webp", "--background", "transparent", "--compression", "80", "-n", "4");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("valid for mock model gpt-image-1");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void saysWhatTheMockDoesWhenItIsTheDefaultWithoutClaimingItMakesImages() {
        Cli.Result result = run("validate", "a lighthouse");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("valid for mock model gpt-image-1");
        assertThat(result.errLines()).containsExactly("note: GPTPROTO_API_KEY is not set, so the offline mock provider "
                + "checks the request, by the same model rules as gptproto (choose one with --provider)");
    }

    @Test
    void printsWarningsAndStillSucceeds() {
        Cli.Result result = run("validate", "a lighthouse", "--provider", "mock", "--model", "my-model");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("valid for mock model my-model");
        assertThat(result.errLines()).containsExactly("warning: --model: model 'my-model' is not in the catalog; "
                + "it is sent as is and checked only against the provider's generic rules [model.unknown]");
    }

    @Test
    void listsEveryViolationOnePerLineNamingTheOptionAndTheRule() {
        Cli.Result result = run("validate", " ", "--provider", "mock", "--size", "999x999", "-n", "11",
                "--format", "jpeg", "--background", "transparent", "--partial-images", "2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactlyInAnyOrder(
                "error: PROMPT: prompt must not be blank [prompt.blank]",
                "error: -n: count must be between 1 and 10 on model gpt-image-1 but was 11 [count.range]",
                "error: --size: size 999x999 is not accepted by model gpt-image-1; use one of auto, 1024x1024, "
                        + "1536x1024, 1024x1536 [size.one_of]",
                "error: --background: background transparent needs output format png or webp but the output "
                        + "format is jpeg [background.requires_format]",
                "error: --partial-images: partialImages applies only when streaming; stream the request or leave it "
                        + "unset [partialImages.requires_stream]");
    }

    @Test
    void checksFlexibleSizesOfGptImage2() {
        Cli.Result result = run("validate", "a lighthouse", "--provider", "mock", "--model", "gpt-image-2",
                "--size", "1000x1000");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("error: --size: "));
    }

    @Test
    void sendsNothingEvenToTheRealProvider() {
        // Nothing listens on port 1: a request would fail with a connection error, exit code 6.
        Cli.Result result = run(env("GPTPROTO_API_KEY", "test-key", "GPTPROTO_BASE_URL", "http://127.0.0.1:1"),
                "validate", "a lighthouse", "--size", "1536x1024");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("valid for gptproto model gpt-image-1");
        assertThat(result.err()).isEmpty();
    }
}
