package dev.imagegen4j.benchmarks;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stability's binary path: one {@code generate/core} call answered with a 7.5 MiB PNG (the bytes
 * themselves, no base64), written to a file, through the stability provider with directory storage
 * and through the floor, Apache HttpClient 5 copying the same bytes to a file in 64 KiB blocks. Each
 * file is checked (length and signature), then deleted. The stub is the one at
 * {@value ClientBenchmark#URL_PROPERTY}, else one started in the fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StabilityBenchmark {
    private static final String PATH = "/v2beta/stable-image/generate/core";

    @Param({"stability-file", "floor-file"})
    public String client;

    private StubServer stub;
    private Path spool;
    private ImageGenerator generator;
    private ImageRequest request;
    private CloseableHttpClient floor;
    private String endpoint;

    @Setup
    public void setUp() throws IOException {
        String url = System.getProperty(ClientBenchmark.URL_PROPERTY);
        if (url == null) {
            stub = StubServer.start(0);
            url = stub.url();
        }
        spool = Files.createTempDirectory("imagegen4j-bench-stability-");
        if (client.equals("stability-file")) {
            ProviderConfig config = ProviderConfig.builder().apiKey("k").baseUrl(URI.create(url))
                    .environment(Map.of()).systemProperties(Map.of()).build();
            generator = ImageGenerator.builder(ImageProviders.get("stability")).config(config)
                    .storage(ImageStorage.directory(spool)).build();
            request = ImageRequest.builder(Bodies.PROMPT).model("stable-image-core").build();
        } else {
            floor = HttpClients.custom().disableAutomaticRetries().disableContentCompression().build();
            endpoint = url + PATH;
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        if (generator != null) {
            generator.close();
        }
        if (floor != null) {
            floor.close(CloseMode.GRACEFUL);
        }
        BenchClient.deleteTree(spool);
        if (stub != null) {
            stub.close();
        }
    }

    @Benchmark
    public long image() throws IOException {
        Path file;
        if (generator != null) {
            GeneratedImage image = generator.generate(request).image();
            file = image.file();
        } else {
            file = floorImage();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Bodies.check(in.readNBytes(8), 8);
        }
        long size = Files.size(file);
        Files.delete(file);
        if (size != Bodies.BIG_IMAGE_LENGTH) {
            throw new IllegalStateException("wrote " + size + " bytes, not the PNG of " + Bodies.BIG_IMAGE_LENGTH);
        }
        return size;
    }

    /** The floor: a fixed multipart-free body posted, the answer copied to a new file. */
    private Path floorImage() throws IOException {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Authorization", "Bearer k");
        post.setHeader("Accept", "image/*");
        post.setEntity(new StringEntity("prompt=" + Bodies.PROMPT, ContentType.APPLICATION_FORM_URLENCODED));
        return floor.execute(post, response -> {
            if (response.getCode() != 200) {
                throw new IOException("status " + response.getCode());
            }
            Path file = Files.createTempFile(spool, "floor-", ".png");
            try (InputStream in = response.getEntity().getContent(); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                }
            }
            return file;
        });
    }
}
