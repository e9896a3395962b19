package dev.imagegen4j.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events (UTF-8) as they arrive. The data of an event is handed over as an
 * {@link InputStream} that streams its bytes (consecutive {@code data:} lines joined with a line feed),
 * so a multi-megabyte image in one line is never held whole, and is copied in runs rather than a
 * character at a time. CR, LF and CRLF all end lines; comments and the fields {@code id} and
 * {@code retry} are skipped. Not thread-safe.
 */
final class SseReader {
    private static final int FIELD_LIMIT = 64;
    private static final byte[] DATA_PREFIX = "data:".getBytes(StandardCharsets.US_ASCII);
    // Events carry whole images: large reads keep the calls into the HTTP client few.
    private static final int BUFFER = 32 * 1024;

    /** Receives the data of one event. */
    interface DataHandler {
        void onData(@Nullable String event, InputStream data) throws IOException;
    }

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    SseReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Reads the next event that has data and hands its data to {@code handler}; events without data
     * are skipped.
     *
     * @return {@code false} at the end of the stream, when no further event had data
     */
    boolean next(DataHandler handler) throws IOException {
        String event = null;
        boolean delivered = false;
        while (true) {
            int first = peek();
            if (first < 0) {
                return delivered;
            }
            if (first == '\r' || first == '\n') {
                position++;
                skipLineFeedAfter(first);
                if (delivered) {
                    return true;
                }
                event = null;
                continue;
            }
            StringBuilder name = new StringBuilder();
            int c = peek();
            while (c >= 0 && c != ':' && c != '\r' && c != '\n' && name.length() <= FIELD_LIMIT) {
                name.append((char) c);
                position++;
                c = peek();
            }
            if (c == ':') {
                position++;
                skipOptionalSpace();
            }
            String field = name.toString();
            if (field.equals("data") && !delivered) {
                DataStream data = new DataStream();
                handler.onData(event, data);
                data.drain();
                delivered = true;
            } else if (field.equals("event")) {
                event = readValue();
            } else {
                skipLine();
            }
        }
    }

    /** The next byte without consuming it; -1 at the end of the stream. */
    private int peek() throws IOException {
        return position < limit || fill() ? buffer[position] & 0xFF : -1;
    }

    private int read() throws IOException {
        return position < limit || fill() ? buffer[position++] & 0xFF : -1;
    }

    private boolean fill() throws IOException {
        int count;
        do {
            count = in.read(buffer, 0, buffer.length);
        } while (count == 0);
        position = 0;
        limit = Math.max(count, 0);
        return count > 0;
    }

    /** Whether {@code count} bytes are buffered after reading more if needed; consumes nothing. */
    private boolean ensure(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < count) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private void skipOptionalSpace() throws IOException {
        if (peek() == ' ') {
            position++;
        }
    }

    private void skipLineFeedAfter(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            position++;
        }
    }

    private String readValue() throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        int c = read();
        while (c >= 0 && c != '\r' && c != '\n') {
            if (value.size() < FIELD_LIMIT * 4) {
                value.write(c);
            }
            c = read();
        }
        skipLineFeedAfter(c);
        return value.toString(StandardCharsets.UTF_8);
    }

    private void skipLine() throws IOException {
        int c = read();
        while (c >= 0 && c != '\r' && c != '\n') {
            c = read();
        }
        skipLineFeedAfter(c);
    }

    /** The data of one event, continuing across consecutive {@code data:} lines. */
    private final class DataStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (ended || length == 0) {
                return ended ? -1 : 0;
            }
            int count = 0;
            while (count < length) {
                if (position == limit && !fill()) {
                    ended = true;
                    break;
                }
                int end = position;
                int stop = Math.min(limit, position + length - count);
                while (end < stop && buffer[end] != '\r' && buffer[end] != '\n') {
                    end++;
                }
                System.arraycopy(buffer, position, target, offset + count, end - position);
                count += end - position;
                position = end;
                if (end == stop) {
                    continue;
                }
                skipLineFeedAfter(buffer[position++]);
                if (!continuesWithData()) {
                    ended = true;
                    break;
                }
                target[offset + count++] = '\n';
            }
            return count == 0 && ended ? -1 : count;
        }

        /** Whether the next line is another {@code data:} line, consuming its prefix if so. */
        private boolean continuesWithData() throws IOException {
            // Byte by byte: the blank line that ends an event must not wait for bytes of the next one.
            for (int i = 0; i < DATA_PREFIX.length; i++) {
                if (!ensure(i + 1) || buffer[position + i] != DATA_PREFIX[i]) {
                    return false;
                }
            }
            position += DATA_PREFIX.length;
            skipOptionalSpace();
            return true;
        }

        void drain() throws IOException {
            byte[] skipped = new byte[1024];
            while (read(skipped, 0, skipped.length) >= 0) {
                // Skips data the handler left unread, such as after "[DONE]".
            }
        }

        @Override
        public void close() {
            // The underlying stream belongs to the SseReader.
        }
    }
}
