package dev.imagegen4j.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One way of fetching images from the stub, as an application would: each call sends one request and
 * ends with every image decoded into its sink (a {@code byte[]} or a file, then deleted), checked
 * against what the stub sent. Thread-safe.
 */
interface BenchClient extends AutoCloseable {
    /** The clients, by name, in the order of the tables. */
    List<String> NAMES = List.of("gptproto-bytes", "gptproto-file", "sdk", "floor-file", "floor-bytes");
    /**
     * Only for the heap bisection: the gptproto provider holding its response in memory, each image
     * read through {@code openStream()}, without the copy of {@code bytes()}.
     */
    String GPTPROTO_MEMORY = "gptproto-memory";

    /**
     * Sends one request for {@code images} images ({@value Bodies#BIG_IMAGES} gets the big body) and
     * returns the number of image bytes decoded.
     */
    long fetch(int images) throws IOException;

    @Override
    void close() throws IOException;

    static BenchClient create(String name, String url) throws IOException {
        return switch (name) {
            case "gptproto-bytes" -> new GptProto(url, null, true);
            case GPTPROTO_MEMORY -> new GptProto(url, null, false);
            case "gptproto-file" -> new GptProto(url, Files.createTempDirectory("imagegen4j-bench-gptproto-"), false);
            case "sdk" -> new Sdk(url);
            case "floor-file" -> new FloorClient(url, Files.createTempDirectory("imagegen4j-bench-floor-"));
            case "floor-bytes" -> new FloorClient(url, null);
            default -> throw new IllegalArgumentException("unknown client '" + name + "'; one of " + NAMES);
        };
    }

    /** Deletes a spool directory and anything left in it. */
    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The gptproto provider, found through {@link ImageProviders} as an application finds it, with its
     * defaults (retries, timeouts, pool) except the loopback base URL. With {@code spool}, images are
     * decoded into files there (directory storage), which are then deleted; else each is copied
     * out with {@code bytes()} when {@code copy}, or only read through {@code openStream()}.
     */
    final class GptProto implements BenchClient {
        private final ImageGenerator generator;
        private final Path spool;
        private final boolean copy;
        private final ImageRequest small = ImageRequest.builder(Bodies.PROMPT).model(Bodies.MODEL).count(1).build();
        private final ImageRequest big = small.toBuilder().count(Bodies.BIG_IMAGES).build();

        GptProto(String url, Path spool, boolean copy) {
            this.spool = spool;
            this.copy = copy;
            ProviderConfig config = ProviderConfig.builder().apiKey("k").baseUrl(URI.create(url))
                    .environment(Map.of()).systemProperties(Map.of()).build();
            this.generator = ImageGenerator.builder(ImageProviders.get("gptproto")).config(config)
                    .storage(spool == null ? ImageStorage.memory() : ImageStorage.directory(spool)).build();
        }

        @Override
        public long fetch(int images) throws IOException {
            ImageResponse response = generator.generate(images == Bodies.BIG_IMAGES ? big : small);
            long total = 0;
            for (GeneratedImage image : response.images()) {
                if (spool == null && copy) {
                    total += Bodies.check(image.bytes(), Bodies.imageLength(images));
                } else if (spool == null) {
                    try (InputStream in = image.openStream()) {
                        total += in.transferTo(OutputStream.nullOutputStream());
                    }
                } else {
                    Path file = image.file();
                    total += Files.size(file);
                    Files.delete(file);
                }
            }
            return Bodies.checkTotal(total, images);
        }

        @Override
        public void close() throws IOException {
            generator.close();
            if (spool != null) {
                deleteTree(spool);
            }
        }
    }

    /** The official SDK, {@code com.openai:openai-java}, then the JDK's base64 decoder on each image. */
    final class Sdk implements BenchClient {
        private final OpenAIClient client;
        private final ImageGenerateParams small = ImageGenerateParams.builder().model(Bodies.MODEL)
                .prompt(Bodies.PROMPT).n(1).build();
        private final ImageGenerateParams big = small.toBuilder().n(Bodies.BIG_IMAGES).build();

        Sdk(String url) {
            this.client = OpenAIOkHttpClient.builder().baseUrl(url + "/v1").apiKey("k").build();
        }

        @Override
        public long fetch(int images) {
            List<Image> data = client.images().generate(images == Bodies.BIG_IMAGES ? big : small).data().orElseThrow();
            long total = 0;
            for (Image image : data) {
                total += Bodies.check(Base64.getDecoder().decode(image.b64Json().orElseThrow()), Bodies.imageLength(images));
            }
            return Bodies.checkTotal(total, images);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
