package dev.imagegen4j.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * The response a {@link ResponseHandler} reads: status, headers (already {@link Redactor redacted}) and
 * a body capped at the provider's {@code max-response-mib}. Valid only during the handler's call; the
 * transport ends the body afterwards, reusing the connection only when the body was read to its end.
 */
public final class Response {
    private final ClassicHttpResponse response;
    private final URI uri;
    private final Redactor redactor;
    private final Clock clock;
    private final CappedInputStream body;

    /** A response whose body fails with {@code tooLarge} past {@code maxBytes} (see {@link #tooLarge}). */
    Response(ClassicHttpResponse response, URI uri, Redactor redactor, Clock clock, long maxBytes, String tooLarge)
            throws IOException {
        this.response = response;
        this.uri = uri;
        this.redactor = redactor;
        this.clock = clock;
        HttpEntity entity = response.getEntity();
        this.body = new CappedInputStream(entity == null ? InputStream.nullInputStream() : entity.getContent(),
                maxBytes, tooLarge);
    }

    /** The message of a body larger than {@code maxBytes}, the limit that {@code capSetting} sets. */
    static String tooLarge(long maxBytes, String capSetting) {
        return "the response is larger than " + mebibytes(maxBytes) + ", the limit of the " + capSetting;
    }

    /** The HTTP status code. */
    public int status() {
        return response.getCode();
    }

    /** The reason phrase, redacted; {@code null} when the server sent none. */
    public @Nullable String reasonPhrase() {
        String reason = response.getReasonPhrase();
        return reason == null || reason.isBlank() ? null : redactor.redact(reason);
    }

    /** The URI requested, for messages: without query or user info, never a secret. */
    public String uri() {
        return HttpTransport.shown(uri);
    }

    /** The first value of header {@code name}, redacted; {@code null} when absent. */
    public @Nullable String header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : redactor.redact(header.getValue());
    }

    /** Whether the response has a body at all. */
    public boolean hasBody() {
        return response.getEntity() != null;
    }

    /** The {@code Content-Type}, or {@code ""}. */
    public String contentType() {
        String type = response.getEntity() == null ? null : response.getEntity().getContentType();
        return type == null ? "" : type;
    }

    /**
     * The body. Reading more than {@code max-response-mib} fails with a {@link MalformedResponseException}
     * naming the setting; closing it does not end the exchange, which the transport does.
     */
    public InputStream body() {
        return body;
    }

    /**
     * The body with a tighter cap, for a handler that must hold what it reads in memory: reading more than
     * {@code maxBytes} fails with a {@link MalformedResponseException} saying {@code tooLarge}.
     */
    public InputStream body(long maxBytes, String tooLarge) {
        return new CappedInputStream(body, maxBytes, tooLarge);
    }

    /**
     * The delay the response asks for: {@code retry-after-ms} first, then {@code retry-after} as seconds
     * or an HTTP date; {@code null} when neither is present and valid.
     */
    public @Nullable Duration retryAfter() {
        return retryAfter(header("retry-after-ms"), header("retry-after"), clock);
    }

    /** {@link #retryAfter()} from the two header values. */
    public static @Nullable Duration retryAfter(@Nullable String millis, @Nullable String seconds, Clock clock) {
        if (millis != null) {
            try {
                return atLeastZero(Duration.ofNanos((long) (Double.parseDouble(millis.strip()) * 1_000_000)));
            } catch (NumberFormatException e) {
                // Fall through to retry-after, as the SDKs do.
            }
        }
        if (seconds == null) {
            return null;
        }
        String text = seconds.strip();
        try {
            return atLeastZero(Duration.ofMillis((long) (Double.parseDouble(text) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return atLeastZero(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration atLeastZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** Whether the body was read to its end, so that the connection can be reused. */
    boolean fullyRead() {
        return body.ended;
    }

    /** Reads the rest of the body within the cap, so that the connection can be reused. */
    void drain() throws IOException {
        // Most handlers read to the end: then there is nothing to drain, and no 8 KiB buffer to allocate for it.
        if (!body.ended) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The underlying body, which only the transport closes. */
    InputStream rawBody() {
        return body.raw();
    }

    /**
     * Fails the read once more than {@code limit} bytes arrive, so a hostile server cannot exhaust memory.
     * Closing it does not close the body, whose end the transport decides.
     */
    private static final class CappedInputStream extends FilterInputStream {
        private final long limit;
        private final String tooLarge;
        private long count;
        private boolean ended;

        CappedInputStream(InputStream in, long limit, String tooLarge) {
            super(in);
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        InputStream raw() {
            return in;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            if (read < 0) {
                ended = true;
            } else if (read > 0) {
                count(read);
            }
            return read;
        }

        /** Copies in 64 KiB reads, not InputStream's 8 KiB: a large image then takes few reads and writes. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = read(buffer, 0, buffer.length); read >= 0; read = read(buffer, 0, buffer.length)) {
                out.write(buffer, 0, read);
                total += read;
            }
            return total;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping would bypass the count; read instead.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public void close() {
            // See the class comment.
        }

        private void count(int read) throws MalformedResponseException {
            count += read;
            if (count > limit) {
                throw new MalformedResponseException(tooLarge);
            }
        }
    }

    static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
