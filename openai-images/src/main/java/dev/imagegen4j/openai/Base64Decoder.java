package dev.imagegen4j.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decodes base64 text pushed to it one character at a time and writes the bytes on, so that an image
 * is decoded while its JSON is still arriving and the text is never held whole. Accepts the standard
 * and the URL-safe alphabet; line breaks are skipped. A {@code data:} URL's header
 * ({@code data:image/png;base64,}), which GPTProto's {@code -plus} models put before their base64, is
 * skipped too.
 */
final class Base64Decoder {
    private static final int[] VALUES = new int[128];
    private static final String DATA = "data:";
    private static final int DATA_HEADER_LIMIT = 256;

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        VALUES['-'] = 62;
        VALUES['_'] = 63;
    }

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int buffered;
    private int quantum;
    private int quantumLength;
    private int padding;
    /** The start of the text while it may still be a {@code data:} header; {@code null} once decided. */
    private @Nullable StringBuilder head = new StringBuilder();
    private boolean inHeader;

    Base64Decoder(OutputStream out) {
        this.out = out;
    }

    /** Accepts {@code chars[from..to)}; the same as accepting each, in a tight loop for the common case. */
    void accept(char[] chars, int from, int to) throws IOException {
        while (head != null && from < to) {
            accept(chars[from++]);
        }
        int bits = quantum;
        int length = quantumLength;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0 || padding > 0) {
                // Line breaks, padding and errors are rare: the one-character path handles them.
                quantum = bits;
                quantumLength = length;
                accept(c);
                bits = quantum;
                length = quantumLength;
                continue;
            }
            bits = (bits << 6) | value;
            if (++length == 4) {
                if (buffered > buffer.length - 3) {
                    out.write(buffer, 0, buffered);
                    buffered = 0;
                }
                buffer[buffered++] = (byte) (bits >> 16);
                buffer[buffered++] = (byte) (bits >> 8);
                buffer[buffered++] = (byte) bits;
                bits = 0;
                length = 0;
            }
        }
        quantum = bits;
        quantumLength = length;
    }

    void accept(char c) throws IOException {
        if (head != null) {
            header(c);
        } else {
            decode(c);
        }
    }

    private void header(char c) throws IOException {
        StringBuilder text = java.util.Objects.requireNonNull(head);
        if (inHeader) {
            if (c == ',') {
                if (!text.toString().endsWith(";base64")) {
                    throw new ImagesWireException("the image is a data: URL that is not base64");
                }
                head = null;
            } else if (text.length() >= DATA_HEADER_LIMIT) {
                throw new ImagesWireException("the image's data: header is longer than " + DATA_HEADER_LIMIT
                        + " characters");
            } else {
                text.append(c);
            }
            return;
        }
        text.append(c);
        if (!DATA.startsWith(text.toString())) {
            head = null;
            for (int i = 0; i < text.length(); i++) {
                decode(text.charAt(i));
            }
        } else if (text.length() == DATA.length()) {
            inHeader = true;
        }
    }

    private void decode(char c) throws IOException {
        if (c == '\n' || c == '\r') {
            return;
        }
        if (c == '=') {
            padding++;
            if (quantumLength + padding > 4 || quantumLength < 2) {
                throw new ImagesWireException("the base64 image has misplaced padding");
            }
            return;
        }
        int value = c < 128 ? VALUES[c] : -1;
        if (value < 0) {
            throw new ImagesWireException("the base64 image contains the character U+"
                    + String.format("%04X", (int) c));
        }
        if (padding > 0) {
            throw new ImagesWireException("the base64 image continues after its padding");
        }
        quantum = (quantum << 6) | value;
        if (++quantumLength == 4) {
            emit(quantum >> 16);
            emit(quantum >> 8);
            emit(quantum);
            quantum = 0;
            quantumLength = 0;
        }
    }

    /** Writes the last partial quantum and flushes. */
    void finish() throws IOException {
        if (inHeader && head != null) {
            throw new ImagesWireException("the image ends inside its data: header");
        }
        if (head != null) {
            String text = head.toString();
            head = null;
            for (int i = 0; i < text.length(); i++) {
                decode(text.charAt(i));
            }
        }
        switch (quantumLength) {
            case 0 -> { }
            case 2 -> emit(quantum >> 4);
            case 3 -> {
                emit(quantum >> 10);
                emit(quantum >> 2);
            }
            default -> throw new ImagesWireException("the base64 image ends in the middle of a character group");
        }
        quantumLength = 0;
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    private void emit(int value) throws IOException {
        buffer[buffered++] = (byte) value;
        if (buffered == buffer.length) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }
}
