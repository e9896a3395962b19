package dev.imagegen4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;

/**
 * The floor: the least a Java client can do for this exchange. Apache HttpClient 5 posts a fixed body
 * and the response is scanned as bytes for {@code "b64_json"}, whose value is decoded with the JDK's
 * decoder in 16 KiB blocks straight into a file (or a {@code byte[]}). No JSON parser, no validation,
 * no retries, no escapes inside the base64 (the stub sends none): not a client to ship, a lower bound.
 */
final class FloorClient implements BenchClient {
    private static final byte[] KEY = "\"b64_json\"".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK = 1 << 14;   // base64 characters decoded at a time; a multiple of 4

    private final CloseableHttpClient http;
    private final String endpoint;
    private final Path spool;

    FloorClient(String url, Path spool) {
        this.endpoint = url + "/v1/images/generations";
        this.spool = spool;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(16).setMaxConnPerRoute(16).build())
                .disableAutomaticRetries()
                .disableContentCompression()
                .build();
    }

    @Override
    public long fetch(int images) throws IOException {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Authorization", "Bearer k");
        post.setEntity(new ByteArrayEntity(("{\"model\":\"" + Bodies.MODEL + "\",\"prompt\":\"" + Bodies.PROMPT
                + "\",\"n\":" + images + "}").getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        long total = http.execute(post, response -> {
            if (response.getCode() != 200) {
                throw new IOException("status " + response.getCode());
            }
            try (InputStream in = response.getEntity().getContent()) {
                return new Extractor(in).extractAll(images);
            }
        });
        return Bodies.checkTotal(total, images);
    }

    @Override
    public void close() throws IOException {
        http.close(CloseMode.GRACEFUL);
        if (spool != null) {
            BenchClient.deleteTree(spool);
        }
    }

    /** One response's bytes, read through a 16 KiB buffer. */
    private final class Extractor {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 14];
        private int position;
        private int limit;

        Extractor(InputStream in) {
            this.in = in;
        }

        long extractAll(int images) throws IOException {
            long total = 0;
            while (findValue()) {
                if (spool == null) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    decodeValue(bytes);
                    total += Bodies.check(bytes.toByteArray(), Bodies.imageLength(images));
                } else {
                    Path file = Files.createTempFile(spool, "floor-", ".png");
                    try (OutputStream out = Files.newOutputStream(file)) {
                        decodeValue(out);
                    }
                    total += Files.size(file);
                    Files.delete(file);
                }
            }
            return total;
        }

        /** Moves past the opening quote of the next {@code "b64_json"} value; false at the end of the body. */
        private boolean findValue() throws IOException {
            int matched = 0;
            for (int b; (b = next()) >= 0; ) {
                if (matched == KEY.length) {
                    if (b == '"') {
                        return true;
                    }
                    continue;   // the colon and any spaces
                }
                matched = b == KEY[matched] ? matched + 1 : b == '"' ? 1 : 0;
            }
            return false;
        }

        /** Decodes up to the closing quote into {@code out}. */
        private void decodeValue(OutputStream out) throws IOException {
            Base64.Decoder decoder = Base64.getDecoder();
            byte[] text = new byte[BLOCK];
            byte[] decoded = new byte[BLOCK / 4 * 3];
            int pending = 0;
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("the body ends inside an image");
                }
                int end = position;
                while (end < limit && buffer[end] != '"') {
                    end++;
                }
                while (position < end) {
                    int step = Math.min(end - position, BLOCK - pending);
                    System.arraycopy(buffer, position, text, pending, step);
                    position += step;
                    pending += step;
                    if (pending == BLOCK) {
                        out.write(decoded, 0, decoder.decode(text, decoded));
                        pending = 0;
                    }
                }
                if (end < limit) {
                    position++;   // the closing quote
                    out.write(decoded, 0, decoder.decode(Arrays.copyOf(text, pending), decoded));
                    return;
                }
            }
        }

        private int next() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }
    }
}
