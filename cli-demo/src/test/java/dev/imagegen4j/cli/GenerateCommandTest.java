package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {
    static final String MOCK_NOTE = "note: GPTPROTO_API_KEY is not set, so the offline mock provider makes the images "
            + "(choose one with --provider)";

    @TempDir
    Path dir;

    @Test
    void writesARealPngNamedFromThePromptIntoTheDirectoryAndPrintsItsPath() {
        Cli.Result result = run("generate", "a lighthouse at dusk", "-o", dir.toString());

        Path file = dir.resolve("a-lighthouse-at-dusk-1.png");
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(file.toString());
        GeneratedImage image = GeneratedImage.ofFile(file);
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.width()).isEqualTo(1024);
        assertThat(image.height()).isEqualTo(1024);
    }

    @Test
    void createsADirectoryNamedWithATrailingSeparator() {
        Path target = dir.resolve("new").resolve("out");

        Cli.Result result = run("generate", "a lighthouse at dusk", "-o", target + "/");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(target.resolve("a-lighthouse-at-dusk-1.png").toString());
        assertThat(target.resolve("a-lighthouse-at-dusk-1.png")).isRegularFile();
    }

    @ParameterizedTest
    @CsvSource({"picture.jpg, JPEG", "picture.JPEG, JPEG", "picture.webp, WEBP", "picture.png, PNG"})
    void takesTheFormatFromTheExtensionOfAFileNameWhenNoFormatIsGiven(String name, ImageFormat format) {
        Path requested = dir.resolve("sub").resolve(name);

        Cli.Result result = run("generate", "a lighthouse", "-o", requested.toString());

        Path written = dir.resolve("sub").resolve("picture." + format.extension());
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(written.toString());
        assertThat(result.errLines()).containsExactly(MOCK_NOTE);
        assertThat(GeneratedImage.ofFile(written).format()).isEqualTo(format);
    }

    @Test
    void warnsWhenTheExtensionContradictsTheFormatAndFollowsTheFormat() {
        Path requested = dir.resolve("picture.jpg");

        Cli.Result result = run("generate", "a lighthouse", "--format", "png", "-o", requested.toString());

        Path written = dir.resolve("picture.png");
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(written.toString());
        assertThat(result.errLines()).containsExactly(MOCK_NOTE, "warning: -o " + requested + " names a jpg file but "
                + "--format is png, so the file gets the extension .png");
        assertThat(requested).doesNotExist();
        assertThat(GeneratedImage.ofFile(written).format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void replacesAnExtensionThatIsNoImageFormatWithTheRealFormats() {
        Cli.Result result = run("generate", "a lighthouse", "-o", dir.resolve("picture.img").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(dir.resolve("picture.png").toString());
    }

    @Test
    void picksTheNextFreeNumbersInADirectorySoTheSameCommandRunsTwice() {
        Cli.Result first = run("generate", "a lighthouse at dusk", "-o", dir.toString());
        Cli.Result second = run("generate", "a lighthouse at dusk", "-o", dir.toString());
        Cli.Result third = run("generate", "a lighthouse at dusk", "-n", "2", "-o", dir.toString());

        assertThat(first.outLines()).containsExactly(dir.resolve("a-lighthouse-at-dusk-1.png").toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.outLines()).containsExactly(dir.resolve("a-lighthouse-at-dusk-2.png").toString());
        assertThat(third.exitCode()).isZero();
        assertThat(third.outLines()).containsExactly(dir.resolve("a-lighthouse-at-dusk-3.png").toString(),
                dir.resolve("a-lighthouse-at-dusk-4.png").toString());
    }

    @Test
    void skipsANumberTakenInAnotherFormatOrByAPartialImage() throws IOException {
        Path jpeg = Files.writeString(dir.resolve("a-lighthouse-1.jpg"), "precious", StandardCharsets.UTF_8);
        Path partial = Files.writeString(dir.resolve("a-lighthouse-2.partial-1.png"), "precious",
                StandardCharsets.UTF_8);

        Cli.Result result = run("generate", "a lighthouse", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(dir.resolve("a-lighthouse-3.png").toString());
        assertThat(jpeg).hasContent("precious");
        assertThat(partial).hasContent("precious");
    }

    @Test
    void numbersAFileNameWhenThereAreSeveralImages() {
        Cli.Result result = run("generate", "a lighthouse", "-n", "2", "--format", "webp",
                "-o", dir.resolve("picture.png").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(dir.resolve("picture-1.webp").toString(),
                dir.resolve("picture-2.webp").toString());
        assertThat(dir.resolve("picture.png")).doesNotExist();
    }

    @Test
    void writesOneDistinctFilePerImage() throws IOException {
        Cli.Result result = run("generate", "three ships", "-n", "3", "-o", dir.toString());

        List<Path> files = List.of(dir.resolve("three-ships-1.png"), dir.resolve("three-ships-2.png"),
                dir.resolve("three-ships-3.png"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
        assertThat(imageFiles()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(Files.readAllBytes(files.get(0))).isNotEqualTo(Files.readAllBytes(files.get(1)));
        assertThat(Files.readAllBytes(files.get(1))).isNotEqualTo(Files.readAllBytes(files.get(2)));
    }

    @ParameterizedTest
    @CsvSource({"png, png, PNG", "jpeg, jpg, JPEG", "webp, webp, WEBP", "WEBP, webp, WEBP"})
    void namesTheFileAfterTheFormatOfItsBytes(String option, String extension, ImageFormat format) {
        Cli.Result result = run("generate", "a lighthouse", "--format", option, "--size", "1536x1024",
                "-o", dir.toString());

        Path file = dir.resolve("a-lighthouse-1." + extension);
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(file.toString());
        GeneratedImage image = GeneratedImage.ofFile(file);
        assertThat(image.format()).isEqualTo(format);
        assertThat(image.width()).isEqualTo(1536);
        assertThat(image.height()).isEqualTo(1024);
    }

    @Test
    void printsOneJsonDocumentDescribingTheResult() {
        Cli.Result result = run("generate", "a lighthouse", "-n", "2", "--size", "1024x1536", "--format", "jpeg",
                "--json", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("provider").getAsString()).isEqualTo("mock");
        assertThat(json.get("model").getAsString()).isEqualTo("gpt-image-1");
        assertThat(json.get("request_id").getAsString()).isNotBlank();
        assertThat(json.get("output_format").getAsString()).isEqualTo("jpeg");
        assertThat(json.get("size").getAsString()).isEqualTo("1024x1536");
        JsonArray files = json.getAsJsonArray("files");
        assertThat(files).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonObject file = files.get(i).getAsJsonObject();
            Path path = dir.resolve("a-lighthouse-" + (i + 1) + ".jpg");
            assertThat(file.get("path").getAsString()).isEqualTo(path.toString());
            assertThat(file.get("format").getAsString()).isEqualTo("jpg");
            assertThat(file.get("width").getAsInt()).isEqualTo(1024);
            assertThat(file.get("height").getAsInt()).isEqualTo(1536);
            assertThat(GeneratedImage.ofFile(path).format()).isEqualTo(ImageFormat.JPEG);
        }
        JsonObject usage = json.getAsJsonObject("usage");
        assertThat(usage.get("total_tokens").getAsLong()).isPositive()
                .isEqualTo(usage.get("input_tokens").getAsLong() + usage.get("output_tokens").getAsLong());
        assertThat(json.getAsJsonArray("warnings")).isEmpty();
    }

    @Test
    void printsWarningsOnStderrAndNotOnStdout() {
        Cli.Result result = run("generate", "a lighthouse", "--model", "my-model", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly(MOCK_NOTE, "warning: model 'my-model' is not in the catalog; "
                + "it is sent as is and checked only against the provider's generic rules");
        assertThat(result.outLines()).containsExactly(dir.resolve("a-lighthouse-1.png").toString());
    }

    @Test
    void keepsWarningsInTheJsonDocumentAndStdoutPureJson() {
        Cli.Result result = run("generate", "a lighthouse", "--model", "my-model", "--json", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("model").getAsString()).isEqualTo("my-model");
        assertThat(json.getAsJsonArray("warnings")).hasSize(1);
        JsonObject warning = json.getAsJsonArray("warnings").get(0).getAsJsonObject();
        assertThat(warning.get("setting").getAsString()).isEqualTo("model");
        assertThat(warning.get("model").getAsString()).isEqualTo("my-model");
        assertThat(warning.get("code").getAsString()).isEqualTo("model.unknown");
        assertThat(warning.get("message").getAsString()).startsWith("model 'my-model' is not in");
        assertThat(result.err()).contains("warning: model 'my-model' is not in the catalog");
    }

    @Test
    void notesTheFallBackToTheMockProviderExactlyOnce() {
        Cli.Result result = run("generate", "a lighthouse", "-n", "2", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly(MOCK_NOTE);
    }

    @Test
    void saysNothingAboutTheMockWhenItIsChosen() {
        Cli.Result byOption = run("generate", "a lighthouse", "--provider", "mock", "-o", dir.toString());
        Cli.Result byVariable = run(env("IMAGEGEN_PROVIDER", "mock"), "generate", "a lighthouse", "--force",
                "-o", dir.toString());

        assertThat(byOption.exitCode()).isZero();
        assertThat(byOption.err()).isEmpty();
        assertThat(byVariable.exitCode()).isZero();
        assertThat(byVariable.err()).isEmpty();
    }

    @Test
    void takesTheProviderFromImagegenProviderEvenWhenAKeyIsSet() {
        Cli.Result result = run(env("IMAGEGEN_PROVIDER", "mock", "GPTPROTO_API_KEY", "test-key"),
                "generate", "a lighthouse", "--json", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(JsonParser.parseString(result.out()).getAsJsonObject().get("provider").getAsString())
                .isEqualTo("mock");
    }

    @Test
    void usesTheProviderThatImagegenProviderNames() {
        Cli.Result result = run(env("IMAGEGEN_PROVIDER", "gptproto"), "generate", "a lighthouse",
                "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).containsExactly("error: No API key for gptproto. Set the environment variable "
                + "GPTPROTO_API_KEY, the system property imagegen4j.gptproto.api-key, or "
                + "ProviderConfig.builder().apiKey(...) (provider gptproto)");
        assertThat(imageFiles()).isEmpty();
    }

    @Test
    void prefersTheProviderOptionToImagegenProvider() {
        Cli.Result result = run(env("IMAGEGEN_PROVIDER", "gptproto"), "generate", "a lighthouse", "--provider",
                "mock", "--json", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(JsonParser.parseString(result.out()).getAsJsonObject().get("provider").getAsString())
                .isEqualTo("mock");
    }

    @Test
    void refusesToOverwriteAnExistingFileNamedByOutputAndGeneratesNothing() throws IOException {
        Path existing = Files.writeString(dir.resolve("picture-1.png"), "precious", StandardCharsets.UTF_8);

        Cli.Result result = run("generate", "a lighthouse", "-n", "2", "-o", dir.resolve("picture.png").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(MOCK_NOTE,
                "error: refusing to overwrite " + existing + "; use --force to replace");
        assertThat(result.out()).isEmpty();
        assertThat(existing).hasContent("precious");
        assertThat(imageFiles()).containsExactly(existing);
    }

    @Test
    void refusesWhenTheImageExistsInAnotherFormat() throws IOException {
        Path existing = Files.writeString(dir.resolve("picture.webp"), "precious", StandardCharsets.UTF_8);

        Cli.Result result = run("generate", "a lighthouse", "--format", "png", "-o", dir.resolve("picture.png").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: refusing to overwrite " + existing + "; use --force to replace");
        assertThat(existing).hasContent("precious");
        assertThat(dir.resolve("picture.png")).doesNotExist();
    }

    @Test
    void refusesToOverwriteAPartialImageBeforeStreaming() throws IOException {
        Path existing = Files.writeString(dir.resolve("picture.partial-2.png"), "precious",
                StandardCharsets.UTF_8);

        Cli.Result result = run("generate", "a lighthouse", "--stream", "--partial-images", "2",
                "-o", dir.resolve("picture.png").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: refusing to overwrite " + existing + "; use --force to replace");
        assertThat(result.out()).isEmpty();
        assertThat(existing).hasContent("precious");
        assertThat(imageFiles()).containsExactly(existing);
    }

    @Test
    void replacesAnExistingFileWithForce() throws IOException {
        Path existing = Files.writeString(dir.resolve("a-lighthouse-1.png"), "precious", StandardCharsets.UTF_8);

        Cli.Result result = run("generate", "a lighthouse", "--force", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(existing.toString());
        assertThat(GeneratedImage.ofFile(existing).format()).isEqualTo(ImageFormat.PNG);
        assertThat(leftoverTemporaryFiles()).isEmpty();
    }

    @Test
    void savesEachPartialImageAndTheFinalOneWhenStreaming() {
        Cli.Result result = run("generate", "a lighthouse", "--stream", "--partial-images", "2",
                "-o", dir.toString());

        List<Path> files = List.of(dir.resolve("a-lighthouse-1.partial-1.png"),
                dir.resolve("a-lighthouse-1.partial-2.png"), dir.resolve("a-lighthouse-1.png"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
        // Not a terminal: no progress line, so nothing but the note reaches stderr.
        assertThat(result.errLines()).containsExactly(MOCK_NOTE);
        for (Path file : files) {
            assertThat(GeneratedImage.ofFile(file).format()).isEqualTo(ImageFormat.PNG);
        }
    }

    @Test
    void listsPartialFilesInTheJsonDocument() {
        Cli.Result result = run("generate", "a lighthouse", "--stream", "--partial-images", "1", "--json",
                "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.getAsJsonArray("partial_files")).hasSize(1);
        assertThat(json.getAsJsonArray("partial_files").get(0).getAsString())
                .isEqualTo(dir.resolve("a-lighthouse-1.partial-1.png").toString());
        assertThat(json.getAsJsonArray("files").get(0).getAsJsonObject().get("path").getAsString())
                .isEqualTo(dir.resolve("a-lighthouse-1.png").toString());
    }

    @Test
    void passesTheSeedAndProviderOptionsSoEachChangesTheImage() throws IOException {
        String[] ratio = {"generate", "a lighthouse", "--model", "mock-ratio", "--size", "16:9"};
        Cli.Result first = run(concat(ratio, "--seed", "1", "-o", dir.resolve("one.png").toString()));
        Cli.Result second = run(concat(ratio, "--seed", "2", "-o", dir.resolve("two.png").toString()));
        Cli.Result styled = run(concat(ratio, "--seed", "1", "--option", "style=noise", "-o",
                dir.resolve("three.png").toString()));

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(styled.exitCode()).isZero();
        byte[] one = Files.readAllBytes(dir.resolve("one.png"));
        assertThat(one).isNotEqualTo(Files.readAllBytes(dir.resolve("two.png")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("three.png")));
        assertThat(GeneratedImage.ofFile(dir.resolve("one.png")).size()).isEqualTo(ImageSize.of(1360, 765));
    }

    @Test
    void refusesASeedTheModelDoesNotTakeUnlessLenient() {
        Cli.Result strict = run("generate", "a lighthouse", "--seed", "7", "-o", dir.toString());
        Cli.Result lenient = run("generate", "a lighthouse", "--seed", "7", "--lenient", "-o", dir.toString());

        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err()).contains("--seed: seed is not supported by model gpt-image-1; it takes prompt, count, "
                + "size, quality, background, outputFormat, outputCompression, moderation, partialImages, user, "
                + "images, mask, extras [seed.not_supported]");
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.errLines()).contains("warning: seed 7 was dropped: model gpt-image-1 does not take it "
                + "(lenient mode)");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    // ---- failures leave nothing behind and replace nothing ----

    private static final String KEY = "test-key-0c4e7a19";

    private static java.util.Map<String, String> gptproto(WireStub stub) {
        return env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", stub.baseUrl(), "GPTPROTO_MAX_RETRIES", "0");
    }

    /** Every file and directory under {@link #dir}, hidden ones and those in subdirectories included. */
    private List<Path> everything() {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(path -> !path.equals(dir)).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no existing file, false", "an existing file and --force, true"})
    void leavesNoTraceAndKeepsTheExistingFileWhenTheBodyIsCutMidImage(String name, boolean force) throws Exception {
        Path existing = dir.resolve(force ? "a-lighthouse-1.png" : "unrelated.txt");
        Files.writeString(existing, "precious", StandardCharsets.UTF_8);
        Cli.Result result;
        try (WireStub stub = new WireStub(WireStub.Response.json(200, WireStub.imageJson()).cutInHalf())) {
            List<String> args = new java.util.ArrayList<>(List.of("generate", "a lighthouse", "-o", dir.toString()));
            if (force) {
                args.add("--force");
            }
            result = run(gptproto(stub), args.toArray(String[]::new));
        }

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("error: The connection failed while reading the response");
        assertThat(result.out()).isEmpty();
        assertThat(existing).hasContent("precious");
        assertThat(everything()).containsExactly(existing);
    }

    @Test
    void leavesNoTraceAndKeepsTheExistingFileWhenAStreamIsCutMidImage() throws Exception {
        Path existing = Files.writeString(dir.resolve("a-lighthouse-1.png"), "precious", StandardCharsets.UTF_8);
        String completed = "event: image_generation.completed\ndata: {\"type\":\"image_generation.completed\","
                + "\"b64_json\":\"" + java.util.Base64.getEncoder().encodeToString(WireStub.png()) + "\"}\n\n";
        Cli.Result result;
        try (WireStub stub = new WireStub(WireStub.Response.events(completed).cutInHalf())) {
            result = run(gptproto(stub), "generate", "a lighthouse", "--stream", "--force", "-o", dir.toString());
        }

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("error: The connection failed while reading the response");
        assertThat(existing).hasContent("precious");
        assertThat(everything()).containsExactly(existing);
    }

    @Test
    void removesTheSpoolsOfRunsKilledOutrightButNotThoseOfRunningOnes() throws IOException {
        Path dead = Files.createDirectories(dir.resolve(".imagegen-spool-999999999-6a0c2b8e-1f1d-4c55-9a8e-3b7f0d2c9e11"));
        Files.writeString(dead.resolve("gptproto-x-0.img"), "half an image");
        Path oldStyle = Files.createDirectories(dir.resolve(".imagegen-spool-6a0c2b8e-1f1d-4c55-9a8e-3b7f0d2c9e12"));
        Files.writeString(oldStyle.resolve("gptproto-y-0.img"), "half an image");
        Path running = Files.createDirectories(dir.resolve(".imagegen-spool-" + ProcessHandle.current().pid()
                + "-6a0c2b8e-1f1d-4c55-9a8e-3b7f0d2c9e13"));

        Cli.Result result = run("generate", "a lighthouse", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(dead).doesNotExist();
        assertThat(oldStyle).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(everything()).containsExactlyInAnyOrder(running, dir.resolve("a-lighthouse-1.png"));
    }

    private List<Path> imageFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<Path> leftoverTemporaryFiles() {
        return imageFiles().stream().filter(file -> file.getFileName().toString().endsWith(".part")).toList();
    }
}
