package dev.imagegen4j.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decodes base64 text pushed to it in pieces and writes the bytes on, so that an image is decoded while
 * its JSON is still arriving and the text is never held whole. Accepts the standard and the URL-safe
 * alphabet; line breaks are skipped. A {@code data:} URL's header ({@code data:image/png;base64,}),
 * which GPTProto's {@code -plus} models put before their base64, is skipped too. Not thread-safe.
 */
final class Base64Decoder {
    /** The value of each byte in either alphabet; -1 for any other byte. */
    private static final int[] VALUES = new int[256];
    private static final String DATA = "data:";
    private static final int DATA_HEADER_LIMIT = 256;
    // Small first, since most images of a small response fit: an unused 64 KiB buffer per image cost
    // more than parsing a whole small response. Large images grow it to LARGE_BUFFER at the first flush.
    private static final int FIRST_BUFFER = 1024;
    private static final int LARGE_BUFFER = 64 * 1024;

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
    private byte[] buffer = new byte[FIRST_BUFFER];
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

    /**
     * Accepts {@code text[from..to)} up to its first quote, backslash or non-ASCII byte, which end a JSON
     * string's plain run: the same as accepting each byte as a character, with whole groups of four
     * decoded in one step. This is the hot loop of a large response, one pass over its bytes.
     *
     * @return the index of the byte that ended the run, or {@code to}
     */
    int accept(byte[] text, int from, int to) throws IOException {
        int i = from;
        while (i < to) {
            if (quantumLength == 0 && padding == 0 && head == null) {
                i = decodeGroups(text, i, to);
                if (i == to) {
                    break;
                }
            }
            // A group split across pieces, a line break, padding, the end of the run or an error: one
            // character at a time.
            byte b = text[i];
            if (b == '"' || b == '\\' || b < 0) {
                return i;
            }
            accept((char) b);
            i++;
        }
        return to;
    }

    /** Decodes whole groups of four alphabet characters from {@code i}; returns where it stopped. */
    private int decodeGroups(byte[] text, int i, int to) throws IOException {
        byte[] target = buffer;
        int length = buffered;
        while (i + 4 <= to) {
            // Any byte outside the alphabet makes its value -1, and so the whole group negative.
            int bits = VALUES[text[i] & 0xFF] << 18 | VALUES[text[i + 1] & 0xFF] << 12
                    | VALUES[text[i + 2] & 0xFF] << 6 | VALUES[text[i + 3] & 0xFF];
            if (bits < 0) {
                break;
            }
            if (length > target.length - 3) {
                buffered = length;
                flush();
                target = buffer;
                length = 0;
            }
            target[length] = (byte) (bits >> 16);
            target[length + 1] = (byte) (bits >> 8);
            target[length + 2] = (byte) bits;
            length += 3;
            i += 4;
        }
        buffered = length;
        return i;
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
        int value = c < 256 ? VALUES[c] : -1;
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
        if (buffered == buffer.length) {
            flush();
        }
        buffer[buffered++] = (byte) value;
    }

    /** Writes the buffer on; the first time, swaps it for a large one, since the image is large. */
    private void flush() throws IOException {
        out.write(buffer, 0, buffered);
        buffered = 0;
        if (buffer.length < LARGE_BUFFER) {
            buffer = new byte[LARGE_BUFFER];
        }
    }
}
