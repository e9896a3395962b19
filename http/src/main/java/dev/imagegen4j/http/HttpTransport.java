package dev.imagegen4j.http;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ImageSinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * One provider's HTTP client: a pool of HTTP/1.1 connections with the provider's {@link HttpSettings},
 * through which every request of that provider goes. Thread-safe; close it with its generator.
 *
 * <ul>
 * <li><b>Timeouts.</b> {@code connect-timeout} bounds the TCP connect and the TLS handshake.
 *     {@code response-timeout} is an overall deadline for each attempt, from the moment the request
 *     starts being sent to the last byte of the response: the exchange is aborted when it passes,
 *     however steadily a server trickles bytes.</li>
 * <li><b>Retries</b> ({@code max-retries}, exponential backoff with jitter, {@code Retry-After} and
 *     {@code retry-after-ms} honoured up to {@code max-retry-after}): a 408, 429 or 5xx whose exception
 *     is retryable, unless the server sent {@code x-should-retry: false}; a connection that failed
 *     before the request body was written (refused, reset, unknown host, connect timeout). A connection
 *     that fails after the body was written, or a deadline that passes then, is not retried unless
 *     {@code retry-after-send} is true: the server may have received it, and a generation may be billed.
 *     Every exception's {@code isRetryable()} says which of these it is.</li>
 * <li><b>Cancellation.</b> Interrupting the calling thread aborts the exchange within a tenth of a
 *     second (the connection is closed, not reused) and ends the call with a
 *     {@link GenerationCancelledException}; the thread stays interrupted.</li>
 * <li><b>Bounded reading.</b> Every body is capped at {@code max-response-mib}.</li>
 * <li><b>Redaction.</b> Header values, reason phrases and I/O messages pass through the
 *     {@link Redactor} before they reach a message; causes are replaced by redacted copies.</li>
 * <li><b>Proxies.</b> The {@code proxy} setting, else the JVM's proxy properties.</li>
 * </ul>
 */
public final class HttpTransport implements AutoCloseable {
    /** Waits between attempts; replaced in tests to record delays instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}; an interrupt ends the wait and the retries. */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpSettings settings;
    private final Redactor redactor;
    private final Sleeper sleeper;
    private final Clock clock;
    private final String requestIdHeader;
    /** Made once: describing a setting builds its environment name with a regular expression. */
    private final String tooLarge;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;

