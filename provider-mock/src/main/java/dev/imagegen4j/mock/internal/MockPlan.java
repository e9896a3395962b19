package dev.imagegen4j.mock.internal;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.Quality;
import dev.imagegen4j.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A validated request with every provider default resolved the way the real models resolve them,
 * and the images it produces. Rendering is a pure function of the plan and the image index.
 *
 * @param model the model id
 * @param prompt the prompt
 * @param size the explicit size ({@code auto} becomes the first reference image's size, else 1024x1024;
 *        an aspect ratio becomes the exact size of that shape nearest its tier's pixel count)
 * @param quality the quality ({@code auto} becomes medium)
 * @param transparent whether the background is transparent ({@code auto} becomes opaque)
 * @param format the encoding ({@code auto} becomes PNG)
 * @param compression 0-100, 100 when unset
 * @param count the number of images
 * @param partialImages partial images per image when streaming, 0 otherwise
 * @param variation everything else that changes the pictures: seed, negative prompt, extras and the
 *        digests of the reference images and mask
 * @param billed whether the model reports token usage
 */
public record MockPlan(String model, String prompt, ImageSize.Exact size, Quality quality, boolean transparent,
                       ImageFormat format, int compression, int count, int partialImages, String variation,
                       boolean billed) {

    /** The size a model picks for {@code auto} when there is no reference image. */
    public static final ImageSize.Exact AUTO_SIZE = ImageSize.of(1024, 1024);

    /** Resolves {@code request}, already valid for its model, for a call that makes {@code count} images. */
    public static MockPlan of(ImageRequest request, String providerId, int count, boolean streaming, boolean billed) {
        Quality quality = request.quality() == null || request.quality() == Quality.AUTO ? Quality.MEDIUM
                : request.quality();
        ImageFormat requested = request.outputFormat() == null ? null : request.outputFormat().imageFormat();
        ImageFormat format = requested == null ? ImageFormat.PNG : requested;
        return new MockPlan(String.valueOf(request.model()), request.prompt(), size(request), quality,
                request.background() == Background.TRANSPARENT, format,
                request.outputCompression() == null ? 100 : request.outputCompression(), count,
                streaming && request.partialImages() != null ? request.partialImages() : 0,
                variation(request, providerId), billed);
    }

    private static ImageSize.Exact size(ImageRequest request) {
        ImageSize size = request.size();
        if (size instanceof ImageSize.Exact exact) {
            return exact;
        }
        if (size instanceof ImageSize.AspectRatio ratio) {
            return ofShape(ratio);
        }
        return request.images().isEmpty() ? AUTO_SIZE
                : ImageSize.of(request.images().get(0).width(), request.images().get(0).height());
    }

    /** The exact size of {@code ratio}'s shape nearest its tier's pixel count (1K: 1 MP, 2K: 4 MP). */
    private static ImageSize.Exact ofShape(ImageSize.AspectRatio ratio) {
        long pixels = "2K".equals(ratio.tier()) ? 2048L * 2048 : 1024L * 1024;
        int divisor = gcd(ratio.width(), ratio.height());
        int width = ratio.width() / divisor;
        int height = ratio.height() / divisor;
        long scale = Math.max(1, Math.round(Math.sqrt((double) pixels / ((long) width * height))));
        return ImageSize.of(Math.toIntExact(width * scale), Math.toIntExact(height * scale));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String variation(ImageRequest request, String providerId) {
        List<String> parts = new ArrayList<>();
        parts.add(request.seed() == null ? "" : "seed=" + request.seed());
        parts.add(request.negativePrompt() == null ? "" : "negative=" + request.negativePrompt());
        for (Map.Entry<String, Object> extra : request.extras(providerId).entrySet()) {
            parts.add(extra.getKey() + "=" + extra.getValue());
        }
        for (InputImage image : request.images()) {
            parts.add("image=" + digest(image));
        }
        if (request.mask() != null) {
            parts.add("mask=" + digest(request.mask()));
        }
        return String.join("\n", parts);
    }

    private static String digest(InputImage image) {
        try (InputStream in = new DigestInputStream(image.openStream(), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image, e);
        }
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
        byte[] imageSeed = sha256(String.join("\n", "v3", model, prompt, size.text(), quality.id(),
                format.name(), Boolean.toString(transparent), Integer.toString(index), variation));
        return Painter.paint(size.width(), size.height(), promptSeed, imageSeed, transparent, prompt);
    }

    /**
     * The tokens this plan costs, or {@code null} for a model that bills per image: about one text token
     * per four characters of prompt, image tokens in proportion to the pixels at the quality's rate per
     * megapixel, and 100 per partial image.
     */
    public @Nullable Usage usage() {
        if (!billed) {
            return null;
        }
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
        return transparent ? Background.TRANSPARENT.id() : Background.OPAQUE.id();
    }

    /** The format as the response reports it ({@code png}, {@code jpeg} or {@code webp}). */
    public String formatName() {
        return format == ImageFormat.JPEG ? "jpeg" : format.extension();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] sha256(String text) {
        return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
