package dev.imagegen4j.mock.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body (RFC 7578) read whole, for the mock server's
 * {@code /v1/images/edits}: what a test client sent, part by part.
 */
public final class FormData {
    private FormData() {
    }

    /**
     * One part of the form.
     *
     * @param name the {@code name} of its {@code Content-Disposition}
     * @param fileName its {@code filename}, or {@code null} for a text field
     * @param contentType its {@code Content-Type}, or {@code null} when it has none
     * @param body its bytes
     */
    public record Part(String name, @Nullable String fileName, @Nullable String contentType, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The boundary of a {@code multipart/form-data} content type, or {@code null} when it is not one. */
    public static @Nullable String boundary(@Nullable String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /**
     * The parts of {@code body}, in order.
     *
     * @throws IllegalArgumentException when the body is not a form with that boundary
     */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new IllegalArgumentException("the body holds no part delimited by its boundary");
        }
        while (true) {
            position += delimiter.length;
            if (startsWith(body, position, "--")) {
                return parts;
            }
            position = skipLineEnd(body, position);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part has no end of headers");
            }
            String headers = new String(body, position, headersEnd - position, StandardCharsets.UTF_8);
            int start = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), start);
            if (next < 0) {
                throw new IllegalArgumentException("the body ends inside a part");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, start, next);
            parts.add(part(headers, content));
            position = next + 2;
        }
    }

    private static Part part(String headers, byte[] content) {
        String name = null;
        String fileName = null;
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-type")) {
                contentType = value;
            } else if (header.equals("content-disposition")) {
                name = parameter(value, "name");
                fileName = parameter(value, "filename");
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("a part has no name in its Content-Disposition");
        }
        return new Part(name, fileName, contentType, content);
    }

    private static @Nullable String parameter(String disposition, String name) {
        for (String parameter : disposition.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.startsWith(name + "=")) {
                String value = trimmed.substring(name.length() + 1);
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static int skipLineEnd(byte[] body, int position) {
        return startsWith(body, position, "\r\n") ? position + 2 : position;
    }

    private static boolean startsWith(byte[] body, int position, String text) {
        if (position + text.length() > body.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[position + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        outer:
        for (int i = from; i <= body.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (body[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
