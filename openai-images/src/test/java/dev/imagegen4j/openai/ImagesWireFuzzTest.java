package dev.imagegen4j.openai;

import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.openai.testing.FuzzBodies;
import dev.imagegen4j.openai.testing.Mutations;
import dev.imagegen4j.testing.Fuzzing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzing of the wire's decoders, below HTTP: {@link ImagesResponseJson#read}, {@link ImagesEventStream#read}
 * (with {@link SseReader}, {@link ImageExtractor} and {@link Base64Decoder} beneath them) and
 * {@link ImagesError}. Whatever the bytes, each either gives a result or fails with one of the wire's two
 * I/O exceptions, {@link ImagesWireException} and {@link ImagesErrorException}, and a failure leaves no
 * spooled file. Never another exception, never a hang. Run longer with {@code -Dfuzz.tries=100000};
 * crashes found are pinned in {@link ImagesWireRegressionTest}.
 */
@AddLifecycleHook(Fuzzing.class)
class ImagesWireFuzzTest {
    private static final Path SPOOLS;

    static {
        try {
            SPOOLS = Files.createTempDirectory("openai-images-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void deleteSpools() throws IOException {
        deleteTree(SPOOLS);
    }

    // ---------------------------------------------------------------- JSON envelopes

    @Property(tries = 1000)
    @Fuzzing.Timeout(5)
    void aJsonBodyIsAResultOrAMalformedBodyOrAnEmbeddedError(@ForAll("jsonBodies") String body,
                                                             @ForAll("readSizes") List<Integer> readSizes,
                                                             @ForAll boolean spoolToFiles) throws IOException {
        Path spool = Files.createTempDirectory(SPOOLS, "json-");
        try {
            ImagesResponseJson.Result result;
            try {
                result = ImagesResponseJson.read(Mutations.trickle(body.getBytes(StandardCharsets.UTF_8), readSizes),
                        sinks(spool, spoolToFiles));
            } catch (ImagesWireException | ImagesErrorException e) {
                assertThat(filesIn(spool)).as("spool files after %s", e).isEmpty();
                return;
            }
            if (!result.urls().isEmpty()) {
                assertThat(result.images()).isEmpty();
                assertThat(filesIn(spool)).as("spool files of a url result").isEmpty();
                return;
            }
            assertThat(result.images()).isNotEmpty().allSatisfy(image -> assertValid(image, spool, spoolToFiles));
        } finally {
            deleteTree(spool);
        }
    }

    @Provide
    Arbitrary<String> jsonBodies() {
        return FuzzBodies.json();
    }

    // ---------------------------------------------------------------- event streams

    @Property(tries = 1000)
    @Fuzzing.Timeout(5)
    void anEventStreamIsAResultOrAMalformedBodyOrAnEmbeddedError(@ForAll("eventStreams") String body,
                                                                @ForAll("readSizes") List<Integer> readSizes,
                                                                @ForAll boolean spoolToFiles) throws IOException {
        Path spool = Files.createTempDirectory(SPOOLS, "sse-");
        List<ImageEvent> events = new ArrayList<>();
        try {
            ImagesResponseJson.Result result;
            try {
                result = ImagesEventStream.read(Mutations.trickle(body.getBytes(StandardCharsets.UTF_8), readSizes),
                        events::add, sinks(spool, spoolToFiles));
            } catch (ImagesWireException | ImagesErrorException e) {
                assertThat(filesIn(spool)).as("spool files after %s", e).isEmpty();
                return;
            }
            assertThat(result.images()).isNotEmpty().allSatisfy(image -> assertValid(image, spool, spoolToFiles));
            assertThat(events.stream().filter(ImageEvent.Completed.class::isInstance)
                    .map(event -> ((ImageEvent.Completed) event).image()))
                    .containsExactlyElementsOf(result.images());
        } finally {
            deleteTree(spool);
        }
    }

    @Provide
    Arbitrary<String> eventStreams() {
        return FuzzBodies.eventStream();
    }

    /**
     * SSE framing itself: whatever the line endings (CR, LF, CRLF, mixed) and read sizes, each event's
     * consecutive data lines arrive whole and exact, joined by LF, with the event's name.
     */
    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void everyFramingOfEventsGivesBackTheirData(@ForAll("sseEvents") List<List<String>> events,
                                                @ForAll("newlines") List<String> newlines,
                                                @ForAll boolean spaceAfterColon,
                                                @ForAll("readSizes") List<Integer> readSizes) throws IOException {
        StringBuilder text = new StringBuilder();
        int line = 0;
        List<String> expected = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            List<String> event = events.get(e);
            if (e % 3 == 1) {
                text.append(": a comment").append(newlines.get(line++ % newlines.size()));
            }
            if (e % 4 == 2) {
                text.append("id: ").append(e).append(newlines.get(line++ % newlines.size()));
            }
            text.append("event: e").append(e).append(newlines.get(line++ % newlines.size()));
            for (String data : event) {
                text.append("data:").append(spaceAfterColon || data.startsWith(" ") ? " " : "").append(data)
                        .append(newlines.get(line++ % newlines.size()));
            }
            // The blank line that ends the event: after a CR, an LF would only complete that CR's CRLF.
            String blank = newlines.get(line++ % newlines.size());
            text.append(text.charAt(text.length() - 1) == '\r' && blank.startsWith("\n") ? "\r" : blank);
            if (!event.isEmpty()) {
                expected.add("e" + e + "|" + String.join("\n", event));
            }
        }
        SseReader reader = new SseReader(Mutations.trickle(text.toString().getBytes(StandardCharsets.UTF_8), readSizes));
        List<String> delivered = new ArrayList<>();
        while (reader.next((name, data) -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[37];
            for (int read = data.read(buffer); read >= 0; read = data.read(buffer)) {
                all.write(buffer, 0, read);
            }
            delivered.add(name + "|" + all.toString(StandardCharsets.UTF_8));
        })) {
            // One event per call.
        }
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<List<List<String>>> sseEvents() {
        Arbitrary<String> data = Arbitraries.strings().excludeChars('\r', '\n').ofMaxLength(30);
        return data.list().ofMaxSize(3).list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> newlines() {
        return Arbitraries.of("\n", "\r", "\r\n").list().ofMinSize(1).ofMaxSize(4);
    }

    // ---------------------------------------------------------------- streamed base64

    /** Valid base64 of any bytes, in any alphabet, padding, line breaks and JSON escapes, split anywhere. */
    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void base64InAnyEncodingDecodesToTheImageBytes(@ForAll("imagePayloads") byte[] image,
                                                   @ForAll boolean urlSafe, @ForAll boolean padded,
                                                   @ForAll("lineLengths") int lineLength,
                                                   @ForAll("escapes") int escapes,
                                                   @ForAll("readSizes") List<Integer> readSizes) throws IOException {
        String encoded = (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(image);
        if (!padded) {
            encoded = encoded.replace("=", "");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            if (lineLength > 0 && i > 0 && i % lineLength == 0) {
                text.append((escapes & 1) != 0 ? "\\r\\n" : "\\n");
            }
            char c = encoded.charAt(i);
            if (c == '/' && (escapes & 2) != 0) {
                text.append("\\/");
            } else if ((c == '=' || c == '+') && (escapes & 4) != 0) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        String body = "{\"data\":[{\"b64_json\":\"" + text + "\"}]}";

        ImagesResponseJson.Result result = ImagesResponseJson.read(Mutations.trickle(body.getBytes(StandardCharsets.US_ASCII), readSizes),
                index -> ImageSink.inMemory());

        assertThat(result.images()).singleElement().satisfies(decoded -> assertThat(decoded.bytes()).isEqualTo(image));
    }

    @Provide
    Arbitrary<byte[]> imagePayloads() {
        byte[] header = png(3, 5, 33, 7);
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400).map(tail -> {
            byte[] image = new byte[header.length + tail.length];
            System.arraycopy(header, 0, image, 0, header.length);
            System.arraycopy(tail, 0, image, header.length, tail.length);
            return image;
        });
    }

    @Provide
    Arbitrary<Integer> lineLengths() {
        return Arbitraries.of(0, 1, 3, 4, 64, 76);
    }

    @Provide
    Arbitrary<Integer> escapes() {
        return Arbitraries.integers().between(0, 7);
    }

    /** Arbitrary text pushed into the decoder: it fails with ImagesWireException or decodes as the JDK does. */
    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void base64DecoderFailsCleanlyOrAgreesWithTheJdk(@ForAll("base64ish") String text,
                                                     @ForAll("readSizes") List<Integer> pieces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64Decoder decoder = new Base64Decoder(out);
        String failure = null;
        try {
            for (int i = 0; i < text.length(); i++) {
                decoder.accept(text.charAt(i));
            }
            decoder.finish();
        } catch (ImagesWireException e) {
            failure = e.getMessage();
        }
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            // The bulk path, as the extractor feeds it ASCII runs split anywhere, does exactly the same.
            ByteArrayOutputStream bulk = new ByteArrayOutputStream();
            Base64Decoder runs = new Base64Decoder(bulk);
            byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
            String bulkFailure = null;
            try {
                int from = 0;
                for (int piece = 0; from < ascii.length; piece++) {
                    int size = pieces.isEmpty() ? ascii.length : pieces.get(piece % pieces.size());
                    int to = Math.min(ascii.length, from + Math.max(1, size));
                    // A quote, backslash or non-ASCII byte ends the run: the extractor hands such a byte over alone.
                    for (int at = runs.accept(ascii, from, to); at < to; at = runs.accept(ascii, at + 1, to)) {
                        runs.accept((char) ascii[at]);
                    }
                    from = to;
                }
                runs.finish();
            } catch (ImagesWireException e) {
                bulkFailure = e.getMessage();
            }
            assertThat(bulkFailure).isEqualTo(failure);
            if (failure == null) {
                assertThat(bulk.toByteArray()).isEqualTo(out.toByteArray());
            }
        }
        if (failure != null) {
            return;
        }
        String normalised = text.replace("\r", "").replace("\n", "").replace('-', '+').replace('_', '/')
                .replace("=", "");
        assertThat(out.toByteArray()).isEqualTo(Base64.getDecoder().decode(normalised));
    }

    @Provide
    Arbitrary<String> base64ish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_\r\n")
                        .ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(20),
                Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(40), Mutations.edits(2))
                        .as((bytes, edits) -> Mutations.apply(Base64.getEncoder().encodeToString(bytes), edits)));
    }

    // ---------------------------------------------------------------- error bodies

    /**
     * Whatever an error body holds, reading it never fails, and the envelope written from what was read
     * reads back the same (each part stripped, an empty one as absent, as the envelope is read).
     */
    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void anErrorBodyIsAlwaysReadableAndItsEnvelopeReadsBack(@ForAll("errorBodies") String body) {
        ImagesError error = ImagesError.parse(body);

        ImagesError reread = ImagesError.parse(error.toJson());

        assertThat(reread).isEqualTo(new ImagesError(stripped(error.message()), stripped(error.type()),
                stripped(error.code()), stripped(error.param())));
    }

    private static @Nullable String stripped(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Provide
    Arbitrary<String> errorBodies() {
        return FuzzBodies.errorBody("sk-fuzz-0123456789abcdef");
    }

    // ---------------------------------------------------------------- helpers

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return Mutations.readSizes();
    }

    private static ImagesResponseJson.SinkFactory sinks(Path spool, boolean toFiles) {
        // A stream's partials share the index of the image they lead to, so the file names count on their own.
        java.util.concurrent.atomic.AtomicInteger files = new java.util.concurrent.atomic.AtomicInteger();
        return index -> toFiles ? ImageSink.toFile(Files.createFile(spool.resolve("image-" + index + "-"
                + files.getAndIncrement() + ".img"))) : ImageSink.inMemory();
    }

    private static void assertValid(GeneratedImage image, Path spool, boolean spooled) {
        assertThat(image.width()).isPositive();
        assertThat(image.height()).isPositive();
        if (spooled) {
            assertThat(image.file()).hasParent(spool);
        } else {
            assertThat(image.file()).isNull();
        }
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
