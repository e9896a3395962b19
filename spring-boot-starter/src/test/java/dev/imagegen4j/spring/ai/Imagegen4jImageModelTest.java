package dev.imagegen4j.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.gptproto.GptProtoImageProvider;
import dev.imagegen4j.mock.MockBehavior;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockImageProvider;
import dev.imagegen4j.mock.MockServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImageOptionsBuilder;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.util.MimeTypeUtils;

class Imagegen4jImageModelTest {
    private static final String PROMPT = "a lighthouse at dusk";
    private static final ProviderConfig NO_ENVIRONMENT = ProviderConfig.builder().systemProperties(Map.of())
            .environment(Map.of()).build();

    private final MockBehavior behavior = new MockBehavior();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private ImageGenerator generator(ImageGenerator.Builder builder) {
        ImageGenerator generator = builder.config(NO_ENVIRONMENT).build();
        resources.add(generator);
        return generator;
    }

    private ImageModel model(ImageRequest defaults) {
        return new Imagegen4jImageModel(generator(ImageGenerator.builder(new MockImageProvider(behavior))), defaults);
    }

    private static GeneratedImage decoded(ImageGeneration generation) {
        return GeneratedImage.ofBytes(Base64.getDecoder().decode(generation.getOutput().getB64Json()));
    }

    @Test
    void generatesWithSpringAisOptionsAndReportsUsageAndMetadata() {
        ImageModel model = model(ImageRequest.builder("").quality(Quality.LOW).build());

        ImageResponse response = model.call(new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().n(2)
                .model("gpt-image-1").width(1024).height(1536).responseFormat("b64_json").build()));

