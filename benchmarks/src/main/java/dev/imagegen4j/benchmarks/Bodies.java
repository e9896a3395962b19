package dev.imagegen4j.benchmarks;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The two prepared responses of the stub server, and what every client checks it decoded.
 *
 * <ul>
 * <li>small: one 8x8 PNG of {@value #SMALL_PNG_LENGTH} bytes, about 170 bytes of JSON;</li>
 * <li>big: {@value #BIG_IMAGES} incompressible PNGs of {@value #BIG_IMAGE_LENGTH} bytes each (30 MiB
 *     decoded, about 42 MB of JSON): a valid signature, IHDR and IEND around one IDAT chunk of random
 *     bytes, enough for every client here, none of which decodes pixels.</li>
 * </ul>
 */
final class Bodies {
    /** The prompt every client sends. */
    static final String PROMPT = "a lighthouse at dusk";
    /** The model every client asks for. */
    static final String MODEL = "gpt-image-1";

    /** An 8x8 PNG of one colour, made with ImageIO. */
    static final String SMALL_PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAE0lEQVR4XmNQCFiAFTFgCg1mCQByTkQB0Ia/gQAAAABJRU5ErkJggg==";
    static final int SMALL_PNG_LENGTH = 76;
    /** Requests asking for this many images get the big body; any other count gets the small one. */
    static final int BIG_IMAGES = 4;
    static final int BIG_IMAGE_LENGTH = 30 * 1024 * 1024 / BIG_IMAGES;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String ENVELOPE_END = "],\"output_format\":\"png\",\"quality\":\"high\",\"background\":\"opaque\"}";

    private Bodies() {
    }

    static byte[] small() {
        return ("{\"created\":1767225600,\"data\":[{\"b64_json\":\"" + SMALL_PNG_BASE64 + "\"}"
                + "],\"output_format\":\"png\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the big body to {@code file}; the same bytes on every run. */
    static void writeBig(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("{\"created\":1767225600,\"data\":[".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < BIG_IMAGES; i++) {
                out.write(((i == 0 ? "" : ",") + "{\"b64_json\":\"").getBytes(StandardCharsets.US_ASCII));
                try (OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() {
                        // The encoder's close writes the padding; the file stays open.
                    }
                })) {
                    writeNoisePng(base64, i);
                }
                out.write("\"}".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(ENVELOPE_END.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A PNG of exactly {@link #BIG_IMAGE_LENGTH} bytes whose image data is random. */
    private static void writeNoisePng(OutputStream out, int seed) throws IOException {
        writeNoisePng(out, BIG_IMAGE_LENGTH, seed);
    }

    /** A PNG of exactly {@code length} bytes whose image data is random. */
    static byte[] noisePng(int length, int seed) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length);
        try {
            writeNoisePng(out, length, seed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeNoisePng(OutputStream out, int length, int seed) throws IOException {
        out.write(PNG_SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13).putInt(2048).putInt(1280)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        // Signature 8, IHDR 25, IEND 12, and the IDAT chunk's own 12 bytes of length, type and CRC.
        byte[] noise = new byte[length - 8 - 25 - 12 - 12];
        new Random(seed).nextBytes(noise);
        chunk(out, "IDAT", noise);
        chunk(out, "IEND", new byte[0]);
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    // ---- the streamed response: three partial images, then the completed one ----

    /** The model and partial images of the streamed request; a request with {@code "stream":true} gets it. */
    static final int STREAM_PARTIALS = 3;
    /** Each image of the stream, partial or completed: about what gpt-image-1 sends for 1024x1024. */
    static final int STREAM_IMAGE_LENGTH = 3 * 1024 * 1024 / 2;

    /**
     * The events of the streamed response, each a complete server-sent event as OpenAI sends it: three
     * {@code image_generation.partial_image} events, then {@code image_generation.completed}.
     */
    static List<byte[]> streamEvents() {
        List<byte[]> events = new ArrayList<>();
        String settings = ",\"created_at\":1767225600,\"size\":\"1024x1024\",\"quality\":\"high\","
                + "\"background\":\"opaque\",\"output_format\":\"png\"";
        for (int i = 0; i <= STREAM_PARTIALS; i++) {
            boolean partial = i < STREAM_PARTIALS;
            String type = partial ? "image_generation.partial_image" : "image_generation.completed";
            String base64 = Base64.getEncoder().encodeToString(noisePng(STREAM_IMAGE_LENGTH, 100 + i));
            String data = "{\"type\":\"" + type + "\",\"b64_json\":\"" + base64 + "\"" + settings
                    + (partial ? ",\"partial_image_index\":" + i
                    : ",\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{\"image_tokens\":0,\"text_tokens\":10},"
                    + "\"output_tokens\":4460,\"total_tokens\":4470}") + "}";
            events.add(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.US_ASCII));
        }
        return events;
    }

    // ---- Stability's binary answer ----

    /** The image Stability's endpoint answers with, as the bytes themselves: one of the big PNGs. */
    static byte[] stabilityImage() {
        return noisePng(BIG_IMAGE_LENGTH, 0);
    }

    /** Fails unless {@code bytes} starts like a PNG of the expected length. */
    static long check(byte[] bytes, int expectedLength) {
        if (bytes.length != expectedLength || bytes[0] != PNG_SIGNATURE[0] || bytes[1] != 'P') {
            throw new IllegalStateException("decoded " + bytes.length + " bytes, not the PNG of " + expectedLength);
        }
        return bytes.length;
    }

    /** Fails unless {@code total} bytes are what the response of {@code images} images holds. */
    static long checkTotal(long total, int images) {
        long expected = images == BIG_IMAGES ? (long) BIG_IMAGES * BIG_IMAGE_LENGTH : SMALL_PNG_LENGTH;
        if (total != expected) {
            throw new IllegalStateException("decoded " + total + " bytes in all, expected " + expected);
        }
        return total;
    }

    /** The expected length of each image in a response of {@code images} images. */
    static int imageLength(int images) {
        return images == BIG_IMAGES ? BIG_IMAGE_LENGTH : SMALL_PNG_LENGTH;
    }
}
