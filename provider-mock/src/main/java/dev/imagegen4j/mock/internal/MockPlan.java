package dev.imagegen4j.mock.internal;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.Quality;
import dev.imagegen4j.Usage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A validated request with every provider default resolved the way the real models resolve them,
 * and the images it produces. Rendering is a pure function of the plan and the image index.
 *
 * @param model the model id
 * @param prompt the prompt
 * @param size the explicit size ({@code auto} becomes 1024x1024)
 * @param quality the quality ({@code auto} becomes medium)
 * @param transparent whether the background is transparent ({@code auto} becomes opaque)
 * @param format the encoding ({@code auto} becomes PNG)
 * @param compression 0-100, 100 when unset
 * @param count the number of images
 * @param partialImages partial images per image when streaming, 0 otherwise
 * @param seed the request's {@code seed} option, or empty
 */
public record MockPlan(String model, String prompt, ImageSize size, Quality quality, boolean transparent,
                       ImageFormat format, int compression, int count, int partialImages, String seed) {

    /** The size a model picks for {@code auto}. */
    public static final ImageSize AUTO_SIZE = ImageSize.of(1024, 1024);
    /** The option key whose value varies the images of otherwise identical requests. */
    public static final String SEED_OPTION = "seed";

    /** Resolves {@code request}, which must already be valid for {@code model}. */
    public static MockPlan of(ImageRequest request, String model) {
        ImageSize size = request.size() == null || request.size().isAuto() ? AUTO_SIZE : request.size();
        Quality quality = request.quality() == null || request.quality() == Quality.AUTO ? Quality.MEDIUM
                : request.quality();
        ImageFormat requested = request.outputFormat() == null ? null : request.outputFormat().imageFormat();
        ImageFormat format = requested == null ? ImageFormat.PNG : requested;
        Object seed = request.options().get(SEED_OPTION);
        return new MockPlan(model, request.prompt(), size, quality, request.background() == Background.TRANSPARENT,
                format, request.outputCompression() == null ? 100 : request.outputCompression(),
                request.count() == null ? 1 : request.count(),
                request.isStreaming() && request.partialImages() != null ? request.partialImages() : 0,
                seed == null ? "" : seed.toString());
    }

    /** The final image {@code index}, encoded. */
    public byte[] render(int index) {
        return Encoder.encode(paint(index), size.width(), size.height(), transparent, format, compression);
    }

    /**
     * Partial image {@code partialIndex} of image {@code index}: the final picture, coarser the
     * earlier the partial.
     */
    public byte[] renderPartial(int index, int partialIndex) {
        int block = 1 << (partialImages - partialIndex + 2);
        int[] coarse = Painter.pixelate(paint(index), size.width(), size.height(), block);
        return Encoder.encode(coarse, size.width(), size.height(), transparent, format, compression);
    }

    private int[] paint(int index) {
        byte[] promptSeed = sha256(prompt);
        byte[] imageSeed = sha256(String.join("\n", "v2", model, prompt, size.wireName(), quality.wireName(),
                format.name(), Boolean.toString(transparent), Integer.toString(index), seed));
        return Painter.paint(size.width(), size.height(), promptSeed, imageSeed, transparent, prompt);
    }

    /**
     * The tokens this plan costs: about one text token per four characters of prompt, image tokens in
     * proportion to the pixels at the quality's rate per megapixel, and 100 per partial image.
     */
    public Usage usage() {
        long inputTokens = Math.max(1, (prompt.codePointCount(0, prompt.length()) + 3) / 4);
        long perImage = Math.round(tokensPerMegapixel() * size.pixels() / (1024.0 * 1024.0));
        long outputTokens = count * (perImage + 100L * partialImages);
        return new Usage(inputTokens, new Usage.TokenDetails(inputTokens, 0), outputTokens,
                new Usage.TokenDetails(0, outputTokens), inputTokens + outputTokens);
    }

    private int tokensPerMegapixel() {
        return switch (quality) {
            case LOW -> 272;
            case HIGH -> 4160;
            case MEDIUM, AUTO -> 1056;
        };
    }

    /** The background as the response reports it. */
    public String backgroundName() {
        return transparent ? Background.TRANSPARENT.wireName() : Background.OPAQUE.wireName();
    }

    /** The format as the response reports it ({@code png}, {@code jpeg} or {@code webp}). */
    public String formatName() {
        return format == ImageFormat.JPEG ? "jpeg" : format.extension();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
