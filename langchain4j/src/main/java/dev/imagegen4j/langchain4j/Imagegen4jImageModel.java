package dev.imagegen4j.langchain4j;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.Usage;
import dev.imagegen4j.Warning;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's {@link ImageModel} over an imagegen4j {@link ImageGenerator}: every provider, model and
 * setting of imagegen4j behind LangChain4j's interface. Thread-safe; it does not own the generator, so
 * close the generator yourself.
 *
 * <pre>{@code
 * ImageModel model = Imagegen4jImageModel.builder()
 *         .generator(generator)
 *         .defaults(ImageRequest.builder("").model("gpt-image-1").size(ImageSize.of(1024, 1024)).build())
 *         .build();
 * Response<Image> response = model.generate("a lighthouse at dusk");
 * }</pre>
 *
 * <p>Each call is the {@linkplain Builder#defaults defaults} with the given prompt, count, image and mask,
 * validated by the generator as any request is (an {@link dev.imagegen4j.InvalidRequestException} before
 * anything is sent). Images come back as base64 data with their MIME type read from the bytes, or, when
 * the generator keeps images in files, as {@code file:} URLs. Each {@link Response} carries the
 * {@link TokenUsage} the provider reported (none if it reported none) and this metadata:
 * {@value #PROVIDER}, {@value #MODEL}, {@value #REQUEST_ID} (when reported), {@value #SEEDS} (the seed of
 * each image, {@code null} where the provider did not say), {@value #WARNINGS} (each
 * {@link Warning}) and {@value #COST} (the {@link dev.imagegen4j.Cost}: US dollars, the price entry and
 * its source, or why it is unknown). Failures are imagegen4j's own {@link dev.imagegen4j.ImageGenerationException}
 * subtypes, unchanged.
 */
public final class Imagegen4jImageModel implements ImageModel {
    /** Metadata key of the provider id, a {@code String}. */
    public static final String PROVIDER = "provider";
    /** Metadata key of the model the request went to, a {@code String}. */
    public static final String MODEL = "model";
    /** Metadata key of the provider's request id, a {@code String}; absent when it gave none. */
    public static final String REQUEST_ID = "requestId";
    /** Metadata key of the images' seeds, a {@code List<Long>} in image order with {@code null} for unknown. */
    public static final String SEEDS = "seeds";
    /** Metadata key of the generation's {@link Warning}s, a {@code List<Warning>}. */
    public static final String WARNINGS = "warnings";
    /** Metadata key of what the generation cost, a {@link dev.imagegen4j.Cost}. */
    public static final String COST = "cost";

    private final ImageGenerator generator;
    private final ImageRequest defaults;

    private Imagegen4jImageModel(Builder builder) {
        generator = Objects.requireNonNull(builder.generator, "generator is not set");
        defaults = builder.defaults;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response<Image> generate(String prompt) {
        return single(request(prompt).count(null));
    }

    /**
     * {@code n} images of {@code prompt}; above a model's per-call maximum the generator splits the
     * request, and the usage is the calls' sum.
     */
    @Override
    public Response<List<Image>> generate(String prompt, int n) {
        ImageResponse response = generator.generate(request(prompt).count(n).build());
        return Response.from(response.images().stream().map(Imagegen4jImageModel::image).toList(), usage(response),
                null, metadata(response));
    }

    /**
     * {@code image} changed as {@code prompt} says, on a model that takes input images.
     *
     * @throws IllegalArgumentException when {@code image} has neither base64 data nor a {@code file:} URL
     */
    @Override
    public Response<Image> edit(Image image, String prompt) {
        return single(request(prompt).count(null).image(input("image", image)));
    }

    /**
     * {@code image} changed where {@code mask} is transparent, as {@code prompt} says.
     *
     * @throws IllegalArgumentException when {@code image} or {@code mask} has neither base64 data nor a
     *         {@code file:} URL
     */
    @Override
    public Response<Image> edit(Image image, Image mask, String prompt) {
        return single(request(prompt).count(null).image(input("image", image)).mask(input("mask", mask)));
    }

    private ImageRequest.Builder request(String prompt) {
        return defaults.toBuilder().prompt(Objects.requireNonNull(prompt, "prompt")).images(List.of()).mask(null);
    }

    private Response<Image> single(ImageRequest.Builder request) {
        ImageResponse response = generator.generate(request.build());
        return Response.from(image(response.image()), usage(response), null, metadata(response));
    }

    /**
     * An input image from LangChain4j's: its base64 data, or the file its {@code file:} URL names. Other URLs
     * are refused rather than fetched, since reading them would reach hosts the caller did not choose.
     */
    private static InputImage input(String field, Image image) {
        Objects.requireNonNull(image, field);
        if (image.base64Data() != null) {
            try {
                return InputImage.of(Base64.getDecoder().decode(image.base64Data()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " is not a base64-encoded PNG, JPEG or WebP image: "
                        + e.getMessage(), e);
            }
        }
        URI url = image.url();
        if (url != null && "file".equalsIgnoreCase(url.getScheme())) {
            return InputImage.of(Path.of(url));
        }
        throw new IllegalArgumentException(field + " must have base64 data or a file: URL, but "
                + (url == null ? "has neither" : "has the URL " + url.getScheme() + ":… (not fetched)"));
    }

    private static Image image(GeneratedImage image) {
        Image.Builder built = Image.builder().mimeType(image.format().mimeType());
        Path file = image.file();
        if (file != null) {
            // The generator keeps images in files to spare memory; base64 would load them whole again.
            return built.url(file.toUri()).build();
        }
        return built.base64Data(Base64.getEncoder().encodeToString(image.bytes())).build();
    }

    private static @Nullable TokenUsage usage(ImageResponse response) {
        Usage usage = response.usage();
        return usage == null ? null : new TokenUsage(tokens(usage.inputTokens()), tokens(usage.outputTokens()),
                tokens(usage.totalTokens()));
    }

    /** LangChain4j counts tokens in ints; a count beyond that is shown as the largest int, not wrapped. */
    private static int tokens(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    private static Map<String, Object> metadata(ImageResponse response) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(PROVIDER, response.providerId());
        metadata.put(MODEL, response.model());
        if (response.requestId() != null) {
            metadata.put(REQUEST_ID, response.requestId());
        }
        metadata.put(SEEDS, response.images().stream()
                .map(image -> image.seed().isPresent() ? image.seed().getAsLong() : null).toList());
        metadata.put(WARNINGS, response.warnings());
        metadata.put(COST, response.cost());
        return metadata;
    }

    @Override
    public String toString() {
        return "Imagegen4jImageModel[" + generator.providerId() + "]";
    }

    /** Builds {@link Imagegen4jImageModel}s; the generator is required. */
    public static final class Builder {
        private @Nullable ImageGenerator generator;
        private ImageRequest defaults = ImageRequest.builder("").build();

        private Builder() {
        }

        /** The generator that does the work; the model does not close it. */
        public Builder generator(ImageGenerator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * The settings of every request (model, size, quality, seed, extras, …); its prompt, count, images
         * and mask are replaced by each call's. By default every setting is the provider's default.
         */
        public Builder defaults(ImageRequest defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * @throws NullPointerException when no generator was set
         */
        public Imagegen4jImageModel build() {
            return new Imagegen4jImageModel(this);
        }
    }
}
