package dev.imagegen4j.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's scenario end to end: {@code imagegen generate --provider stability --size 16:9 --seed 42
 * --negative-prompt blurry --format webp -n 2 "a fox"} against a stub of Stability's generate endpoint.
 */
@WireMockTest
class StabilityThroughTheCommandTest {
    private static final String KEY = "sk-stability-cli-5150";

    @TempDir
    Path dir;

    /** A real 16:9 WebP, as Stability answers with {@code Accept: image/*}. */
    private static byte[] webp() {
        try (ImageGenerator mock = ImageGenerator.create(ImageProviders.get("mock"), ProviderConfig.builder()
                .environment(Map.of()).systemProperties(Map.of()).build())) {
            return mock.generate(ImageRequest.builder("a fox").model("mock-ratio").size(ImageSize.ratio(16, 9))
                    .outputFormat(OutputFormat.WEBP).build()).image().bytes();
        }
    }

    @Test
    void generatesTwoWebpImagesOfAFoxInTwoCallsWithSeeds42And43(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(post(urlPathEqualTo("/v2beta/stable-image/generate/core"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/webp")
                        .withHeader("finish-reason", "SUCCESS").withHeader("seed", "42").withBody(webp())));

        Cli.Result result = run(env("STABILITY_API_KEY", KEY, "STABILITY_BASE_URL", wm.getHttpBaseUrl()),
                "generate", "--provider", "stability", "--size", "16:9", "--seed", "42", "--negative-prompt", "blurry",
                "--format", "webp", "-n", "2", "a fox", "-o", dir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(dir.resolve("a-fox-1.webp").toString(),
                dir.resolve("a-fox-2.webp").toString());
        for (String path : result.outLines()) {
            GeneratedImage image = GeneratedImage.ofFile(Path.of(path));
            assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
            assertThat((double) image.width() / image.height()).isCloseTo(16 / 9.0, offset(0.01));
        }
        List<LoggedRequest> sent = wm.getWireMock().find(postRequestedFor(urlPathEqualTo("/v2beta/stable-image/generate/core")));
        assertThat(sent).hasSize(2);
        assertThat(sent).allSatisfy(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.getHeader("Accept")).isEqualTo("image/*");
            assertThat(part(request, "prompt")).isEqualTo("a fox");
            assertThat(part(request, "aspect_ratio")).isEqualTo("16:9");
            assertThat(part(request, "negative_prompt")).isEqualTo("blurry");
            assertThat(part(request, "output_format")).isEqualTo("webp");
        });
        assertThat(sent).extracting(request -> part(request, "seed")).containsExactlyInAnyOrder("42", "43");
        assertThat(result.err()).doesNotContain(KEY);
    }

    private static String part(LoggedRequest request, String name) {
        return request.getParts().stream().filter(part -> part.getName().equals(name)).findFirst()
                .map(part -> new String(part.getBody().asBytes(), StandardCharsets.UTF_8)).orElse(null);
    }
}
