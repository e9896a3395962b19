package dev.imagegen4j.mock.internal;

import dev.imagegen4j.ImageFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes ARGB pixels as PNG or JPEG with the JDK's ImageIO, and as WebP with the ImageIO plugin of
 * webp-imageio (libwebp), found at run time through ImageIO's service registry.
 */
final class Encoder {
    private Encoder() {
    }

    /**
     * @param alpha whether to keep the alpha channel (ignored for JPEG, which has none)
     * @param compression 0-100 as {@code output_compression} means it: 100 keeps the most quality
     */
    static byte[] encode(int[] pixels, int width, int height, boolean alpha, ImageFormat format, int compression) {
        boolean keepAlpha = alpha && format != ImageFormat.JPEG;
        BufferedImage image = new BufferedImage(width, height,
                keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        ImageWriter writer = writer(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(pixels.length / 4 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format != ImageFormat.PNG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                if (format == ImageFormat.WEBP) {
                    param.setCompressionType(lossyType(param));
                }
                param.setCompressionQuality(compression / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a mock " + format + " image failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter writer(ImageFormat format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(format.mimeType());
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format.mimeType()
                    + " is on the class path; WebP needs com.github.usefulness:webp-imageio");
        }
        return writers.next();
    }

    private static String lossyType(ImageWriteParam param) {
        return Arrays.stream(param.getCompressionTypes())
                .filter(type -> type.equalsIgnoreCase("Lossy"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the WebP writer offers no lossy mode, only "
                        + Arrays.toString(param.getCompressionTypes())));
    }
}
