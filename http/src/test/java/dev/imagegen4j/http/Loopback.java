package dev.imagegen4j.http;

import dev.imagegen4j.ProviderConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Hand-written servers on 127.0.0.1 for the transport's tests, and a self-signed certificate made with keytool. */
final class Loopback {
    static final String KEY = "sk-test-9f8e7d6c5b4a39281706";

    private Loopback() {
    }

    /** Transport settings of the provider {@code test}, from {@code keyValues} only. */
    static HttpSettings settings(String... keyValues) {
        return HttpSettings.from(config(keyValues), "test");
    }

    static ProviderConfig config(String... keyValues) {
        ProviderConfig.Builder config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.set(keyValues[i], keyValues[i + 1]);
        }
        return config.build();
    }

    static Redactor redactor() {
        return Redactor.of(Map.of("test setting api-key", KEY));
    }

    /** A response handler that reads the whole body as text. */
    static String readAll(Response response) throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** One HTTP request as a server read it. */
    record Request(String line, Map<String, String> headers, byte[] body) {
    }

    /** Reads a request head and its Content-Length body; {@code null} when the client closed first. */
    static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Request(line, headers, in.readNBytes(length));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Blocks until the client closes the connection; {@code true} if it did within {@code seconds}. */
    static boolean awaitClientClose(Socket socket, InputStream in, int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        try {
            while (in.read() >= 0) {
                // Whatever the client still sends is of no interest.
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    /** A server that runs {@code script} on each connection, each on its own daemon thread. */
    static final class RawServer implements AutoCloseable {
        interface Script {
            void serve(Socket socket, InputStream in, OutputStream out) throws Exception;
        }

        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket server;
        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        RawServer(Script script) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        sockets.add(socket);
                        connections.incrementAndGet();
                        Thread worker = new Thread(() -> {
                            try (socket) {
                                script.serve(socket, socket.getInputStream(), socket.getOutputStream());
                            } catch (Exception e) {
                                // The client hung up, or the test ended: either way this connection is over.
                            }
                        }, "raw-server-connection");
                        worker.setDaemon(true);
                        worker.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        URI uri(String scheme, String path) {
            return URI.create(scheme + "://127.0.0.1:" + port() + path);
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    /** Writes a complete response. */
    static void respond(OutputStream out, int status, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n"
                + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** A PKCS#12 key store with a self-signed certificate for the IP address 127.0.0.1 only, made by keytool. */
    static Path keyStore(Path directory) throws IOException, InterruptedException {
        Path store = directory.resolve("loopback.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=imagegen4j loopback test", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(store)) {
            throw new IOException("keytool failed: " + output);
        }
        return store;
    }

    /** A context that presents (server) and trusts (client) the certificate in {@code store}. */
    static SSLContext context(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