    private HttpTransport(Builder builder) {
        this.settings = builder.settings;
        this.redactor = builder.redactor;
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.requestIdHeader = builder.requestIdHeader;
        this.tooLarge = Response.tooLarge(settings.maxResponseBytes(), settings.describe("max-response-mib"));
        Timeout connectTimeout = Timeout.of(settings.connectTimeout());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                // HttpClient's own connections log the Authorization header and every body at DEBUG.
                .setConnectionFactory(QuietConnections.INSTANCE)
                // The system default honours javax.net.ssl.trustStore, as corporate TLS-inspecting proxies need.
                .setTlsSocketStrategy(builder.sslContext == null ? DefaultClientTlsStrategy.createSystemDefault()
                        : new DefaultClientTlsStrategy(builder.sslContext))
                .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connectTimeout).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .build();
        HttpClientBuilder client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.responseTimeout()))
                        // A redirect could carry the credentials to another host.
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent("imagegen4j");
        HttpSettings.Proxy proxy = settings.proxy();
        if (proxy == null) {
            // A null selector means ProxySelector.getDefault() at each request: https.proxyHost, http.proxyHost,
            // http.nonProxyHosts and java.net.useSystemProxies, as the JVM reads them.
            client.setRoutePlanner(new SystemDefaultRoutePlanner(null));
        } else {
            HttpHost host = new HttpHost("http", proxy.host(), proxy.port());
            client.setRoutePlanner(new DefaultProxyRoutePlanner(host));
            if (proxy.user() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                // Scoped to the proxy alone, so that the credentials never reach a target host.
                credentials.setCredentials(new AuthScope(host),
                        new UsernamePasswordCredentials(proxy.user(), Objects.requireNonNullElse(proxy.password(), "")
                                .toCharArray()));
                client.setDefaultCredentialsProvider(credentials);
            }
        }
        this.http = client.build();
    }

    /**
     * A builder for a transport with {@code settings} whose messages pass through {@code redactor}; the
     * redactor should know every secret the provider sends, and the {@code proxy} password (see
     * {@link #redactor(HttpSettings, String, String)}).
     */
    public static Builder builder(HttpSettings settings, Redactor redactor) {
        return new Builder(settings, redactor);
    }

    /**
     * The redactor of a provider that sends one API key: it knows the key, as {@code providerId}'s
     * {@code api-key} setting, and the {@code proxy} password of {@code settings} when there is one.
     */
    public static Redactor redactor(HttpSettings settings, String providerId, String apiKey) {
        java.util.Map<String, String> secrets = new java.util.LinkedHashMap<>();
        HttpSettings.Proxy proxy = settings.proxy();
        if (proxy != null && proxy.password() != null && !proxy.password().isEmpty()) {
            secrets.put(settings.describe("proxy") + " password", proxy.password());
        }
        secrets.put(HttpSettings.describe(providerId, "api-key"), apiKey);
        return Redactor.of(secrets);
    }

    /** The settings this transport was built with. */
    public HttpSettings settings() {
        return settings;
    }

    /** The redactor every message of this transport passes through. */
    public Redactor redactor() {
        return redactor;
    }

    /** Connections in the pool, for leak checks. */
    public PoolStats poolStats() {
        return connections.getTotalStats();
    }

    /**
     * Sends {@code call} and reads its response with {@code handler}, retrying as the policy above allows.
     *
     * @throws ImageGenerationException as the handler threw it, or the transport's own for a timeout, a
     *         connection failure, an unreadable or oversized response, or an interrupt
     * @throws RuntimeException as the handler threw it (a listener's exception, say), unchanged
     */
    public <T> T execute(Call call, ResponseHandler<T> handler) {
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(call, handler);
            } catch (Retry failure) {
                Duration delay = delayBefore(attempt, failure.exception);
                if (delay == null) {
                    throw failure.exception;
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    // The caller gave up while waiting to retry: a cancellation, with the failure that was to be retried.
                    Thread.currentThread().interrupt();
                    GenerationCancelledException cancelled = new GenerationCancelledException("Interrupted while "
                            + "waiting " + Durations.human(delay) + " to retry the " + call, failure.exception.details(), e);
                    cancelled.addSuppressed(failure.exception);
                    throw cancelled;
                }
            }
        }
    }

    /**
     * Downloads {@code uri} into {@code out}, at most {@code maxBytes}; for results a provider returns as
     * URLs. No credentials are sent (no Authorization header, no cookies, no redirects followed), so a
     * signed URL on another host learns nothing. Plain http is refused as for base URLs.
     *
     * @return the number of bytes written
     * @throws ProviderResponseException when the download is larger than {@code maxBytes} or its status
     *         is not 200; nothing was retried once bytes were written
     */
    public long download(URI uri, OutputStream out, long maxBytes) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ProviderResponseException("The result URL is not http(s): " + shown(uri),
                    ErrorDetails.of(settings.providerId()));
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !settings.allowInsecureHttp()
                && !HttpSettings.isLoopback(uri.getHost())) {
            throw new ProviderResponseException("The result URL " + shown(uri) + " uses plain http; set the "
                    + settings.describe("allow-insecure-http") + " to true to accept it",
                    ErrorDetails.of(settings.providerId()));
        }
        return execute(Call.get(uri), response -> {
            ErrorDetails details = details(response).withHttpStatus(response.status());
            if (response.status() >= 500) {
                throw new ProviderUnavailableException("Downloading " + response.uri() + " failed: HTTP "
                        + response.status(), details);
            }
            if (response.status() != 200) {
                throw new ProviderResponseException("Downloading " + response.uri() + " failed: HTTP "
                        + response.status() + (response.reasonPhrase() == null ? "" : " " + response.reasonPhrase()),
                        details);
            }
            InputStream in = response.body();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new MalformedResponseException("the download of " + response.uri() + " is larger than "
                            + Response.mebibytes(maxBytes));
                }
                out.write(buffer, 0, read);
            }
            return total;
        });
    }

    /**
     * Downloads the image at {@code uri}, a result a provider was given as a URL, into a new sink of
     * {@code sinks} (as {@link #download} does, within {@code max-response-mib}) and finishes it. A failure
     * keeps its kind (unavailable, timed out, anything else an unreadable response), its message starting
     * with {@code what}, such as {@code "Downloading image 0 from cdn.example"} (name the host, never the
     * query, which may be a signature); the unfinished sink is discarded.
     */
    public GeneratedImage downloadImage(URI uri, ImageSinks sinks, String what, ErrorDetails details) {
        try (ImageSink sink = sinks.newSink()) {
            download(uri, sink, settings.maxResponseBytes());
            return sink.finish();
        } catch (ProviderUnavailableException e) {
            throw new ProviderUnavailableException(what + " failed: " + reason(e), details, e, e.isRetryable());
        } catch (GenerationTimeoutException e) {
            throw new GenerationTimeoutException(what + " timed out: " + reason(e), details, e, false);
        } catch (ImageGenerationException e) {
            throw new ProviderResponseException(what + " failed: " + reason(e), details, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProviderResponseException(what + " failed: " + redactor.redact(String.valueOf(e.getMessage())),
                    details, e);
        }
    }

    private static String reason(ImageGenerationException e) {
        return e.httpStatus().isPresent() ? "HTTP " + e.httpStatus().getAsInt() : e.reason();
    }

    /** The wait before retry number {@code attempt + 1}, or {@code null} when the failure is final. */
    private @Nullable Duration delayBefore(int attempt, ImageGenerationException failure) {
        if (attempt >= settings.maxRetries()) {
            return null;
        }
        if (failure instanceof RateLimitException limit && limit.retryAfter().isPresent()) {
            Duration asked = limit.retryAfter().get();
            // A long wait is better decided by the caller than spent blocked inside this call.
            return asked.compareTo(settings.maxRetryAfter()) > 0 ? null : asked;
        }
        double backoff = settings.retryInitialDelay().toMillis() * Math.pow(2, attempt);
        double capped = Math.min(backoff, settings.retryMaxDelay().toMillis());
        double jittered = capped * (1 - 0.25 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis((long) jittered);
    }

    private <T> T attempt(Call call, ResponseHandler<T> handler) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(call, null, ErrorDetails.of(settings.providerId()));
        }
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        call.headers().forEach(request::setHeader);
        long responseNanos = settings.responseTimeout().toNanos();
        // Until the body starts being sent, connecting is bounded by connect-timeout; this is a backstop.
        Watchdog.Watch watch = Watchdog.watch(System.nanoTime() + settings.connectTimeout().toNanos() + responseNanos,
                request::abort);
        DeliveryTracking body = call.body() == null ? null
                : new DeliveryTracking(call.body(), () -> watch.deadline(System.nanoTime() + responseNanos));
        request.setEntity(body);
        Response[] seen = {null};
        try (watch) {
            return http.execute(request, raw -> {
                Response response = new Response(raw, call.uri(), redactor, clock, settings.maxResponseBytes(), tooLarge);
                seen[0] = response;
                try {
                    T result = handler.handle(response);
                    // Whatever the handler left is read within the cap, so that the connection can be reused.
                    response.drain();
                    response.rawBody().close();
                    return result;
                } catch (IOException | RuntimeException | Error e) {
                    end(request, response);
                    throw e;
                }
            });
        } catch (ImageGenerationException e) {
            Response response = seen[0];
            if (watch.reason() == Watchdog.Reason.INTERRUPTED) {
                throw interrupted(call, e, details(response));
            }
            boolean retryableStatus = response != null
                    && (response.status() == 408 || response.status() == 429 || response.status() >= 500);
            if (retryableStatus && e.isRetryable() && !"false".equalsIgnoreCase(response.header("x-should-retry"))) {
                throw new Retry(e);
            }
            throw e;
        } catch (IOException e) {
            ImageGenerationException failure = failure(call, e, watch.reason(), body, seen[0]);
            if (failure.isRetryable()) {
                throw new Retry(failure);
            }
            throw failure;
        }
    }

    /**
     * Ends an exchange whose handler failed. A body read to its end leaves a reusable connection; any
     * other is dropped, since reading the rest to reuse the connection could take forever.
     */
    private static void end(HttpUriRequestBase request, Response response) {
        if (!response.fullyRead()) {
            request.abort();
        }
        try {
            response.rawBody().close();
        } catch (IOException | RuntimeException e) {
            // Expected once the connection is dropped ("Socket closed"), and of no interest.
        }
    }

    private ImageGenerationException failure(Call call, IOException e, Watchdog.Reason reason,
                                             @Nullable DeliveryTracking body, @Nullable Response response) {
        ErrorDetails details = details(response);
        IOException cause = redacted(e);
        if (reason == Watchdog.Reason.INTERRUPTED) {
            return interrupted(call, cause, details);
        }
        // A request without a body (a download) is idempotent: sending it twice costs nothing.
        boolean sent = body != null && body.started();
        boolean delivered = body != null && body.written();
        if (reason == Watchdog.Reason.DEADLINE || (sent && e instanceof SocketTimeoutException)) {
            return new GenerationTimeoutException("No complete response from " + origin(call.uri()) + " within "
                    + Durations.human(settings.responseTimeout()) + (response == null ? "" : " (it stalled while "
                    + "sending the response)") + ", the limit that the " + settings.describe("response-timeout")
                    + " sets for each attempt; generating large images can take minutes, so consider a longer one",
                    details, cause, !delivered || settings.retryAfterSend());
        }
        if (response != null) {
            if (e instanceof MalformedResponseException) {
                return new ProviderResponseException("Unreadable response: " + describe(e), details, cause);
            }
            // Part of the response was read, so the generation ran and may be billed: never retried.
            return new ProviderResponseException("The connection failed while reading the response: " + describe(e),
                    details, cause);
        }
        if (e instanceof SSLException) {
            // An untrusted certificate or a wrong host name: retrying changes nothing.
            return new ProviderUnavailableException("The TLS connection to " + origin(call.uri()) + " was refused: "
                    + describe(e), details, cause, false);
        }
        if (e instanceof ClientProtocolException || e.getCause() instanceof ProtocolException) {
            return new ProviderResponseException("Unreadable response from " + origin(call.uri()) + ": " + describe(e),
                    details, cause);
        }
        if (!sent && (e instanceof ConnectTimeoutException || e instanceof SocketTimeoutException)) {
            return new ProviderUnavailableException("Cannot connect to " + origin(call.uri()) + " within "
                    + Durations.human(settings.connectTimeout()) + ", the limit that the "
                    + settings.describe("connect-timeout") + " sets for the TCP connect and the TLS handshake",
                    details, cause, true);
        }
        if (!delivered) {
            // Refused, reset or unresolvable before the whole body was written: the server cannot have acted on it.
            return new ProviderUnavailableException("Cannot reach " + origin(call.uri()) + ": " + describe(e), details,
                    cause, true);
        }
        return new ProviderUnavailableException("The connection to " + origin(call.uri()) + " failed after the "
                + "request was sent (" + describe(e) + "); not retried, since the server may have received it and "
                + "billed it; set the " + settings.describe("retry-after-send") + " to true to retry anyway",
                details, cause, settings.retryAfterSend());
    }

    private GenerationCancelledException interrupted(Call call, @Nullable Throwable cause, ErrorDetails details) {
        // The caller's interrupt stays visible to the caller.
        Thread.currentThread().interrupt();
        return new GenerationCancelledException("Interrupted: the " + call + " was aborted and its connection "
                + "closed", details, cause);
    }

    private ErrorDetails details(@Nullable Response response) {
        ErrorDetails details = ErrorDetails.of(settings.providerId());
        return response == null ? details : details.withRequestId(response.header(requestIdHeader));
    }

    /** The message of {@code e}, redacted. */
    private String describe(IOException e) {
        return redactor.redact(e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage());
    }

    /**
     * {@code e} itself when no message in its chain holds a secret; otherwise a copy with its message
     * redacted and its stack trace, without its causes, since HttpClient's exceptions repeat the malformed
     * input (a header echoing the key) in them.
     */
    private IOException redacted(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !redactor.redact(message).equals(message)) {
                IOException copy = new IOException(e.getClass().getName() + ": " + describe(e));
                copy.setStackTrace(e.getStackTrace());
                return copy;
            }
        }
        return e;
    }

    /** {@code uri} as shown in messages: scheme, host, port and path; no user info, query or fragment. */
    static String shown(URI uri) {
        return origin(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** Never shows a secret. */
    @Override
    public String toString() {
        return "HttpTransport[" + settings.providerId() + ", proxy=" + settings.proxy() + "]";
    }

    /** How a transport is made. */
    public static final class Builder {
        private final HttpSettings settings;
        private final Redactor redactor;
        private @Nullable SSLContext sslContext;
        private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
        private Clock clock = Clock.systemUTC();
        private String requestIdHeader = "x-request-id";

        private Builder(HttpSettings settings, Redactor redactor) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.redactor = Objects.requireNonNull(redactor, "redactor");
        }

        /** Trusts what {@code context} trusts instead of the JVM's default trust store. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** How to wait between attempts; {@code Thread.sleep} by default. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock for {@code Retry-After} dates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The response header holding the provider's request id; {@code x-request-id} by default. */
        public Builder requestIdHeader(String name) {
            this.requestIdHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        /** A transport with its own connection pool; no connection is opened until the first request. */
        public HttpTransport build() {
            return new HttpTransport(this);
        }
    }

    /** A failure that the retry policy may retry; carries the exception to throw if it does not. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ImageGenerationException exception;

        Retry(ImageGenerationException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    /**
     * The request body, recording whether it started to be sent (which moves the deadline to count from
     * then) and whether it was written whole: only a body not written whole provably did not arrive.
     */
    private static final class DeliveryTracking extends HttpEntityWrapper {
        private final Runnable onStart;
        private volatile boolean started;
        private volatile boolean written;

        DeliveryTracking(HttpEntity body, Runnable onStart) {
            super(body);
            this.onStart = onStart;
        }

        boolean started() {
            return started;
        }

        boolean written() {
            return written;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            started = true;
            onStart.run();
            super.writeTo(out);
            written = true;
        }
    }
}
