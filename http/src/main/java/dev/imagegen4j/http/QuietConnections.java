package dev.imagegen4j.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.NoResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Makes the provider's HTTP/1.1 connections: HttpClient's own, less the two DEBUG logs that copy the
 * traffic. HttpClient 5.4's connections log every request header in full to
 * {@code org.apache.hc.client5.http.headers} ({@code Authorization: <the key>}) and every byte sent and
 * received to {@code org.apache.hc.client5.http.wire} (the key again, and the base64 of every image), so
 * whoever turns on DEBUG for {@code org.apache.hc} would find the key in their logs; HttpClient offers no
 * way to mask a header there. These connections write neither log. HttpClient's other DEBUG logs (the
 * pool, the exchanges, timeouts) name no header or body and are kept.
 */
final class QuietConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {
    /** The longest status or header line read, in characters. */
    static final int MAX_HEADER_LINE = 64 * 1024;
    /** The most header fields read in one response. */
    static final int MAX_HEADERS = 256;

    static final QuietConnections INSTANCE = new QuietConnections();

    private QuietConnections() {
    }

    @Override
    public ManagedHttpClientConnection createConnection(@Nullable Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection();
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /**
     * What HttpClient's {@code DefaultManagedHttpClientConnection} does, with the settings its default
     * factory gives it, but without its header and wire logging.
     */
    private static final class QuietConnection extends DefaultBHttpClientConnection
            implements ManagedHttpClientConnection {
        // HttpClient's defaults read header lines and header counts without limit, so one hostile header
        // of hundreds of megabytes exhausted the heap; no honest response needs more than these.
        private static final Http1Config HEADER_LIMITS = Http1Config.custom()
                .setMaxLineLength(MAX_HEADER_LINE).setMaxHeaderCount(MAX_HEADERS).build();

        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile @Nullable Timeout socketTimeout;

        QuietConnection() {
            // The parser is made with create(), which ignores the connection's config: it gets the limits itself.
            super(HEADER_LIMITS, null, null, null, null, NoResponseOutOfOrderStrategy.INSTANCE, null,
                    new DefaultHttpResponseParserFactory(HEADER_LIMITS));
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void bind(SocketHolder socketHolder) throws IOException {
            if (closed.get()) {
                socketHolder.getSocket().close();
                throw new InterruptedIOException("the connection was closed before its socket was bound");
            }
            super.bind(socketHolder);
            socketTimeout = Timeout.ofMilliseconds(socketHolder.getSocket().getSoTimeout());
        }

        @Override
        public @Nullable Socket getSocket() {
            SocketHolder socketHolder = getSocketHolder();
            return socketHolder == null ? null : socketHolder.getSocket();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                super.close();
            }
        }

        @Override
        public void close(CloseMode closeMode) {
            if (closed.compareAndSet(false, true)) {
                super.close(closeMode);
            }
        }
    }
}
