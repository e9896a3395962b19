package dev.imagegen4j.http;

import dev.imagegen4j.InputImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A {@code multipart/form-data} request body (RFC 7578), built on HttpClient 5's own
 * {@code MultipartEntityBuilder}, so that providers never touch HttpClient's types. Text parts are
 * UTF-8; file parts are streamed from their source while the request is written, never held in memory
 * whole, and opened afresh for every attempt, so the body is repeatable and the transport may retry it.
 *
 * <pre>{@code
 * Call call = Multipart.builder()
 *         .text("prompt", "a fox")
 *         .image("image", inputImage)
 *         .build()
 *         .post(endpoint)
 *         .header("Authorization", "Bearer " + key);
 * }</pre>
 */
public final class Multipart {
    private static final ContentType UTF8_TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    private final HttpEntity entity;

    private Multipart(HttpEntity entity) {
        this.entity = entity;
    }

    /** A builder with no parts yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A {@code POST} of this body to {@code uri}, with its {@code Content-Type} (and boundary) set. */
    public Call post(URI uri) {
        return Call.post(uri, entity);
    }

    /** The {@code Content-Type} of the body: {@code multipart/form-data; boundary=...}. */
    public String contentType() {
        return entity.getContentType();
    }

    /** The length of the body in bytes. */
    public long length() {
        return entity.getContentLength();
    }

    /** Writes the whole body to {@code out}, as the transport does; for tests and diagnostics. */
    public void writeTo(OutputStream out) throws IOException {
        entity.writeTo(out);
    }

    /** Where the bytes of a file part come from; opened once per attempt and closed after it. */
    @FunctionalInterface
    public interface Source {
        /** A new stream over the part's bytes. */
        InputStream open() throws IOException;
    }

    /** Builds {@link Multipart} bodies; parts are sent in the order they are added. */
    public static final class Builder {
        private final MultipartEntityBuilder parts = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.EXTENDED)
                // HttpClient's MULTIPART_FORM_DATA carries charset=ISO-8859-1, a parameter form-data does not define.
                .setContentType(ContentType.create("multipart/form-data"));

        private Builder() {
        }

        /** Adds the text part {@code name} with {@code value}, as {@code text/plain; charset=UTF-8}. */
        public Builder text(String name, String value) {
            parts.addTextBody(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"), UTF8_TEXT);
            return this;
        }

        /**
         * Adds a file part of exactly {@code length} bytes read from {@code source} while the body is written.
         *
         * @param mimeType such as {@code image/png}
         * @throws IllegalArgumentException when {@code length} is negative
         */
        public Builder file(String name, String fileName, String mimeType, long length, Source source) {
            if (length < 0) {
                throw new IllegalArgumentException("the length of part " + name + " must not be negative but was "
                        + length);
            }
            parts.addPart(Objects.requireNonNull(name, "name"), new StreamedBody(ContentType.create(mimeType),
                    Objects.requireNonNull(fileName, "fileName"), length, Objects.requireNonNull(source, "source")));
            return this;
        }

        /** Adds {@code image} as the file part {@code name}, with its own file name and MIME type. */
        public Builder image(String name, InputImage image) {
            return file(name, image.fileName(), image.format().mimeType(), image.byteCount(), image::openStream);
        }

        public Multipart build() {
            return new Multipart(parts.build());
        }
    }

    /**
     * A file part whose bytes are read from its source at each write. Its length is known, which is what
     * makes HttpClient's multipart entity repeatable (and its {@code Content-Length} exact).
     */
    private static final class StreamedBody extends AbstractContentBody {
        private final String fileName;
        private final long length;
        private final Source source;

        StreamedBody(ContentType type, String fileName, long length, Source source) {
            super(type);
            this.fileName = fileName;
            this.length = length;
            this.source = source;
        }

        @Override
        public String getFilename() {
            return fileName;
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = source.open()) {
                long copied = in.transferTo(out);
                if (copied != length) {
                    // The declared Content-Length would be a lie: the server would wait or misread the next part.
                    throw new IOException("part " + fileName + " has " + copied + " bytes but was declared with "
                            + length + "; did its file change while it was sent?");
                }
            }
        }
    }
}
