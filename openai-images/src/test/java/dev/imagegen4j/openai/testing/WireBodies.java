package dev.imagegen4j.openai.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Bodies of the images wire for tests, written by hand (not by the encoders under test): PNG-headed
 * images, JSON responses and server-sent events framed as the contract shows them.
 */
public final class WireBodies {
    private WireBodies() {
    }


    /**
     * A PNG signature and IHDR chunk of {@code width} x {@code height}, then pseudo-random bytes up to
     * {@code length}: {@link dev.imagegen4j.GeneratedImage} reads only the header, so this is an image
     * to the provider, and random bytes make base64 with every character of the alphabet.
     */
    public static byte[] png(int width, int height, int length, long seed) {
        try (InputStream in = pngStream(width, height, length, seed)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small PNG of {@code width} x {@code height}, as an input image: with an alpha channel (RGBA) or not (RGB). */
    public static byte[] png(int width, int height, boolean alpha) {
        byte[] png = png(width, height, 64, width * 31L + height);
        if (alpha) {
            png[25] = 6;
            CRC32 crc = new CRC32();
            crc.update(png, 12, 17);
            long value = crc.getValue();
            for (int i = 0; i < 4; i++) {
                png[29 + i] = (byte) (value >>> (24 - 8 * i));
            }
        }
        return png;
    }

    /** {@link #png} as a stream, for images too large to hold. */
    public static InputStream pngStream(int width, int height, long length, long seed) {
        byte[] header = pngHeader(width, height);
        SplittableRandom random = new SplittableRandom(seed);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int step = (int) Math.min(count, length - position);
                for (int i = 0; i < step; i++, position++) {
                    target[offset + i] = position < header.length ? header[(int) position] : (byte) random.nextInt();
                }
                return step;
            }
        };
    }

    private static byte[] pngHeader(int width, int height) {
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
                0, 0, 0, 13, 'I', 'H', 'D', 'R',
                (byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width,
                (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height,
                8, 2, 0, 0, 0, 0, 0, 0, 0};
        CRC32 crc = new CRC32();
        crc.update(header, 12, 17);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            header[29 + i] = (byte) (value >>> (24 - 8 * i));
        }
        return header;
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A 200 body with {@code images}, the envelope of {@code response-200-n1.json}, and usage. */
    public static String imagesJson(byte[]... images) {
        StringBuilder data = new StringBuilder();
        for (byte[] image : images) {
            data.append(data.length() == 0 ? "" : ",").append("{\"b64_json\":\"").append(base64(image)).append("\"}");
        }
        return "{\"created\":1776843003,\"background\":\"opaque\",\"data\":[" + data + "],\"output_format\":\"png\","
                + "\"quality\":\"low\",\"size\":\"1024x1024\",\"usage\":{\"input_tokens\":9,\"input_tokens_details\":"
                + "{\"image_tokens\":0,\"text_tokens\":9},\"output_tokens\":272,\"total_tokens\":281}}";
    }

    /** One SSE event framed as the contract shows it. */
    public static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    public static String partialEvent(byte[] image, int partialIndex) {
        return event("image_generation.partial_image", "{\"type\":\"image_generation.partial_image\",\"b64_json\":\""
                + base64(image) + "\",\"created_at\":1776843100,\"size\":\"1024x1024\",\"quality\":\"low\","
                + "\"background\":\"opaque\",\"output_format\":\"png\",\"partial_image_index\":" + partialIndex + "}");
    }

    public static String completedEvent(byte[] image) {
        return event("image_generation.completed", "{\"type\":\"image_generation.completed\",\"b64_json\":\""
                + base64(image) + "\",\"created_at\":1776843109,\"size\":\"1024x1024\",\"quality\":\"low\","
                + "\"background\":\"opaque\",\"output_format\":\"png\",\"usage\":{\"total_tokens\":481,"
                + "\"input_tokens\":9,\"output_tokens\":472,\"input_tokens_details\":{\"text_tokens\":9,"
                + "\"image_tokens\":0}}}");
    }
}
