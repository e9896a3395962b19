package dev.imagegen4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.Warning;
import dev.imagegen4j.gptproto.GptProtoImageProvider;
import dev.imagegen4j.mock.MockBehavior;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockImageProvider;
import dev.imagegen4j.mock.MockServer;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private ImageGenerator mock(ImageGenerator.Builder builder) {
        ImageGenerator generator = builder.config(NO_ENVIRONMENT).build();
        resources.add(generator);
        return generator;
    }

    private ImageModel model(ImageRequest defaults) {
        return Imagegen4jImageModel.builder().generator(mock(ImageGenerator.builder(new MockImageProvider(behavior))))
                .defaults(defaults).build();
    }

    private static GeneratedImage decoded(Image image) {
        return GeneratedImage.ofBytes(Base64.getDecoder().decode(image.base64Data()));
    }

    @Test
    void generatesAnImageWithTheDefaultsUsageAndMetadata() {
        ImageModel model = model(ImageRequest.builder("").model("gpt-image-1").size(ImageSize.of(1536, 1024)).build());

        Response<Image> response = model.generate(PROMPT);

        GeneratedImage image = decoded(response.content());
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.size().text()).isEqualTo("1536x1024");
        assertThat(response.content().mimeType()).isEqualTo("image/png");
        assertThat(response.content().url()).isNull();
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.tokenUsage().outputTokenCount()).isPositive();
        assertThat(response.tokenUsage().totalTokenCount())
                .isEqualTo(response.tokenUsage().inputTokenCount() + response.tokenUsage().outputTokenCount());
        assertThat(response.metadata()).containsEntry("provider", "mock").containsEntry("model", "gpt-image-1")
                .containsEntry("requestId", "req_mock_00000001").containsEntry("warnings", List.of());
        assertThat(((dev.imagegen4j.Cost) response.metadata().get("cost")).usd()).isZero();
        assertThat(((dev.imagegen4j.Cost) response.metadata().get("cost")).price().source()).isEqualTo("mock: offline");
        assertThat(behavior.requestCount()).isEqualTo(1);
    }

    @Test
    void generatesNImagesWithTheirSeedsAndNoUsageWhenTheModelReportsNone() {
        ImageModel model = model(ImageRequest.builder("ignored").model("mock-ratio").size(ImageSize.ratio(16, 9))
                .seed(40L).count(7).build());

        Response<List<Image>> response = model.generate(PROMPT, 3);

        assertThat(response.content()).hasSize(3)
                .allSatisfy(image -> assertThat(decoded(image).size().aspectRatio().sameShape(ImageSize.ratio(16, 9)))
                        .isTrue());
        assertThat(response.content().stream().map(Image::base64Data).distinct()).hasSize(3);
        assertThat(response.tokenUsage()).isNull();
        assertThat((List<?>) response.metadata().get("seeds")).as("the mock reports no seeds").containsExactly(null, null, null);
        assertThat(model.generate(PROMPT).content().base64Data())
                .as("generate(prompt) makes one image whatever count the defaults hold")
                .isEqualTo(response.content().get(0).base64Data());
    }

    @Test
    void reportsTheSeedEachImageWasMadeWith() {
        ImageInterceptor reportSeeds = chain -> {
            ImageResponse response = chain.proceed();
            if (chain.stage() != ImageInterceptor.Stage.CALL) {
                return response;
            }
            // As a vendor that reports seeds does (stability): the image carries the seed it was made with.
            List<GeneratedImage> seeded = response.images().stream().map(image -> image.withSeed(chain.request().seed()))
                    .toList();
            return new ImageResponse(response.providerId(), response.model(), seeded, response.created(),
                    response.size(), response.quality(), response.background(), response.outputFormat(),
                    response.usage(), response.requestId(), response.warnings(), response.cost());
        };
        ImageModel model = Imagegen4jImageModel.builder()
                .generator(mock(ImageGenerator.builder(new MockImageProvider()).interceptor(reportSeeds)))
                .defaults(ImageRequest.builder("").model("mock-ratio").seed(40L).build()).build();

        Response<List<Image>> response = model.generate(PROMPT, 3);

        assertThat(response.metadata().get("seeds")).isEqualTo(List.of(40L, 41L, 42L));
    }

    @Test
    void reportsTheWarningsOfALenientGenerator() {
        ImageModel model = Imagegen4jImageModel.builder()
                .generator(mock(ImageGenerator.builder(new MockImageProvider()).lenient(true)))
                .defaults(ImageRequest.builder("").model("gpt-image-1").negativePrompt("text").build()).build();

        Response<Image> response = model.generate(PROMPT);

        assertThat(response.metadata().get("warnings")).asList().singleElement()
                .isInstanceOfSatisfying(Warning.class, warning -> assertThat(warning.setting()).isEqualTo("negativePrompt"));
    }

    @Test
    void editsAnImageWithAndWithoutAMask() throws IOException {
        ImageModel model = model(ImageRequest.builder("").model("mock-edit").build());
        Image input = Image.builder().base64Data(base64Png(1024, 1536, false)).mimeType("image/png").build();
        Image mask = Image.builder().base64Data(base64Png(1024, 1536, true)).mimeType("image/png").build();

        Response<Image> edited = model.edit(input, "add a boat");
        Response<Image> masked = model.edit(input, mask, "add a boat");

        assertThat(decoded(edited.content()).size().text()).as("the mock keeps the input's size").isEqualTo("1024x1536");
        assertThat(decoded(masked.content()).size().text()).isEqualTo("1024x1536");
        assertThat(masked.content().base64Data()).isNotEqualTo(edited.content().base64Data());
    }

    @Test
    void refusesAnImageItWouldHaveToFetchBeforeSendingAnything() {
        ImageModel model = model(ImageRequest.builder("").model("mock-edit").build());
        Image remote = Image.builder().url(URI.create("https://example.com/cat.png")).build();

        assertThatThrownBy(() -> model.edit(remote, "add a hat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image must have base64 data or a file: URL, but has the URL https:… (not fetched)");
        assertThat(behavior.requestCount()).isZero();
    }

    @Test
    void anInvalidRequestFailsTypedBeforeAnythingIsSent() {
        ImageModel model = model(ImageRequest.builder("").model("gpt-image-1").size(ImageSize.of(640, 480)).build());

        assertThatThrownBy(() -> model.generate(PROMPT)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("size");
        assertThat(behavior.requestCount()).isZero();
    }

    @Test
    void providerErrorsStayTheirOwnType() {
        behavior.failNext(MockFault.RATE_LIMIT);
        ImageModel model = model(ImageRequest.builder("").build());

        assertThatThrownBy(() -> model.generate(PROMPT)).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.httpStatus()).hasValue(429));
    }

    @Test
    void imagesKeptInFilesComeBackAsFileUrls() {
        ImageModel model = Imagegen4jImageModel.builder()
                .generator(mock(ImageGenerator.builder(new MockImageProvider()).storage(ImageStorage.directory(dir))))
                .build();

        Image image = model.generate(PROMPT).content();

        assertThat(image.base64Data()).isNull();
        assertThat(Path.of(image.url())).startsWith(dir).isRegularFile();
        assertThat(GeneratedImage.ofFile(Path.of(image.url())).format().mimeType()).isEqualTo(image.mimeType());
    }

    @Test
    void worksOverTheWireAgainstTheMockServer() {
        MockServer server = MockServer.start(0, NO_ENVIRONMENT);
        resources.add(server);
        ImageGenerator generator = ImageGenerator.create(new GptProtoImageProvider(), ProviderConfig.builder()
                .baseUrl(server.baseUrl()).apiKey("test-key").systemProperties(Map.of()).environment(Map.of()).build());
        resources.add(generator);
        ImageModel model = Imagegen4jImageModel.builder().generator(generator)
                .defaults(ImageRequest.builder("").size(ImageSize.of(1024, 1536)).build()).build();

        Response<List<Image>> response = model.generate(PROMPT, 2);

        assertThat(response.content()).hasSize(2)
                .allSatisfy(image -> assertThat(decoded(image).size().text()).isEqualTo("1024x1536"));
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.metadata()).containsEntry("provider", "gptproto").containsKey("requestId");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void needsAGenerator() {
        assertThatThrownBy(() -> Imagegen4jImageModel.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessage("generator is not set");
    }

    private static String base64Png(int width, int height, boolean alpha) throws IOException {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x80FF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
