package dev.imagegen4j.openai;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.spi.ImageSink;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A view of a JSON text in which the value of every {@code "b64_json"} member is decoded into an
 * {@link ImageSink} as it streams past and replaced by a short placeholder, {@code "#0"},
 * {@code "#1"}, …. Gson then parses only the small envelope, and an image's base64 text is never
 * held in memory. Everything else (the envelope: every other string, number and structure) is capped
 * at {@value #ENVELOPE_LIMIT} characters, since Gson builds it whole: a 600 MB {@code revised_prompt}
 * fails as a malformed response instead of exhausting the heap. Not thread-safe.
 */
final class ImageExtractingReader extends Reader {
    private static final String IMAGE_KEY = "b64_json";
    private static final int KEY_LIMIT = 16;
    /** Characters of JSON besides image data that one response (or one event) may hold. */
    static final int ENVELOPE_LIMIT = 512 * 1024;

    private enum State { OUTSIDE, IN_STRING, IN_STRING_ESCAPE, AFTER_STRING, AFTER_IMAGE_COLON }

    private final Reader in;
    private final ImagesResponseJson.SinkFactory sinks;
    private final char[] input = new char[8192];
    private final StringBuilder output = new StringBuilder();
    private final StringBuilder lastString = new StringBuilder();
    private final List<GeneratedImage> images = new ArrayList<>();
    private final List<ImageSink> open = new ArrayList<>();
    private State state = State.OUTSIDE;
    private long envelopeLength;
    private int outputPosition;
    private int inputPosition;
    private int inputLength;
    private boolean eof;

    ImageExtractingReader(Reader in, ImagesResponseJson.SinkFactory sinks) {
        this.in = in;
        this.sinks = sinks;
    }

    /** The images extracted so far, in order: placeholder {@code "#i"} is image {@code i}. */
    List<GeneratedImage> images() {
        return images;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        while (outputPosition == output.length()) {
            if (eof) {
                return -1;
            }
            output.setLength(0);
            outputPosition = 0;
            if (!fill()) {
                eof = true;
            } else {
                scan();
            }
        }
        int step = Math.min(length, output.length() - outputPosition);
        output.getChars(outputPosition, outputPosition + step, target, offset);
        outputPosition += step;
        return step;
    }

    private boolean fill() throws IOException {
        int count = in.read(input);
        inputPosition = 0;
        inputLength = Math.max(count, 0);
        return count >= 0;
    }

    private void scan() throws IOException {
        while (inputPosition < inputLength) {
            char c = input[inputPosition];
            switch (state) {
                case IN_STRING -> {
                    if (c == '"') {
                        state = State.AFTER_STRING;
                    } else if (c == '\\') {
                        state = State.IN_STRING_ESCAPE;
                    } else if (lastString.length() <= KEY_LIMIT) {
                        lastString.append(c);
                    }
                    consume(c);
                }
                case IN_STRING_ESCAPE -> {
                    // Escapes never occur in the key looked for: make this string a non-match.
                    lastString.setLength(KEY_LIMIT + 1);
                    state = State.IN_STRING;
                    consume(c);
                }
                case AFTER_STRING -> {
                    if (c == ':' && IMAGE_KEY.contentEquals(lastString)) {
                        state = State.AFTER_IMAGE_COLON;
                        consume(c);
                    } else if (Character.isWhitespace(c)) {
                        consume(c);
                    } else {
                        state = State.OUTSIDE;
                    }
                }
                case AFTER_IMAGE_COLON -> {
                    if (c == '"') {
                        inputPosition++;
                        divert();
                    } else if (Character.isWhitespace(c)) {
                        consume(c);
                    } else {
                        // null or another type: left for the envelope's parser to report.
                        state = State.OUTSIDE;
                    }
                }
                case OUTSIDE -> {
                    if (c == '"') {
                        lastString.setLength(0);
                        state = State.IN_STRING;
                    }
                    consume(c);
                }
            }
        }
    }

    private void consume(char c) throws ImagesWireException {
        if (++envelopeLength > ENVELOPE_LIMIT) {
            throw new ImagesWireException("the JSON besides the image data is longer than "
                    + ENVELOPE_LIMIT + " characters, the cap on text in a response");
        }
        output.append(c);
        inputPosition++;
    }

    /** Decodes the base64 string value starting at the current input position into a new sink. */
    private void divert() throws IOException {
        int index = images.size() + open.size();
        ImageSink sink = sinks.create(index);
        open.add(sink);
        Base64Decoder decoder = new Base64Decoder(sink);
        while (true) {
            if (inputPosition == inputLength && !fill()) {
                throw new ImagesWireException("the body ends inside the base64 of image " + index);
            }
            // Hand over the plain run up to the next quote or escape in one call: this is the hot loop.
            int end = inputPosition;
            while (end < inputLength && input[end] != '"' && input[end] != '\\') {
                end++;
            }
            decoder.accept(input, inputPosition, end);
            inputPosition = end;
            if (end == inputLength) {
                continue;
            }
            if (input[inputPosition++] == '"') {
                break;
            }
            char escaped = next(index);
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
        output.append("\"#").append(index).append('"');
        state = State.OUTSIDE;
    }

    private char next(int index) throws IOException {
        if (inputPosition == inputLength && !fill()) {
            throw new ImagesWireException("the body ends inside the base64 of image " + index);
        }
        return input[inputPosition++];
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
