package dev.imagegen4j.internal;

import dev.imagegen4j.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The format and dimensions of an encoded image, read from its header without decoding pixels.
 *
 * @param format the detected encoding
 * @param width the width in pixels
 * @param height the height in pixels
 * @param alpha whether the header declares an alpha channel (a PNG colour type with alpha, a WebP alpha flag)
 */
public record ImageHeader(ImageFormat format, int width, int height, boolean alpha) {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /**
     * Reads the header at the start of {@code in}, consuming only as much as it needs.
     *
     * @throws IllegalArgumentException saying what is wrong when the bytes are not a PNG, JPEG or
     *         WebP header with positive dimensions, or end before the dimensions
     * @throws IOException when reading fails
     */
    public static ImageHeader read(InputStream in) throws IOException {
        byte[] start = new byte[12];
        int length = in.readNBytes(start, 0, start.length);
        try {
            if (length >= 8 && startsWith(start, PNG_SIGNATURE)) {
                return png(in);
            }
            if (length >= 3 && (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xD8 && (start[2] & 0xFF) == 0xFF) {
                return jpeg(in, start, length);
            }
            if (length == 12 && ascii(start, 0, 4).equals("RIFF") && ascii(start, 8, 4).equals("WEBP")) {
                return webp(in);
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("the image header is truncated", e);
        }
        throw new IllegalArgumentException("the bytes are not a PNG, JPEG or WebP image (they start with "
                + hex(start, length) + ")");
    }

    private static ImageHeader png(InputStream in) throws IOException {
        // Signature (8), IHDR length (4) and type (4), then width, height, bit depth and colour type.
        byte[] rest = readFully(in, 14);
        if (!ascii(rest, 0, 4).equals("IHDR")) {
            throw new IllegalArgumentException("the PNG does not start with an IHDR chunk");
        }
        int colourType = rest[13] & 0xFF;
        boolean alpha = colourType == 4 || colourType == 6 || hasTransparencyChunk(in);
        return checked(ImageFormat.PNG, bigEndian(rest, 4, 4), bigEndian(rest, 8, 4), alpha);
    }

    /**
     * Whether a tRNS chunk (transparency for grey, RGB and palette images) comes before the image data;
     * reads from just after IHDR's data, at most up to the first IDAT. A truncated file has none.
     */
    private static boolean hasTransparencyChunk(InputStream in) throws IOException {
        // IHDR's last 3 bytes of data (compression, filter, interlace) and its CRC.
        if (in.skip(7) < 7) {
            return false;
        }
        while (true) {
            byte[] chunk = in.readNBytes(8);
            if (chunk.length < 8) {
                return false;
            }
            String type = ascii(chunk, 4, 4);
            if (type.equals("tRNS")) {
                return true;
            }
            if (type.equals("IDAT") || type.equals("IEND")) {
                return false;
            }
            long skip = (bigEndian(chunk, 0, 4) & 0xFFFFFFFFL) + 4;
            if (in.skip(skip) < skip) {
                return false;
            }
        }
    }

    private static ImageHeader jpeg(InputStream in, byte[] start, int length) throws IOException {
        // Walk the marker segments after SOI until a start-of-frame segment, which holds the size.
        InputStream body = new SequenceInputStream(
                new ByteArrayInputStream(start, 2, length - 2), in);
        while (true) {
            int marker = readByte(body);
            if (marker != 0xFF) {
                throw new IllegalArgumentException("the JPEG has no marker where one is expected");
            }
            while (marker == 0xFF) {
                marker = readByte(body);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new IllegalArgumentException("the JPEG has no frame header before its image data");
            }
            int segmentLength = bigEndian(readFully(body, 2), 0, 2);
            if (segmentLength < 2) {
                throw new IllegalArgumentException("the JPEG has a segment of impossible length " + segmentLength);
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF
                    && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                byte[] frame = readFully(body, 5);
                return checked(ImageFormat.JPEG, bigEndian(frame, 3, 2), bigEndian(frame, 1, 2), false);
            }
            body.skipNBytes(segmentLength - 2);
        }
    }

    private static ImageHeader webp(InputStream in) throws IOException {
        byte[] chunk = readFully(in, 8);
        String fourcc = ascii(chunk, 0, 4);
        switch (fourcc) {
            case "VP8 " -> {
                // Frame tag (3), start code 9d 01 2a, then 14-bit width and height.
                byte[] frame = readFully(in, 10);
                if ((frame[3] & 0xFF) != 0x9D || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2A) {
                    throw new IllegalArgumentException("the WebP VP8 frame has no start code");
                }
                return checked(ImageFormat.WEBP, littleEndian(frame, 6, 2) & 0x3FFF, littleEndian(frame, 8, 2) & 0x3FFF,
                        false);
            }
            case "VP8L" -> {
                byte[] header = readFully(in, 5);
                if ((header[0] & 0xFF) != 0x2F) {
                    throw new IllegalArgumentException("the WebP VP8L chunk has no signature");
                }
                int bits = littleEndian(header, 1, 4);
                return checked(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1,
                        ((bits >>> 28) & 1) == 1);
            }
            case "VP8X" -> {
                byte[] header = readFully(in, 10);
                return checked(ImageFormat.WEBP, littleEndian(header, 4, 3) + 1, littleEndian(header, 7, 3) + 1,
                        (header[0] & 0x10) != 0);
            }
            default -> throw new IllegalArgumentException("the WebP starts with an unknown chunk '" + fourcc + "'");
        }
    }

    private static ImageHeader checked(ImageFormat format, int width, int height, boolean alpha) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("the " + format + " header gives an impossible size "
                    + width + "x" + height);
        }
        return new ImageHeader(format, width, height, alpha);
    }

    private static int readByte(InputStream in) throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new EOFException();
        }
        return value;
    }

    private static byte[] readFully(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException();
        }
        return bytes;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int bigEndian(byte[] bytes, int offset, int length) {
        int value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static int littleEndian(byte[] bytes, int offset, int length) {
        int value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static String hex(byte[] bytes, int length) {
        if (length == 0) {
            return "nothing: they are empty";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(length, 8); i++) {
            text.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", bytes[i]));
        }
        return text.toString();
    }
}
