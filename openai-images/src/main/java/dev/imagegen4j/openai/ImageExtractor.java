package dev.imagegen4j.openai;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.spi.ImageSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a UTF-8 JSON text as bytes, decoding the value of every {@code "b64_json"} member into an
 * {@link ImageSink} as it streams past, and returns the rest, the envelope, with each such value
 * replaced by a short placeholder, {@code "#0"}, {@code "#1"}, …. Gson then parses only the small
 * envelope, and an image's base64 text is never held in memory nor decoded into characters. The
 * envelope (every other string, number and structure) is capped at {@value #ENVELOPE_LIMIT} characters,
 * since Gson builds it whole: a 600 MB {@code revised_prompt} fails as a malformed response instead of
 * exhausting the heap. Working on bytes is safe because in UTF-8 no byte of a multi-byte character is a
 * quote, a backslash or any other ASCII character. Not thread-safe.
 */
final class ImageExtractor implements Closeable {
    private static final byte[] IMAGE_KEY = "b64_json".getBytes(StandardCharsets.US_ASCII);
    /** Characters of JSON besides image data that one response (or one event) may hold. */
    static final int ENVELOPE_LIMIT = 512 * 1024;
    // A small response fits the first buffer; image data moves to the large one, so that a 40 MB body
    // is read in few calls (each a trip through the HTTP client's stream and often a system call).
    private static final int FIRST_BUFFER = 2048;
    private static final int LARGE_BUFFER = 64 * 1024;

    private enum State { OUTSIDE, IN_STRING, IN_STRING_ESCAPE, AFTER_STRING, AFTER_IMAGE_COLON }

    private final InputStream in;
    private final ImagesResponseJson.SinkFactory sinks;
    private final List<GeneratedImage> images = new ArrayList<>();
    private final List<ImageSink> open = new ArrayList<>();
    private byte[] input = new byte[FIRST_BUFFER];
    private int position;
    private int limit;
    private byte[] envelope = new byte[256];
    private int envelopeLength;
    private long envelopeCharacters;
    private State state = State.OUTSIDE;
    /** Where the content of the string being read starts in {@link #envelope}. */
    private int stringStart;
    private boolean stringEscaped;
    private boolean imageKey;

    ImageExtractor(InputStream in, ImagesResponseJson.SinkFactory sinks) {
        this.in = in;
        this.sinks = sinks;
    }

    /** The images extracted so far, in order: placeholder {@code "#i"} is image {@code i}. */
    List<GeneratedImage> images() {
        return images;
    }

    /**
     * Reads the input to its end, decoding the images on the way.
     *
     * @return the envelope: the JSON text with a placeholder for each image
     * @throws ImagesWireException when an image is unreadable or the envelope passes its cap
     */
    String read() throws IOException {
        while (position < limit || fill()) {
            switch (state) {
                case OUTSIDE -> {
                    int quote = find(position, (byte) '"', (byte) '"');
                    copy(quote == limit ? limit : quote + 1);
                    if (quote < limit) {
                        state = State.IN_STRING;
                        stringStart = envelopeLength;
                        stringEscaped = false;
                    }
                }
                case IN_STRING -> {
                    int end = find(position, (byte) '"', (byte) '\\');
                    copy(end == limit ? limit : end + 1);
                    if (end < limit) {
                        if (input[end] == '\\') {
                            stringEscaped = true;
                            state = State.IN_STRING_ESCAPE;
                        } else {
                            // Escapes never occur in the key looked for: such a string is never a match.
                            imageKey = !stringEscaped && isImageKey(envelopeLength - 1);
                            state = State.AFTER_STRING;
                        }
                    }
                }
                case IN_STRING_ESCAPE -> {
                    copy(position + 1);
                    state = State.IN_STRING;
                }
                case AFTER_STRING -> {
                    byte b = input[position];
                    if (b == ':' && imageKey) {
                        copy(position + 1);
                        state = State.AFTER_IMAGE_COLON;
                    } else if (isWhitespace(b)) {
                        copy(position + 1);
                    } else {
                        state = State.OUTSIDE;
                    }
                }
                case AFTER_IMAGE_COLON -> {
                    byte b = input[position];
                    if (b == '"') {
                        position++;
                        divert();
                    } else if (isWhitespace(b)) {
                        copy(position + 1);
                    } else {
                        // null or another type: left for the envelope's parser to report.
                        state = State.OUTSIDE;
                    }
                }
            }
        }
        return new String(envelope, 0, envelopeLength, StandardCharsets.UTF_8);
    }

    private boolean isImageKey(int end) {
        return end - stringStart == IMAGE_KEY.length
                && Arrays.equals(envelope, stringStart, end, IMAGE_KEY, 0, IMAGE_KEY.length);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The index of the first of {@code a} or {@code b} from {@code from}, or {@link #limit}. */
    private int find(int from, byte a, byte b) {
        byte[] bytes = input;
        int end = limit;
        int i = from;
        while (i < end && bytes[i] != a && bytes[i] != b) {
            i++;
        }
        return i;
    }

    /** Moves {@code input[position..to)} to the envelope, counting its characters against the cap. */
    private void copy(int to) throws ImagesWireException {
        int length = to - position;
        long characters = length;
        for (int i = position; i < to; i++) {
            int b = input[i];
            if (b < 0) {
                // A continuation byte adds no character; a four-byte sequence is two (a surrogate pair).
                characters -= (b & 0xC0) == 0x80 ? 1 : 0;
                characters += (b & 0xF8) == 0xF0 ? 1 : 0;
            }
        }
        envelopeCharacters += characters;
        if (envelopeCharacters > ENVELOPE_LIMIT) {
            throw new ImagesWireException("the JSON besides the image data is longer than "
                    + ENVELOPE_LIMIT + " characters, the cap on text in a response");
        }
        append(input, position, length);
        position = to;
    }

    private void append(byte[] bytes, int from, int length) {
        if (envelopeLength + length > envelope.length) {
            envelope = Arrays.copyOf(envelope, Math.max(envelope.length * 2, envelopeLength + length));
        }
        System.arraycopy(bytes, from, envelope, envelopeLength, length);
        envelopeLength += length;
    }

    /** Reads more input; {@code false} at its end. */
    private boolean fill() throws IOException {
        int count;
        do {
            count = in.read(input, 0, input.length);
        } while (count == 0);
        position = 0;
        limit = Math.max(count, 0);
        return count > 0;
    }

    /** Decodes the base64 string value starting at the current input position into a new sink. */
    private void divert() throws IOException {
        int index = images.size() + open.size();
        ImageSink sink = sinks.create(index);
        open.add(sink);
        Base64Decoder decoder = new Base64Decoder(sink);
        while (true) {
            if (position == limit) {
                if (input.length < LARGE_BUFFER) {
                    input = new byte[LARGE_BUFFER];
                }
                if (!fill()) {
                    throw new ImagesWireException("the body ends inside the base64 of image " + index);
                }
            }
            // The decoder takes the ASCII run up to the next quote or escape in one call: the hot loop.
            position = decoder.accept(input, position, limit);
            if (position == limit) {
                continue;
            }
            byte stop = input[position++];
            if (stop == '"') {
                break;
            }
            if (stop != '\\') {
                // Never base64: the decoder names the character.
                decoder.accept(character(stop, index));
                continue;
            }
            char escaped = (char) next(index);
            switch (escaped) {
                case '/' -> decoder.accept('/');
                case 'n', 'r' -> { }
                case 'u' -> decoder.accept(unicodeEscape(index));
                default -> throw new ImagesWireException("the base64 of image " + index
                        + " contains the escape \\" + escaped);
            }
        }
        decoder.finish();
        open.remove(sink);
        try {
            images.add(sink.finish());
        } catch (IllegalArgumentException e) {
            throw new ImagesWireException("image " + index + " is unreadable: " + e.getMessage());
        }
        byte[] placeholder = ("\"#" + index + "\"").getBytes(StandardCharsets.US_ASCII);
        append(placeholder, 0, placeholder.length);
        state = State.OUTSIDE;
    }

    private int next(int index) throws IOException {
        if (position == limit && !fill()) {
            throw new ImagesWireException("the body ends inside the base64 of image " + index);
        }
        return input[position++] & 0xFF;
    }

    /**
     * The character that the UTF-8 sequence starting with {@code lead} encodes (its first UTF-16 unit),
     * U+FFFD when it is malformed, for the message that names it.
     */
    private char character(byte lead, int index) throws IOException {
        int b = lead & 0xFF;
        int following = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
        if (following < 0 || b >= 0xF8) {
            return '\uFFFD';
        }
        byte[] sequence = new byte[following + 1];
        sequence[0] = lead;
        for (int i = 1; i <= following; i++) {
            sequence[i] = (byte) next(index);
        }
        return new String(sequence, StandardCharsets.UTF_8).charAt(0);
    }

    /** The character of a {@code \\uXXXX} escape, which some encoders use for {@code =} and {@code +}. */
    private char unicodeEscape(int index) throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(index), 16);
            if (digit < 0) {
                throw new ImagesWireException("the base64 of image " + index + " has a broken \\u escape");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    /** Discards every sink still being written (deleting spool files). */
    @Override
    public void close() throws IOException {
        try {
            for (ImageSink sink : open) {
                sink.close();
            }
        } finally {
            in.close();
        }
    }
}
