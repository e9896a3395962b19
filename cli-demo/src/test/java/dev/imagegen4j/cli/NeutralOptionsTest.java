package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.Background;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Core 2 options of {@code generate}, {@code validate} and batch lines, on the mock's neutral models. */
class NeutralOptionsTest {
    @TempDir
    Path dir;

    private Path picture(String name, int width, int height, boolean alpha) throws IOException {
        return Pictures.picture(dir, name, width, height, alpha);
    }

    @Test
    void editsAReferenceImageWithAMaskAndKeepsItsSize() throws IOException {
        Path photo = picture("photo.png", 1536, 1024, false);
        Path mask = picture("mask.png", 1536, 1024, true);
        Path target = dir.resolve("edited.png");

        Cli.Result result = run("generate", "add a red hat", "--provider", "mock", "--model", "mock-edit",
                "--image", photo.toString(), "--mask", mask.toString(), "-o", target.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(GeneratedImage.ofFile(target).size()).isEqualTo(ImageSize.of(1536, 1024));
    }

    @Test
    void refusesAMaskWithoutAlphaOrOfAnotherSizeBeforeSending() throws IOException {
        Path photo = picture("photo.png", 1536, 1024, false);
        Path mask = picture("mask.png", 1024, 1024, false);

        Cli.Result result = run("generate", "add a red hat", "--provider", "mock", "--model", "mock-edit",
                "--image", photo.toString(), "--mask", mask.toString(), "-o", dir.resolve("x.png").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "error: --mask: the mask is 1024x1024 but the first reference image is 1536x1024; they must be the same "
                        + "size [mask.size_mismatch]",
                "error: --mask: the mask has no alpha channel; its transparent pixels mark where to edit [mask.no_alpha]");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void sendsAnAspectRatioASeedAndANegativePromptAndSplitsNOverCalls() throws IOException {
        Cli.Result result = run("generate", "a fox", "--provider", "mock", "--model", "mock-ratio", "--size", "16:9",
                "--seed", "42", "--negative-prompt", "blurry", "--format", "jpeg", "-n", "2", "--json",
                "-o", dir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.getAsJsonArray("files")).hasSize(2);
        Path first = Path.of(json.getAsJsonArray("files").get(0).getAsJsonObject().get("path").getAsString());
        Path second = Path.of(json.getAsJsonArray("files").get(1).getAsJsonObject().get("path").getAsString());
        assertThat(GeneratedImage.ofFile(first).format()).isEqualTo(ImageFormat.JPEG);
        assertThat(GeneratedImage.ofFile(first).size()).isEqualTo(ImageSize.of(1360, 765));
        // The two calls get seeds 42 and 43, so the images differ.
        assertThat(Files.readAllBytes(first)).isNotEqualTo(Files.readAllBytes(second));
    }

    @Test
    void validateMapsAnExactSizeToTheNearestRatioOnlyWhenLenient() {
        Cli.Result strict = run("validate", "a fox", "--provider", "mock", "--model", "mock-ratio", "--size", "1000x900");
        Cli.Result lenient = run("validate", "a fox", "--provider", "mock", "--model", "mock-ratio", "--size", "1000x900",
                "--lenient");

        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.errLines()).containsExactly("error: --size: size 1000x900 is not accepted by model mock-ratio, "
                + "which takes aspect ratios, not exact sizes; use one of auto, 1:1, 16:9, 21:9, 2:3, 3:2, 4:5, 5:4, "
                + "9:16, 9:21 [size.ratio_one_of]");
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.errLines()).containsExactly("warning: --size: size 1000x900 is not one of the aspect ratios "
                + "model mock-ratio takes; sent as 1:1 [size.mapped]");
    }

    @Test
    void namesAnUndeclaredOptionWithWhatTheModelTakes() {
        Cli.Result result = run("validate", "a fox", "--provider", "mock", "--model", "mock-ratio",
                "--option", "steps=30");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: --option steps: extras.mock.steps is not a setting of "
                + "model mock-ratio; its mock settings are: style [extras.not_supported]");
    }

    @Test
    void readsSeedNegativePromptOptionsAndReferenceImagesFromABatchLine() throws IOException {
        picture("photo.png", 1024, 1536, false);
        String ratio = "{\"prompt\":\"a fox\",\"model\":\"mock-ratio\",\"size\":\"3:2\",\"seed\":3,"
                + "\"negative_prompt\":\"blurry\",\"options\":{\"style\":\"noise\"}}";
        String edit = "{\"prompt\":\"a hat\",\"model\":\"mock-edit\",\"images\":[\"photo.png\"]}";
        String wrong = "{\"prompt\":\"a hat\",\"model\":\"mock-edit\",\"images\":\"missing.png\"}";
        Path input = Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n", ratio, edit, wrong) + "\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out");

        Cli.Result result = run(env(), "batch", input.toString(), "-o", out.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        List<JsonObject> records = Files.readAllLines(out.resolve("results.jsonl")).stream()
                .map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        assertThat(records).extracting(record -> record.get("status").getAsString())
                .containsExactlyInAnyOrder("ok", "ok", "error");
        JsonObject failed = records.stream().filter(r -> r.get("status").getAsString().equals("error")).findFirst()
                .orElseThrow();
        assertThat(failed.get("error").getAsString()).isEqualTo("images: cannot read missing.png [invalid_value]");
        JsonObject edited = records.stream().filter(r -> r.get("line").getAsInt() == 2).findFirst().orElseThrow();
        Path image = Path.of(edited.getAsJsonArray("files").get(0).getAsString());
        assertThat(GeneratedImage.ofFile(image).size()).isEqualTo(ImageSize.of(1024, 1536));
    }
}
