package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.openai.ImagesRequestJson;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of the gptproto provider: one pooled Apache HttpClient, the POST, retries, and the
 * reading of JSON and event-stream responses. Thread-safe.
 */
public final class GptProtoClient implements AutoCloseable {
    /** Waits between attempts; replaced in tests to record delays instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final Settings settings;
    private final URI endpoint;
    private final Errors errors;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;

    public GptProtoClient(Settings settings, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.errors = new Errors(settings.apiKey());
        this.sleeper = sleeper;
        this.clock = clock;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                // HttpClient's own connections log the Authorization header and every body at DEBUG.
                .setConnectionFactory(QuietConnections.INSTANCE)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent("imagegen4j")
                .build();
    }

    /** The redaction used for every message. */
    public Errors errors() {
        return errors;
    }

    /** Connections in the pool, for leak checks. */
    public PoolStats poolStats() {
        return connections.getTotalStats();
    }

    private record Sent(Wire.Result result, @Nullable String requestId) {
    }

    /**
     * Sends {@code call}'s request (already validated), retrying as the policy allows, and returns the
     * images, decoded into the call's sinks, with everything the response reported.
     */
    public ProviderResult send(ProviderCall call) {
        String body = ImagesRequestJson.toJson(call.request(), call.streaming(), Errors.PROVIDER);
        for (int attempt = 0; ; attempt++) {
            try {
                Sent sent = attempt(body, call);
                Wire.Envelope envelope = sent.result().envelope();
                ProviderResult.Builder response = ProviderResult.builder()
                        .created(envelope.created())
                        .size(envelope.size())
                        .quality(envelope.quality())
                        .background(envelope.background())
                        .outputFormat(envelope.outputFormat())
                        .usage(envelope.usage())
                        .requestId(sent.requestId());
                sent.result().images().forEach(response::addImage);
                return response.build();
            } catch (Retryable failure) {
                Duration delay = delayBefore(attempt, failure);
                if (delay == null) {
                    throw failure.exception;
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.exception.addSuppressed(e);
                    throw failure.exception;
                }
            }
        }
    }

    /** The wait before retry number {@code attempt + 1}, or {@code null} when the failure is final. */
    private @Nullable Duration delayBefore(int attempt, Retryable failure) {
        if (attempt >= settings.maxRetries()) {
            return null;
        }
        if (failure.exception instanceof RateLimitException limit && limit.retryAfter().isPresent()) {
            Duration asked = limit.retryAfter().get();
            // A long wait is better decided by the caller than spent blocked inside this call.
            return asked.compareTo(settings.maxRetryAfter()) > 0 ? null : asked;
        }
        double backoff = settings.retryInitialDelay().toMillis() * Math.pow(2, attempt);
        double capped = Math.min(backoff, settings.retryMaxDelay().toMillis());
        double jittered = capped * (1 - 0.25 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis((long) jittered);
    }

    private Sent attempt(String body, ProviderCall call) {
        boolean stream = call.streaming();
        String[] requestIdOut = {null};
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Authorization", settings.authorization());
        post.setHeader("Accept", stream ? "text/event-stream" : "application/json");
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        boolean[] responded = {false};
        try {
            return http.execute(post, response -> {
                responded[0] = true;
                String requestId = header(response, "x-request-id");
                requestIdOut[0] = requestId;
                return new Sent(handle(response, requestId, call, post), requestId);
            });
        } catch (ImageGenerationException | Retryable e) {
            throw e;
        } catch (MalformedBodyException e) {
            throw new ProviderResponseException("Unreadable response: " + e.getMessage(), details(requestIdOut[0]), e);
        } catch (Wire.EmbeddedError e) {
            throw errors.fromEmbeddedError(e.body, requestIdOut[0]);
        } catch (SocketTimeoutException e) {
            throw new GenerationTimeoutException("No response within " + settings.responseTimeout()
                    + (responded[0] ? " while reading the response" : "") + "; image generation can take minutes, "
                    + "so consider a longer response-timeout", details(requestIdOut[0]), e);
        } catch (IOException e) {
            if (responded[0]) {
                // Part of the response was read, so the generation ran and may be billed: never retried.
                throw new ProviderResponseException("The connection failed while reading the response: "
                        + describe(e), details(requestIdOut[0]), e);
            }
            ProviderUnavailableException unavailable = new ProviderUnavailableException(
                    "Cannot reach " + settings.baseUrl() + ": " + describe(e), details(null), e);
            if (isConnectionFailure(e)) {
                throw new Retryable(unavailable);
            }
            throw unavailable;
        }
    }

    private static boolean isConnectionFailure(IOException e) {
        return e instanceof ConnectException || e instanceof HttpHostConnectException
                || e instanceof ConnectTimeoutException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException || e instanceof NoHttpResponseException
                || e instanceof SocketException;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Wire.Result handle(ClassicHttpResponse response, @Nullable String requestId, ProviderCall call,
                               HttpPost post) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status != 200) {
            throw failure(response, status, entity, requestId, post);
        }
        if (entity == null) {
            throw new MalformedBodyException("the response has no body");
        }
        InputStream content = entity.getContent();
        try {
            // The readers may close this view of the body; only this method ends the body itself.
            CappedInputStream body = new CappedInputStream(content, settings.maxResponseBytes());
            Wire.Result result = read(body, entity, call);
            // Whatever follows the JSON is read within the cap, so that the connection can be reused.
            body.transferTo(OutputStream.nullOutputStream());
            content.close();
            return result;
        } catch (IOException | RuntimeException e) {
            abort(post, content);
            throw e;
        }
    }

