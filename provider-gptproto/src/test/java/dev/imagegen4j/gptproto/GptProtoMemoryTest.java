package dev.imagegen4j.gptproto;

import static dev.imagegen4j.gptproto.GptProtoStubs.LARGE_IMAGE_BYTES;
import static dev.imagegen4j.gptproto.GptProtoStubs.LARGE_IMAGE_COUNT;
import static dev.imagegen4j.gptproto.GptProtoStubs.REQUEST_ID;
import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.completedEvent;
import static dev.imagegen4j.openai.testing.WireBodies.event;
import static dev.imagegen4j.gptproto.GptProtoStubs.failureOf;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureEventImage;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureImage;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.gptproto.GptProtoStubs.json;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.sse;
import static dev.imagegen4j.gptproto.GptProtoStubs.streamFailureOf;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory: the response-size cap, images spooled to files, and a 42 MB response decoded in a
 * forked JVM with a small heap.
 */
class GptProtoMemoryTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    @TempDir
    Path spool;

    private static List<Path> filesIn(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private Throwable spooledFailure() {
        return failureOf(server, ImageStorage.directory(spool));
    }

    // ---- the response-size cap ----

    @Test
    void refusesAResponseLargerThanTheCap() {
        stub(server, json(imagesJson(png(1024, 1024, 1_600_000, 1))));

        Throwable thrown = failureOf(server, "max-response-mib", "1");

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessage("Unreadable response: the "
                + "response is larger than 1 MiB, the limit of the gptproto setting max-response-mib "
                + "(GPTPROTO_MAX_RESPONSE_MIB or -Dimagegen4j.gptproto.max-response-mib) (provider gptproto, "
                + "request " + REQUEST_ID + ")");
    }

    @Test
    void acceptsAResponseJustUnderTheCap() {
        byte[] image = png(1024, 1024, 700_000, 2);
        stub(server, json(imagesJson(image)));

        ImageResponse response;
        try (var rig = rig(server, "max-response-mib", "1")) {
            response = rig.generate();
        }

        assertThat(response.image().bytes()).isEqualTo(image);
    }

    @Test
    void capsAStreamToo() {
        stub(server, sse(completedEvent(png(1024, 1024, 1_600_000, 3))));

        Throwable thrown = streamFailureOf(server, request().build(), "max-response-mib", "1");

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("the limit of the gptproto setting max-response-mib");
    }

    @Test
    void rejectsACapBelowOneMebibyte() {
        Throwable thrown = catchThrowable(() -> rig(server, "max-response-mib", "0"));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting max-response-mib "
                + "(GPTPROTO_MAX_RESPONSE_MIB or -Dimagegen4j.gptproto.max-response-mib) must be at least 1 but was 0");
    }

    @Test
    void hangsUpOnAnEndlessBodyOnceItPassesTheCap() throws InterruptedException {
        Throwable thrown;
        try (var endless = new GptProtoStubs.EndlessBody(200);
             var rig = rig(endless.baseUrl(), "max-response-mib", "1")) {
            thrown = catchThrowable(rig::generate);

            endless.awaitEnd();
            assertThat(endless.clientHungUp).as("the client closed the connection").isTrue();
            assertThat(endless.written.get()).isLessThan(GptProtoStubs.EndlessBody.LENGTH);
        }

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("the cap on text in a response");
    }

    @Test
    void hangsUpOnAnEndlessErrorPageAfterReadingItsStart() throws InterruptedException {
        Throwable thrown;
        try (var endless = new GptProtoStubs.EndlessBody(502); var rig = rig(endless.baseUrl(), "max-retries", "0")) {
            thrown = catchThrowable(rig::generate);

            endless.awaitEnd();
            assertThat(endless.clientHungUp).as("the client closed the connection").isTrue();
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("{ (provider gptproto, HTTP 502)");
    }

    // ---- spooling to files ----

    @Test
    void spoolsEachImageToAFileInTheSpoolDirectory() throws IOException {
        stub(server, fixtureResponse("response-200-n2.json"));

        ImageResponse response;
        try (var rig = rig(server, ImageStorage.directory(spool))) {
            response = rig.generate(request().count(2).build());
        }

        assertThat(response.images()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            GeneratedImage image = response.images().get(i);
            assertThat(image.file()).isNotNull().hasParent(spool).isReadable();
            assertThat(Files.readAllBytes(image.file())).isEqualTo(fixtureImage("response-200-n2.json", i));
            assertThat(image.bytes()).isEqualTo(fixtureImage("response-200-n2.json", i));
        }
        assertThat(filesIn(spool)).containsExactlyInAnyOrder(response.images().get(0).file(),
                response.images().get(1).file());
    }

    @Test
    void createsAMissingSpoolDirectory() {
        Path nested = spool.resolve("a/b");
        stub(server, fixtureResponse("response-200-n1.json"));

        ImageResponse response;
        try (var rig = rig(server, ImageStorage.directory(nested))) {
            response = rig.generate();
        }

        assertThat(response.image().file()).hasParent(nested);
    }

    @Test
    void spoolsThePartialsOfAStreamWhileTheListenerRunsAndKeepsOnlyTheCompletedImage() throws IOException {
        stub(server, fixtureResponse("stream-200-2partials.sse"));
        List<ImageEvent> events = new ArrayList<>();
        List<Boolean> partialFileExisted = new ArrayList<>();

        ImageResponse response;
        try (var rig = rig(server, ImageStorage.directory(spool))) {
            response = rig.stream(request().partialImages(2).build(), event -> {
                events.add(event);
                partialFileExisted.add(Files.exists((event instanceof ImageEvent.PartialImage partial ? partial.image()
                        : ((ImageEvent.Completed) event).image()).file()));
            });
        }

        assertThat(events).hasSize(3);
        assertThat(partialFileExisted).containsExactly(true, true, true);
        // The partial's file is gone once its listener returned, so only its name is checked.
        assertThat(((ImageEvent.PartialImage) events.get(0)).image().file().getParent()).isEqualTo(spool);
        assertThat(((ImageEvent.Completed) events.get(2)).image().file()).hasParent(spool);
        assertThat(response.image().file()).hasParent(spool);
        assertThat(Files.readAllBytes(response.image().file())).isEqualTo(fixtureEventImage(2));
        assertThat(filesIn(spool)).hasSize(1);
    }

    @Test
    void leavesNoFileBehindWhenTheBodyIsCutInsideTheSecondImage() throws IOException {
        String complete = imagesJson(png(64, 64, 50_000, 1), png(64, 64, 50_000, 2));
        stub(server, json(complete.substring(0, complete.length() - 40_000)));

        Throwable thrown = spooledFailure();

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageContaining("the body ends inside the base64 of image 1");
        assertThat(filesIn(spool)).isEmpty();
    }

    @Test
    void leavesNoFileBehindWhenTheJsonAfterTheImagesIsBroken() throws IOException {
        stub(server, json(imagesJson(png(64, 64, 5_000, 1), png(64, 64, 5_000, 2)).replace("\"usage\"", "usage:")
                .replace("],", "],,")));

        Throwable thrown = spooledFailure();

        assertThat(thrown).isInstanceOf(ProviderResponseException.class);
        assertThat(filesIn(spool)).isEmpty();
    }

    @Test
    void leavesNoFileBehindWhenTheSecondImageIsNoImage() throws IOException {
        stub(server, json("{\"data\":[{\"b64_json\":\"" + base64(png(64, 64, 5_000, 1)) + "\"},{\"b64_json\":\""
                + base64("not an image at all".getBytes(StandardCharsets.UTF_8)) + "\"}]}"));

        Throwable thrown = spooledFailure();

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessageContaining("image 1 is unreadable");
        assertThat(filesIn(spool)).isEmpty();
    }

    @Test
    void leavesNoFileBehindWhenTheResponseOutgrowsTheCap() throws IOException {
        stub(server, json(imagesJson(png(64, 64, 500_000, 1), png(64, 64, 1_000_000, 2))));

        Throwable thrown;
        try (var rig = rig(server, ImageStorage.directory(spool), "max-response-mib", "1")) {
            thrown = catchThrowable(rig::generate);
        }

        assertThat(thrown).isInstanceOf(ProviderResponseException.class);
        assertThat(filesIn(spool)).isEmpty();
    }

    @Test
    void leavesNoFileBehindWhenTheConnectionDropsInsideTheSecondImage() throws IOException {
        byte[] body = imagesJson(png(64, 64, 100_000, 1), png(64, 64, 100_000, 2)).getBytes(StandardCharsets.UTF_8);

        Throwable thrown;
        try (var cut = new GptProtoStubs.LoopbackServer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body, 0, body.length * 3 / 4);
            exchange.getResponseBody().flush();
            exchange.close();
        }); var rig = rig(cut.baseUrl(), ImageStorage.directory(spool))) {
            thrown = catchThrowable(rig::generate);
        }

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageStartingWith("The connection failed while reading the response");
        assertThat(filesIn(spool)).isEmpty();
    }

    @Test
    void leavesNoFileBehindWhenAStreamFailsAfterItsFirstImage() throws IOException {
        stub(server, sse(completedEvent(png(64, 64, 5_000, 1)) + event("error",
                "{\"type\":\"error\",\"message\":\"The second image failed.\"}")));

        Throwable thrown;
        try (var rig = rig(server, ImageStorage.directory(spool))) {
            thrown = catchThrowable(() -> rig.stream(request().count(2).build(), event -> { }));
        }

        assertThat(thrown).hasMessageStartingWith("The generation failed: The second image failed.");
        assertThat(filesIn(spool)).isEmpty();
    }

    // ---- a 42 MB response in a small heap, in a forked JVM ----

    /** What a {@link LargeResponseChild} did: its exit status, its output, and its lines about images. */
    private record Child(int exit, List<String> output, List<String> images) {
    }

    /**
     * Serves the 42 MB response of four 7.5 MiB images from this JVM and runs {@link LargeResponseChild}
     * against it in a JVM with {@code jvmOptions}, spooling to {@code spoolArgument} ({@code -} for memory).
     */
    private static Child runChild(List<String> jvmOptions, String spoolArgument, AtomicLong served)
            throws Exception {
        try (var large = new GptProtoStubs.LoopbackServer(exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream counted = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024) {
                    @Override
                    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
                        served.addAndGet(length);
                        super.write(bytes, offset, length);
                    }
                };
                GptProtoStubs.writeLargeResponse(counted);
                counted.flush();
            }
        })) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    LargeResponseChild.class.getName(), large.baseUrl(), spoolArgument));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Bounded only so that a stuck child cannot hang the build.
            boolean ended = child.waitFor(110, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            List<String> output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            return new Child(ended ? child.exitValue() : -1, output,
                    output.stream().filter(line -> line.startsWith("image ")).toList());
        }
    }

    private static void assertLargeImages(Child child) {
        assertThat(child.exit()).as("exit status of the child; its output: %s", child.output()).isZero();
        assertThat(child.images()).hasSize(LARGE_IMAGE_COUNT);
        for (int i = 0; i < LARGE_IMAGE_COUNT; i++) {
            String[] line = child.images().get(i).split(" ");
            assertThat(Long.parseLong(line[1])).isEqualTo(LARGE_IMAGE_BYTES);
            assertThat(Long.parseLong(line[2])).as("CRC of image %d", i).isEqualTo(GptProtoStubs.largeImageCrc(i));
        }
    }

    @Test
    void decodesA42MegabyteResponseToFilesInA64MegabyteHeap() throws Exception {
        AtomicLong served = new AtomicLong();

        Child child = runChild(List.of("-Xmx64m"), spool.toString(), served);

        assertLargeImages(child);
        assertThat(served.get()).isGreaterThan(41_900_000L);
        assertThat(filesIn(spool)).hasSize(LARGE_IMAGE_COUNT);
        for (String line : child.images()) {
            assertThat(Path.of(line.split(" ")[3])).hasParent(spool).hasSize(LARGE_IMAGE_BYTES);
        }
    }

    @Test
    void holdsA42MegabyteResponseInMemoryOnceNotInSeveralCopies() throws Exception {
        // The four images decode to 30 MiB. Measured by hand with SerialGC (chosen here so that the result
        // does not depend on the machine's default collector): 40m is the smallest heap that works, and a
        // program that keeps one more copy of the images fails even at 72m.
        AtomicLong served = new AtomicLong();

        Child child = runChild(List.of("-Xmx56m", "-XX:+UseSerialGC"), "-", served);

        assertLargeImages(child);
        assertThat(served.get()).isGreaterThan(41_900_000L);
        assertThat(child.images()).allSatisfy(line -> assertThat(line).endsWith(" null"));
        assertThat(filesIn(spool)).isEmpty();
    }
}
