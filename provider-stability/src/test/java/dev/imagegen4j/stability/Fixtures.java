package dev.imagegen4j.stability;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockImageProvider;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the stability tests share: the stub server, configs, images and a way to read what was sent. */
final class Fixtures {
    static final String KEY = StabilityStub.KEY;
    /** A small real PNG, painted once by the mock provider. */
    static final byte[] PNG = paint(OutputFormat.PNG, 0);
    /** The bytes of {@link #INPUT}. */
    static final byte[] INPUT_BYTES = paint(OutputFormat.PNG, 1);
    /** A reference image to send, painted once by the mock provider. */
    static final InputImage INPUT = InputImage.of(INPUT_BYTES);

    private Fixtures() {
    }

    /** A WireMock server that can answer through {@link StabilityStub}. */
    static WireMockExtension server(StabilityStub stub) {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(stub)).build();
    }

    /** A config for {@code wm} with no retries unless {@code keyValues} ask for them. */
    static ProviderConfig config(WireMockExtension wm, String... keyValues) {
        ProviderConfig.Builder config = ProviderConfig.builder().baseUrl(URI.create(wm.baseUrl())).apiKey(KEY)
                .set("max-retries", "0");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.set(keyValues[i], keyValues[i + 1]);
        }
        return config.build();
    }

    static ImageGenerator generator(WireMockExtension wm, String... keyValues) {
        return ImageGenerator.create(new StabilityImageProvider(), config(wm, keyValues));
    }

    /** What generating {@code request} with a fresh generator for {@code wm} throws, as {@code type}. */
    static <T extends Throwable> T thrown(WireMockExtension wm, Class<T> type, ImageRequest request,
                                          String... keyValues) {
        try (ImageGenerator generator = generator(wm, keyValues)) {
            return catchThrowableOfType(type, () -> generator.generate(request));
        }
    }

    static String body(String name) {
        try (var in = Fixtures.class.getResourceAsStream("/stability/" + name + ".json")) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests the server received, oldest first. */
    static List<LoggedRequest> sent(WireMockExtension wm) {
        return wm.getAllServeEvents().stream().sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest()).toList();
    }

    /** The multipart parts of {@code request} by name, in the order they were sent. */
    static Map<String, Request.Part> parts(LoggedRequest request) {
        Map<String, Request.Part> parts = new LinkedHashMap<>();
        request.getParts().forEach(part -> parts.put(part.getName(), part));
        return parts;
    }

    /** The text parts of {@code request}, name to value, in order; file parts as their byte count. */
    static Map<String, String> fields(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        parts(request).forEach((name, part) -> fields.put(name, part.getHeader("Content-Type").firstValue()
                .startsWith("text/plain") ? part.getBody().asString() : part.getBody().asBytes().length + " bytes"));
        return fields;
    }

    /**
     * One call of the backend, as core would hand it over for {@code request} (validated against its
     * model), with in-memory sinks; for the checks that read what the provider keeps about an image.
     */
    static ProviderCall call(ImageRequest request) {
        ModelSpec spec = new StabilityImageProvider().models().specFor(request.model());
        ImageRequest valid = spec.validate(request, StabilityImageProvider.ID).requireValid(StabilityImageProvider.ID);
        return new ProviderCall() {
            @Override public ImageRequest request() { return valid; }
            @Override public ModelSpec model() { return spec; }
            @Override public int count() { return 1; }
            @Override public boolean streaming() { return false; }
            @Override public Map<String, Object> extras() { return valid.extras(StabilityImageProvider.ID); }
            @Override public ImageSink newSink() { return ImageSink.inMemory(); }
            @Override public void emit(ImageEvent event) { }
        };
    }

    private static byte[] paint(OutputFormat format, long seed) {
        try (ImageGenerator mock = ImageGenerator.create(new MockImageProvider(), ProviderConfig.defaults())) {
            return mock.generate(ImageRequest.builder("a fixture").model("mock-ratio").size(ImageSize.ratio(1, 1))
                    .seed(seed).outputFormat(format).build()).image().bytes();
        }
    }
}
