package dev.imagegen4j.spring.ai;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.Image;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImageOptions;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.ai.image.ImageResponseMetadata;

/**
 * Spring AI's {@link ImageModel} over an imagegen4j {@link ImageGenerator}: any imagegen4j provider,
 * model and setting behind Spring AI's interface. Thread-safe; it does not close the generator.
 *
 * <pre>{@code
 * ImageModel imageModel = new Imagegen4jImageModel(generator, ImageRequest.builder("").model("gpt-image-1").build());
 * ImageResponse response = imageModel.call(new ImagePrompt("a lighthouse at dusk"));
 * String base64 = response.getResult().getOutput().getB64Json();
 * }</pre>
 *
 * <p>A call is the default request with the prompt's instructions and options set on it. Instructions of
 * weight 1 (Spring AI's default) make the prompt, one per line; instructions of weight -1 make the negative
 * prompt; other weights are refused, since no provider takes them. Images attached to instructions as
 * {@link Media} with data are the images to edit. Of the options, {@code n} is the count, {@code model} the
 * model, {@code width} with {@code height} an exact size, {@code responseFormat} either
 * {@value #B64_JSON} (the default: base64 in {@link Image#getB64Json()}) or {@value #URL} (a {@code file:}
 * URL when the generator keeps images in files, a {@code data:} URL otherwise), and {@code style} the
 * provider's {@code style} setting; {@link Imagegen4jImageOptions} adds the rest. What a model does not
 * take is refused with an {@link dev.imagegen4j.InvalidRequestException} before anything is sent, or
 * dropped with a warning by a lenient generator.
 *
 * <p>Each image's {@link ImageGeneration#getMetadata()} is an {@link Imagegen4jImageGenerationMetadata};
 * the response's metadata holds the token usage (empty when the provider reported none) and the keys
 * {@value #PROVIDER}, {@value #MODEL}, {@value #COST} (the {@link dev.imagegen4j.Cost}: US dollars, the
 * price entry and its source, or why it is unknown) and, when reported, {@value #REQUEST_ID}. Failures are imagegen4j's
 * own {@link dev.imagegen4j.ImageGenerationException} subtypes, unchanged.
 */
public final class Imagegen4jImageModel implements ImageModel {
    /** The response format of base64 images, Spring AI's and OpenAI's name for it. */
    public static final String B64_JSON = "b64_json";
    /** The response format of images by URL. */
    public static final String URL = "url";
    /** Response metadata key of the provider id. */
    public static final String PROVIDER = "provider";
    /** Response metadata key of the model the request went to. */
    public static final String MODEL = "model";
    /** Response metadata key of the provider's request id. */
    public static final String REQUEST_ID = "requestId";
    /** Response metadata key of what the generation cost, a {@link dev.imagegen4j.Cost}. */
    public static final String COST = "cost";

    private final ImageGenerator generator;
    private final ImageRequest defaults;