        assertThat(response.getResults()).hasSize(2).allSatisfy(generation -> {
            assertThat(decoded(generation).size().text()).isEqualTo("1024x1536");
            assertThat(generation.getOutput().getUrl()).isNull();
            assertThat(generation.getMetadata()).isEqualTo(new Imagegen4jImageGenerationMetadata(ImageFormat.PNG,
                    1024, 1536, null, List.of()));
        });
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
        assertThat(response.getMetadata().getUsage().getCompletionTokens()).isPositive();
        assertThat(response.getMetadata().getUsage().getNativeUsage()).isInstanceOf(dev.imagegen4j.Usage.class);
        assertThat((String) response.getMetadata().get("provider")).isEqualTo("mock");
        assertThat(((dev.imagegen4j.Cost) response.getMetadata().get("cost")).usd()).isZero();
        assertThat((String) response.getMetadata().get("model")).isEqualTo("gpt-image-1");
        assertThat((String) response.getMetadata().get("requestId")).isEqualTo("req_mock_00000001");
        assertThat(behavior.requestCount()).isEqualTo(1);
    }

    @Test
    void takesImagegen4jsOwnOptions() {
        ImageModel model = model(ImageRequest.builder("").model("mock-ratio").build());
        Imagegen4jImageOptions options = Imagegen4jImageOptions.builder().aspectRatio("16:9").seed(7L)
                .negativePrompt("text").outputFormat(OutputFormat.JPEG).build();

        ImageResponse response = model.call(new ImagePrompt(PROMPT, options));
        ImageResponse again = model.call(new ImagePrompt(PROMPT, options));
        ImageResponse otherSeed = model.call(new ImagePrompt(PROMPT, Imagegen4jImageOptions.builder()
                .aspectRatio("16:9").seed(8L).negativePrompt("text").outputFormat(OutputFormat.JPEG).build()));

        GeneratedImage image = decoded(response.getResult());
        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.size().aspectRatio().sameShape(ImageSize.ratio(16, 9))).isTrue();
        assertThat(response.getMetadata().getUsage().getTotalTokens()).as("mock-ratio reports no usage").isZero();
        assertThat(again.getResult().getOutput().getB64Json()).isEqualTo(response.getResult().getOutput().getB64Json());
        assertThat(otherSeed.getResult().getOutput().getB64Json())
                .isNotEqualTo(response.getResult().getOutput().getB64Json());
    }

    @Test
    void weightedInstructionsMakeThePromptAndTheNegativePrompt() {
        ImageModel model = model(ImageRequest.builder("").model("mock-ratio").seed(1L).build());

        ImageResponse weighted = model.call(new ImagePrompt(List.of(new ImageMessage(PROMPT),
                new ImageMessage("blurry", -1f))));
        ImageResponse plain = model.call(new ImagePrompt(PROMPT,
                Imagegen4jImageOptions.builder().negativePrompt("blurry").build()));

        assertThat(weighted.getResult().getOutput().getB64Json()).isEqualTo(plain.getResult().getOutput().getB64Json());
        assertThatThrownBy(() -> model.call(new ImagePrompt(List.of(new ImageMessage(PROMPT, 0.5f)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instruction 0 has weight 0.5; imagegen4j takes 1 (the prompt) or -1 (the negative prompt)");
    }

    @Test
    void aStyleTheModelDoesNotTakeIsRefusedBeforeAnythingIsSent() {
        ImageModel model = model(ImageRequest.builder("").build());

        assertThatThrownBy(() -> model.call(new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().style("vivid").build())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("style");
        assertThat(behavior.requestCount()).isZero();
    }

    @Test
    void aStyleTheModelTakesIsSentAsTheProvidersSetting() {
        ImageModel model = model(ImageRequest.builder("").model("mock-ratio").seed(3L).build());

        String flat = model.call(new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().style("flat").build()))
                .getResult().getOutput().getB64Json();
        String noise = model.call(new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().style("noise").build()))
                .getResult().getOutput().getB64Json();

        assertThat(flat).isNotEqualTo(noise);
    }

    @Test
    void refusesOptionsItCannotExpress() {
        ImageModel model = model(ImageRequest.builder("").build());

        assertThatThrownBy(() -> model.call(new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().width(1024).build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width and height go together, but only width was given");
        assertThatThrownBy(() -> model.call(new ImagePrompt(PROMPT,
                ImageOptionsBuilder.builder().responseFormat("png").build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("responseFormat must be b64_json or url but was 'png'");
        assertThatThrownBy(() -> Imagegen4jImageOptions.builder().aspectRatio("16:9").width(100).height(100).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aspectRatio and width/height are two sizes; give one of them");
        assertThatThrownBy(() -> Imagegen4jImageOptions.builder().aspectRatio("1024x1024").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("aspectRatio must be W:H");
        assertThat(behavior.requestCount()).isZero();
    }

    @Test
    void urlResultsAreFileUrlsOrDataUrls() {
        ImageModel inMemory = model(ImageRequest.builder("").build());
        ImageModel inFiles = new Imagegen4jImageModel(generator(ImageGenerator.builder(new MockImageProvider())
                .storage(ImageStorage.directory(dir))), ImageRequest.builder("").build());
        ImagePrompt prompt = new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().responseFormat("url").build());

        String data = inMemory.call(prompt).getResult().getOutput().getUrl();
        String file = inFiles.call(prompt).getResult().getOutput().getUrl();

        assertThat(data).startsWith("data:image/png;base64,");
        assertThat(GeneratedImage.ofBytes(Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1))).format())
                .isEqualTo(ImageFormat.PNG);
        assertThat(Path.of(java.net.URI.create(file))).startsWith(dir).isRegularFile();
    }

    @Test
    void editsTheImagesAttachedToTheInstructions() {
        ImageModel model = model(ImageRequest.builder("").model("mock-edit").build());
        byte[] input = GeneratedImage.ofBytes(Base64.getDecoder().decode(model.call(new ImagePrompt("a harbour",
                ImageOptionsBuilder.builder().model("gpt-image-1").width(1536).height(1024).build())).getResult().getOutput().getB64Json()))
                .bytes();
        ImageMessage edit = new ImageMessage("add a boat", 1f,
                List.of(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(input).build()), Map.of());

        GeneratedImage edited = decoded(model.call(new ImagePrompt(List.of(edit))).getResult());

        assertThat(edited.size().text()).as("the mock keeps the input's size").isEqualTo("1536x1024");
        assertThat(edited.bytes()).isNotEqualTo(input);
    }

    @Test
    void reportsTheWarningsOfALenientGenerator() {
        ImageModel model = new Imagegen4jImageModel(generator(ImageGenerator.builder(new MockImageProvider())
                .lenient(true)), ImageRequest.builder("").seed(5L).build());

        ImageGeneration generation = model.call(new ImagePrompt(PROMPT)).getResult();

        assertThat(((Imagegen4jImageGenerationMetadata) generation.getMetadata()).warnings())
                .anySatisfy(warning -> assertThat(warning.setting()).isEqualTo("seed"));
    }

    @Test
    void providerErrorsStayTheirOwnType() {
        behavior.failNext(MockFault.RATE_LIMIT);
        ImageModel model = model(ImageRequest.builder("").build());

        assertThatThrownBy(() -> model.call(new ImagePrompt(PROMPT))).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.httpStatus()).hasValue(429));
    }

    @Test
    void worksOverTheWireAgainstTheMockServer() {
        MockServer server = MockServer.start(0, NO_ENVIRONMENT);
        resources.add(server);
        ImageGenerator generator = ImageGenerator.create(new GptProtoImageProvider(), ProviderConfig.builder()
                .baseUrl(server.baseUrl()).apiKey("test-key").systemProperties(Map.of()).environment(Map.of()).build());
        resources.add(generator);
        ImageModel model = new Imagegen4jImageModel(generator, ImageRequest.builder("").build());

        ImageResponse response = model.call(new ImagePrompt(PROMPT, ImageOptionsBuilder.builder().n(2).width(1536)
                .height(1024).build()));

        assertThat(response.getResults()).hasSize(2)
                .allSatisfy(generation -> assertThat(decoded(generation).size().text()).isEqualTo("1536x1024"));
        assertThat((String) response.getMetadata().get("provider")).isEqualTo("gptproto");
        assertThat(response.getMetadata().getUsage().getTotalTokens()).isPositive();
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
