package dev.imagegen4j.openai;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events as they arrive. The data of an event is handed over as a {@link Reader}
 * that streams it (consecutive {@code data:} lines joined with a line feed), so a multi-megabyte
 * image in one line is never held whole. CR, LF and CRLF all end lines; comments and the fields
 * {@code id} and {@code retry} are skipped. Not thread-safe.
 */
final class SseReader {
    private static final int FIELD_LIMIT = 64;
    private static final String DATA_PREFIX = "data:";

    /** Receives the data of one event. */
    interface DataHandler {
        void onData(@Nullable String event, Reader data) throws IOException;
    }

    private final PushbackReader in;

    SseReader(Reader in) {
        this.in = new PushbackReader(in, DATA_PREFIX.length() + 1);
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
            int first = in.read();
            if (first < 0) {
                return delivered;
            }
            if (first == '\r' || first == '\n') {
                skipLineFeedAfter(first);
                if (delivered) {
                    return true;
                }
                event = null;
                continue;
            }
            in.unread(first);
            StringBuilder name = new StringBuilder();
            int c = in.read();
            while (c >= 0 && c != ':' && c != '\r' && c != '\n' && name.length() <= FIELD_LIMIT) {
                name.append((char) c);
                c = in.read();
            }
            if (c == ':') {
                skipOptionalSpace();
            } else if (c >= 0) {
                in.unread(c);
            }
            String field = name.toString();
            if (field.equals("data") && !delivered) {
                DataReader data = new DataReader();
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

    private void skipOptionalSpace() throws IOException {
        int c = in.read();
        if (c != ' ' && c >= 0) {
            in.unread(c);
        }
    }

    private void skipLineFeedAfter(int c) throws IOException {
        if (c == '\r') {
            int next = in.read();
            if (next != '\n' && next >= 0) {
                in.unread(next);
            }
        }
    }

    private String readValue() throws IOException {
        StringBuilder value = new StringBuilder();
        int c = in.read();
        while (c >= 0 && c != '\r' && c != '\n') {
            if (value.length() < FIELD_LIMIT * 4) {
                value.append((char) c);
            }
            c = in.read();
        }
        skipLineFeedAfter(c);
        return value.toString();
    }

    private void skipLine() throws IOException {
        int c = in.read();
        while (c >= 0 && c != '\r' && c != '\n') {
            c = in.read();
        }
        skipLineFeedAfter(c);
    }

    /** The data of one event, continuing across consecutive {@code data:} lines. */
    private final class DataReader extends Reader {
        private boolean ended;

        @Override
        public int read(char[] target, int offset, int length) throws IOException {
            if (ended || length == 0) {
                return ended ? -1 : 0;
            }
            int count = 0;
            while (count < length) {
                int c = in.read();
                if (c < 0) {
                    ended = true;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    skipLineFeedAfter(c);
                    if (!continuesWithData()) {
                        ended = true;
                        break;
                    }
                    c = '\n';
                }
                target[offset + count++] = (char) c;
            }
            return count == 0 && ended ? -1 : count;
        }

        /** Whether the next line is another {@code data:} line, consuming its prefix if so. */
        private boolean continuesWithData() throws IOException {
            char[] peek = new char[DATA_PREFIX.length()];
            int read = 0;
            while (read < peek.length) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                peek[read++] = (char) c;
                if (c != DATA_PREFIX.charAt(read - 1)) {
                    break;
                }
            }
            if (read == peek.length && new String(peek).equals(DATA_PREFIX)) {
                skipOptionalSpace();
                return true;
            }
            in.unread(peek, 0, read);
            return false;
        }

        void drain() throws IOException {
            char[] buffer = new char[8192];
            while (read(buffer, 0, buffer.length) >= 0) {
                // Skips data the handler left unread, such as after "[DONE]".
            }
        }

        @Override
        public void close() {
            // The underlying stream belongs to the SseReader.
        }
    }
}