    /**
     * A model that sends {@code defaults} with each prompt's instructions and options set on it; the
     * prompt, count, images and mask of {@code defaults} are replaced by each call's.
     */
    public Imagegen4jImageModel(ImageGenerator generator, ImageRequest defaults) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * @throws IllegalArgumentException naming the instruction or option when the prompt cannot be expressed
     *         as an imagegen4j request (no instruction, an unsupported weight, an image given only by URL,
     *         width without height, an unknown response format)
     * @throws dev.imagegen4j.ImageGenerationException as {@link ImageGenerator#generate} throws it
     */
    @Override
    public ImageResponse call(ImagePrompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        ImageRequest.Builder request = defaults.toBuilder().count(null).images(List.of()).mask(null);
        applyInstructions(prompt.getInstructions(), request);
        String responseFormat = applyOptions(prompt.getOptions(), request);
        dev.imagegen4j.ImageResponse response = generator.generate(request.build());
        List<ImageGeneration> generations = new ArrayList<>();
        for (GeneratedImage image : response.images()) {
            generations.add(new ImageGeneration(image(image, responseFormat), new Imagegen4jImageGenerationMetadata(
                    image.format(), image.width(), image.height(),
                    image.seed().isPresent() ? image.seed().getAsLong() : null, response.warnings())));
        }
        Instant created = response.created() == null ? Instant.now() : response.created();
        ImageResponseMetadata metadata = new ImageResponseMetadata(created.toEpochMilli(), usage(response.usage()));
        metadata.put(PROVIDER, response.providerId());
        metadata.put(MODEL, response.model());
        metadata.put(COST, response.cost());
        if (response.requestId() != null) {
            metadata.put(REQUEST_ID, response.requestId());
        }
        return new ImageResponse(generations, metadata);
    }

    private static void applyInstructions(List<ImageMessage> instructions, ImageRequest.Builder request) {
        if (instructions.isEmpty()) {
            throw new IllegalArgumentException("the prompt has no instructions; give at least one ImageMessage");
        }
        List<String> positive = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            ImageMessage message = instructions.get(i);
            Float weight = message.getWeight();
            if (weight == null || weight == 1f) {
                positive.add(message.getText());
            } else if (weight == -1f) {
                negative.add(message.getText());
            } else {
                throw new IllegalArgumentException("instruction " + i + " has weight " + weight
                        + "; imagegen4j takes 1 (the prompt) or -1 (the negative prompt)");
            }
            for (Media media : message.getMedia()) {
                if (media.getData() instanceof String url) {
                    throw new IllegalArgumentException("the image of instruction " + i + " is only a URL (" + url
                            + "); attach its bytes, since imagegen4j does not fetch input images");
                }
                request.image(InputImage.of(media.getDataAsByteArray()));
            }
        }
        if (positive.isEmpty()) {
            throw new IllegalArgumentException("the prompt has only negative instructions; give one of weight 1");
        }
        request.prompt(String.join("\n", positive));
        if (!negative.isEmpty()) {
            request.negativePrompt(String.join("\n", negative));
        }
    }

    /** Sets the options on {@code request} and returns the response format. */
    private String applyOptions(@Nullable ImageOptions options, ImageRequest.Builder request) {
        if (options == null) {
            return B64_JSON;
        }
        if (options.getN() != null) {
            request.count(options.getN());
        }
        if (options.getModel() != null) {
            request.model(options.getModel());
        }
        Integer width = options.getWidth();
        Integer height = options.getHeight();
        if ((width == null) != (height == null)) {
            throw new IllegalArgumentException("width and height go together, but only " + (width == null
                    ? "height" : "width") + " was given");
        }
        if (width != null) {
            request.size(ImageSize.of(width, height));
        }
        if (options.getStyle() != null) {
            request.extra(generator.providerId(), "style", options.getStyle());
        }
        if (options instanceof Imagegen4jImageOptions ours) {
            ours.applyTo(request);
        }
        String format = options.getResponseFormat();
        if (format == null) {
            return B64_JSON;
        }
        if (!format.equals(B64_JSON) && !format.equals(URL)) {
            throw new IllegalArgumentException("responseFormat must be " + B64_JSON + " or " + URL + " but was '"
                    + format + "'");
        }
        return format;
    }

    private static Image image(GeneratedImage image, String responseFormat) {
        Path file = image.file();
        if (responseFormat.equals(URL)) {
            return new Image(file != null ? file.toUri().toString()
                    : "data:" + image.format().mimeType() + ";base64," + base64(image), null);
        }
        return new Image(null, base64(image));
    }

    private static String base64(GeneratedImage image) {
        return Base64.getEncoder().encodeToString(image.bytes());
    }

    private static org.springframework.ai.chat.metadata.Usage usage(@Nullable Usage usage) {
        return usage == null ? new EmptyUsage() : new DefaultUsage(tokens(usage.inputTokens()),
                tokens(usage.outputTokens()), tokens(usage.totalTokens()), usage);
    }

    /** Spring AI counts tokens in ints; a count beyond that is shown as the largest int, not wrapped. */
    private static int tokens(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "Imagegen4jImageModel[" + generator.providerId() + "]";
    }
}