    /**
     * Ends an exchange whose body was not read to its end. Closing the body would read the rest of it
     * to reuse the connection, and a broken or hostile server may send it forever: the connection is
     * dropped instead.
     */
    private static void abort(HttpPost post, InputStream content) {
        post.abort();
        try {
            content.close();
        } catch (IOException | RuntimeException e) {
            // Expected once the connection is dropped ("Socket closed"), and of no interest.
        }
    }

    private Wire.Result read(InputStream body, HttpEntity entity, ProviderCall call) throws IOException {
        ImageExtractingReader.SinkFactory sinks = index -> call.newSink();
        String type = entity.getContentType() == null ? "" : entity.getContentType();
        if (call.streaming() && type.startsWith("text/event-stream")) {
            return Wire.readStream(body, call::emit, sinks);
        }
        Wire.Result result = Wire.readJson(body, sinks);
        if (call.streaming()) {
            // A gateway that ignores "stream" still answers; the listener gets the images it would have.
            for (int i = 0; i < result.images().size(); i++) {
                call.emit(new ImageEvent.Completed(i, result.images().get(i)));
            }
        }
        return result;
    }

    private RuntimeException failure(ClassicHttpResponse response, int status, @Nullable HttpEntity entity,
                                     @Nullable String requestId, HttpPost post) throws IOException {
        String text = "";
        if (entity != null) {
            InputStream in = entity.getContent();
            byte[] head = in.readNBytes(ERROR_BODY_LIMIT + 1);
            if (head.length > ERROR_BODY_LIMIT) {
                // Only the start of an error page is shown; the rest is not worth reading.
                abort(post, in);
                head = Arrays.copyOf(head, ERROR_BODY_LIMIT);
            } else {
                in.close();
            }
            text = new String(head, StandardCharsets.UTF_8);
        }
        Duration retryAfter = Errors.retryAfter(header(response, "retry-after-ms"), header(response, "retry-after"), clock);
        ImageGenerationException exception = errors.fromStatus(status, response.getReasonPhrase(), ErrorBody.parse(text),
                requestId, retryAfter);
        boolean serverSaysNo = "false".equalsIgnoreCase(header(response, "x-should-retry"));
        boolean retryable = exception instanceof RateLimitException
                || (exception instanceof ProviderUnavailableException && status >= 500);
        return retryable && !serverSaysNo ? new Retryable(exception) : exception;
    }

    private static @Nullable String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static ErrorDetails details(@Nullable String requestId) {
        return ErrorDetails.of(Errors.PROVIDER).withRequestId(requestId);
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** A failure that the retry policy may retry; carries the exception to throw if it does not. */
    private static final class Retryable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ImageGenerationException exception;

        Retryable(ImageGenerationException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    /**
     * Fails the read once more than {@code limit} bytes arrive, so a hostile server cannot exhaust memory.
     * Closing it does not close the body, whose end {@link #handle} decides.
     */
    private static final class CappedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        CappedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        @Override
        public void close() {
            // See the class comment.
        }

        private void count(int read) throws MalformedBodyException {
            count += read;
            if (count > limit) {
                throw new MalformedBodyException("the response is larger than " + limit
                        + " bytes (the gptproto setting max-response-mib)");
            }
        }
    }
}
