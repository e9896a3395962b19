package dev.imagegen4j.cli;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ProviderConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GPTProto endpoint on a loopback port for what the mock server cannot do: it answers the requests, in
 * turn, with canned responses that arrive whole, are cut short mid-body (the connection closes before
 * the promised {@code Content-Length}), or stall mid-body until the client goes away. The last response
 * keeps answering. On raw sockets, so that nothing buffers or completes a body behind the test's back.
 */
final class WireStub implements AutoCloseable {
    /** How the body of a response ends. */
    enum Ending { WHOLE, CUT, STALL }

    /** One canned response; {@code sent} is how many body bytes go out when it does not end {@link Ending#WHOLE}. */
    record Response(int status, String contentType, byte[] body, Ending ending, int sent) {
        static Response json(int status, String body) {
            return new Response(status, "application/json", body.getBytes(StandardCharsets.UTF_8), Ending.WHOLE, 0);
        }

        static Response events(String body) {
            return new Response(200, "text/event-stream; charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
                    Ending.WHOLE, 0);
        }

        /** This response with only the first half of its body sent, then the connection closed. */
        Response cutInHalf() {
            return new Response(status, contentType, body, Ending.CUT, body.length / 2);
        }

        /** This response with only the first half of its body sent, then silence until the client hangs up. */
        Response stalledInHalf() {
            return new Response(status, contentType, body, Ending.STALL, body.length / 2);
        }
    }

    private static byte[] image;

    private final ServerSocket socket;
    private final List<Response> responses;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    WireStub(Response... responses) {
        this.responses = List.of(responses);
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "wire-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A real PNG, made by the mock provider: 1024x1024 and tens of kilobytes. */
    static synchronized byte[] png() {
        if (image == null) {
            ProviderConfig config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of()).build();
            try (ImageGenerator mock = ImageGenerator.create(ImageProviders.get("mock"), config)) {
                image = mock.generate(ImageRequest.builder("a picture the stub serves").build()).image().bytes();
            }
        }
        return image.clone();
    }

    /** A 200 body with {@link #png()} in it. */
    static String imageJson() {
        return imageJson(png());
    }

    /**
     * A 200 body with an image of 256 KiB: {@link #png()} followed by pseudo-random bytes, which readers
     * of the header do not look at. Large enough that half of it reaches the spool file, past every buffer.
     */
    static String largeImageJson() {
        byte[] header = png();
        byte[] image = java.util.Arrays.copyOf(header, 256 * 1024);
        new java.util.SplittableRandom(7).nextBytes(image);
        System.arraycopy(header, 0, image, 0, header.length);
        return imageJson(image);
    }

    private static String imageJson(byte[] image) {
        return "{\"created\":1776843003,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(image)
                + "\"}],\"output_format\":\"png\",\"size\":\"1024x1024\"}";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int requests() {
        return requests.get();
    }

    /** Waits, at most {@code limit}, until a stalled response has sent its half; whether it has. */
    boolean awaitStall(Duration limit) throws InterruptedException {
        return stalled.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                Thread handler = new Thread(() -> serve(connection), "wire-stub-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                // Closed.
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            // Bounded: a stalled response ends after a minute even if the client never hangs up.
            connection.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            int length = readHead(in);
            in.readNBytes(length);
            int index = requests.getAndIncrement();
            Response response = responses.get(Math.min(index, responses.size() - 1));
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 " + response.status() + " Stub\r\nContent-Type: " + response.contentType()
                    + "\r\nContent-Length: " + response.body().length + "\r\nx-request-id: req_stub_" + index
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(response.body(), 0, response.ending() == Ending.WHOLE ? response.body().length : response.sent());
            out.flush();
            if (response.ending() == Ending.STALL) {
                stalled.countDown();
                while (in.read() >= 0) {
                    // Silent until the client hangs up.
                }
            }
        } catch (IOException e) {
            // The client hung up.
        } finally {
            open.remove(connection);
        }
    }

    /** Reads a request's head and returns its Content-Length. */
    private static int readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int length = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c != '\n') {
                if (c != '\r') {
                    line.write(c);
                }
                continue;
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            line.reset();
            if (text.isEmpty()) {
                return length;
            }
            if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(text.substring("content-length:".length()).strip());
            }
        }
        throw new IOException("the request ended in its head");
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
        try {
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
