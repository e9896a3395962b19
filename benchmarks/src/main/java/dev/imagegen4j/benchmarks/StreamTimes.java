package dev.imagegen4j.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.images.ImageGenStreamEvent;
import com.openai.models.images.ImageGenerateParams;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The streamed response (three partial images, then the completed one, 1.5 MiB each) through the
 * gptproto provider's {@code stream} and the SDK's {@code generateStreaming}, in one JVM, the clients
 * taking turns: {@code java -Xms1g -Xmx1g -cp benchmarks.jar dev.imagegen4j.benchmarks.StreamTimes <url>
 * <warm-ups> <samples>}. For each stream it records two times: from the stub starting to write the first
 * partial image's event to the listener holding that image decoded as a {@code byte[]}, and from sending
 * the request to the end of the stream. The start is the stub's {@link System#nanoTime()}, fetched from
 * {@code GET /v1/stamps} after the stream (on Linux every JVM reads the same CLOCK_MONOTONIC). Prints one
 * line per client: {@code stream <client> <first-partial median ms> <total median ms>}.
 */
public final class StreamTimes {
    /** The clients, by name, in the order of the tables. */
    static final List<String> NAMES = List.of("gptproto-stream", "sdk-stream");

    private StreamTimes() {
    }

    /** One streaming client; returns the nanoTime at which the listener held the first partial image. */
    private interface Streamer extends AutoCloseable {
        long stream() throws IOException;

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int warmups = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        List<Streamer> streamers = List.of(gptproto(url), sdk(url));
        List<List<Double>> first = new ArrayList<>();
        List<List<Double>> total = new ArrayList<>();
        streamers.forEach(s -> {
            first.add(new ArrayList<>());
            total.add(new ArrayList<>());
        });
        for (int round = 0; round < warmups + samples; round++) {
            for (int i = 0; i < streamers.size(); i++) {
                long start = System.nanoTime();
                long held = streamers.get(i).stream();
                long end = System.nanoTime();
                long written = stamp(url);
                if (round >= warmups) {
                    first.get(i).add((held - written) / 1e6);
                    total.get(i).add((end - start) / 1e6);
                }
            }
        }
        for (int i = 0; i < streamers.size(); i++) {
            System.out.printf(Locale.ROOT, "stream %s %.3f %.3f%n", NAMES.get(i), median(first.get(i)),
                    median(total.get(i)));
            streamers.get(i).close();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long stamp(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/v1/stamps").toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } finally {
            connection.disconnect();
        }
    }

    private static void checkPartials(int partials) {
        if (partials != Bodies.STREAM_PARTIALS) {
            throw new IllegalStateException(partials + " partial images, not " + Bodies.STREAM_PARTIALS);
        }
    }

    /** The gptproto provider as an application streams with it; each image is copied out with {@code bytes()}. */
    private static Streamer gptproto(String url) {
        ProviderConfig config = ProviderConfig.builder().apiKey("k").baseUrl(URI.create(url))
                .environment(Map.of()).systemProperties(Map.of()).build();
        ImageGenerator generator = ImageGenerator.builder(ImageProviders.get("gptproto")).config(config).build();
        ImageRequest request = ImageRequest.builder(Bodies.PROMPT).model(Bodies.MODEL)
                .partialImages(Bodies.STREAM_PARTIALS).build();
        return new Streamer() {
            @Override
            public long stream() {
                long[] held = {0};
                int[] partials = {0};
                generator.stream(request, event -> {
                    if (event instanceof ImageEvent.PartialImage partial) {
                        Bodies.check(partial.image().bytes(), Bodies.STREAM_IMAGE_LENGTH);
                        if (partials[0]++ == 0) {
                            held[0] = System.nanoTime();
                        }
                    } else if (event instanceof ImageEvent.Completed completed) {
                        Bodies.check(completed.image().bytes(), Bodies.STREAM_IMAGE_LENGTH);
                    }
                });
                checkPartials(partials[0]);
                return held[0];
            }

            @Override
            public void close() {
                generator.close();
            }
        };
    }

    /** The official SDK's {@code generateStreaming}, each image decoded with the JDK's decoder. */
    private static Streamer sdk(String url) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url + "/v1").apiKey("k").build();
        ImageGenerateParams params = ImageGenerateParams.builder().model(Bodies.MODEL).prompt(Bodies.PROMPT)
                .partialImages(Bodies.STREAM_PARTIALS).build();
        return new Streamer() {
            @Override
            public long stream() {
                long held = 0;
                int partials = 0;
                try (StreamResponse<ImageGenStreamEvent> events = client.images().generateStreaming(params)) {
                    for (ImageGenStreamEvent event : (Iterable<ImageGenStreamEvent>) events.stream()::iterator) {
                        if (event.isGenerationPartialImage()) {
                            Bodies.check(Base64.getDecoder().decode(event.asGenerationPartialImage().b64Json()),
                                    Bodies.STREAM_IMAGE_LENGTH);
                            if (partials++ == 0) {
                                held = System.nanoTime();
                            }
                        } else if (event.isGenerationCompleted()) {
                            Bodies.check(Base64.getDecoder().decode(event.asGenerationCompleted().b64Json()),
                                    Bodies.STREAM_IMAGE_LENGTH);
                        }
                    }
                }
                checkPartials(partials);
                return held;
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
