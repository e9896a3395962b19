package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.http.MalformedResponseException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.MalformedJsonException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.Usage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The JSON of both kinds of response to {@code POST /v1/images/generations}. */
final class Wire {
    private static final String DONE = "[DONE]";
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Wire() {
    }

    /** What a successful response said besides the images. */
    record Envelope(@Nullable Instant created, @Nullable String size, @Nullable String quality,
                    @Nullable String background, @Nullable String outputFormat, @Nullable Usage usage) {
        static final Envelope EMPTY = new Envelope(null, null, null, null, null, null);
    }

    /** The images and the envelope of a successful response. */
    record Result(List<GeneratedImage> images, Envelope envelope) {
    }

    /** An error object found inside a 200 response or a stream. */
    static final class EmbeddedError extends IOException {
        private static final long serialVersionUID = 1L;
        final transient ErrorBody body;

        EmbeddedError(ErrorBody body) {
            super("the provider reported an error in its response");
            this.body = body;
        }
    }

    /** Reads a JSON response, decoding each image into a sink from {@code sinks} as it streams by. */
    static Result readJson(InputStream body, ImageExtractingReader.SinkFactory sinks) throws IOException {
        ImageExtractingReader reader = new ImageExtractingReader(utf8(body), sinks);
        try (reader) {
            JsonObject root = parseObject(reader);
            if (root.has("error")) {
                throw new EmbeddedError(ErrorBody.fromObject(root));
            }
            JsonElement data = root.get("data");
            if (data == null || !data.isJsonArray() || data.getAsJsonArray().isEmpty()) {
                throw new MalformedResponseException("the response has no images in 'data'");
            }
            List<GeneratedImage> images = new ArrayList<>();
            JsonArray items = data.getAsJsonArray();
            for (int i = 0; i < items.size(); i++) {
                images.add(image(items.get(i), i, reader.images()));
            }
            return new Result(images, envelope(root, "created"));
        } catch (IOException | RuntimeException e) {
            deleteFiles(reader.images(), e);
            throw e;
        }
    }

    /**
     * Reads an event stream, handing each partial and completed image to {@code listener} as soon as
     * its event is parsed. Every image decodes into a sink from {@code sinks}, as in a JSON response; a
     * partial image's spool file is deleted once the listener has returned, since nobody keeps it after.
     */
    static Result readStream(InputStream body, Consumer<? super ImageEvent> listener,
                             ImageExtractingReader.SinkFactory sinks) throws IOException {
        SseReader events = new SseReader(utf8(body));
        List<GeneratedImage> completed = new ArrayList<>();
        Envelope[] last = {Envelope.EMPTY};
        int[] partials = {0};
        try {
            while (events.next((name, data) -> {
                PushbackReader peek = new PushbackReader(data, DONE.length());
                char[] start = new char[DONE.length()];
                int read = peek.read(start);
                if (read == DONE.length() && new String(start).equals(DONE)) {
                    return;
                }
                if (read > 0) {
                    peek.unread(start, 0, read);
                }
                int index = completed.size();
                ImageExtractingReader reader = new ImageExtractingReader(peek, extracted -> sinks.create(index));
                JsonObject json;
                try (reader) {
                    json = parseObject(reader);
                } catch (IOException | RuntimeException e) {
                    deleteFiles(reader.images(), e);
                    throw e;
                }
                String type = json.has("type") && json.get("type").isJsonPrimitive()
                        ? json.get("type").getAsString() : "";
                switch (error(json, type, name) ? "error" : type) {
                    case "error" -> {
                        deleteFiles(reader.images(), null);
                        throw new EmbeddedError(ErrorBody.fromObject(json));
                    }
                    case "image_generation.partial_image" -> {
                        Long given = number(json, "partial_image_index");
                        int partialIndex = given != null && given >= 0 && given <= Integer.MAX_VALUE
                                ? given.intValue() : partials[0];
                        partials[0]++;
                        try {
                            listener.accept(new ImageEvent.PartialImage(index, partialIndex,
                                    image(json, 0, reader.images())));
                        } finally {
                            deleteFiles(reader.images(), null);
                        }
                    }
                    case "image_generation.completed" -> {
                        GeneratedImage image;
                        try {
                            image = image(json, 0, reader.images());
                        } catch (MalformedResponseException e) {
                            deleteFiles(reader.images(), e);
                            throw e;
                        }
                        completed.add(image);
                        last[0] = envelope(json, "created_at");
                        partials[0] = 0;
                        listener.accept(new ImageEvent.Completed(index, image));
                    }
                    default -> deleteFiles(reader.images(), null);
                }
            })) {
                // Each call handles one event; unknown event types are skipped, as the official SDKs do.
            }
        } catch (IOException | RuntimeException e) {
            deleteFiles(completed, e);
            throw e;
        }
        if (completed.isEmpty()) {
            throw new MalformedResponseException("the event stream ended without an image_generation.completed event");
        }
        return new Result(completed, last[0]);
    }

    private static boolean error(JsonObject json, String type, @Nullable String event) {
        return json.has("error") || type.equals("error") || "error".equals(event);
    }

    private static Reader utf8(InputStream body) {
        return new InputStreamReader(body, StandardCharsets.UTF_8);
    }

    private static JsonObject parseObject(Reader reader) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            if (e.getCause() instanceof Error error) {
                // Gson wraps even OutOfMemoryError; running out of heap is not a malformed response.
                throw error;
            }
            // Gson reports bad syntax as MalformedJsonException, itself an IOException: only other I/O
            // failures (the connection, the size cap, the base64 extraction) pass through as they are.
            if (e.getCause() instanceof IOException io && !(io instanceof EOFException)
                    && !(io instanceof MalformedJsonException)) {
                throw io;
            }
            throw new MalformedResponseException("the response is not valid JSON"
                    + (e.getCause() instanceof EOFException ? " (it ends too early)" : ""), e);
        }
        if (!root.isJsonObject()) {
            throw new MalformedResponseException("the response is JSON but not an object");
        }
        return root.getAsJsonObject();
    }

    private static GeneratedImage image(JsonElement item, int position, List<GeneratedImage> extracted)
            throws MalformedResponseException {
        JsonElement value = item.isJsonObject() ? item.getAsJsonObject().get("b64_json") : null;
        if (value == null || !value.isJsonPrimitive()) {
            boolean url = item.isJsonObject() && item.getAsJsonObject().has("url");
            throw new MalformedResponseException("image " + position + " has no b64_json"
                    + (url ? " (only a url, which GPT image models never return)" : ""));
        }
        String placeholder = value.getAsString();
        int index;
        try {
            index = Integer.parseInt(placeholder.substring(1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new MalformedResponseException("image " + position + " has an unreadable b64_json");
        }
        if (!placeholder.startsWith("#") || index < 0 || index >= extracted.size()) {
            throw new MalformedResponseException("image " + position + " has an unreadable b64_json");
        }
        return extracted.get(index);
    }

    private static Envelope envelope(JsonObject json, String createdField) {
        Long created = number(json, createdField);
        // A time an Instant cannot hold is ignored, as an absent one is.
        boolean representable = created != null && created >= Instant.MIN.getEpochSecond()
                && created <= Instant.MAX.getEpochSecond();
        return new Envelope(representable ? Instant.ofEpochSecond(created) : null, text(json, "size"),
                text(json, "quality"), text(json, "background"), text(json, "output_format"), usage(json.get("usage")));
    }

    private static @Nullable Usage usage(@Nullable JsonElement element) {
        if (element == null || !element.isJsonObject()) {
            return null;
        }
        JsonObject usage = element.getAsJsonObject();
        long input = orZero(number(usage, "input_tokens"));
        long output = orZero(number(usage, "output_tokens"));
        Long total = number(usage, "total_tokens");
        return new Usage(input, details(usage.get("input_tokens_details")), output,
                details(usage.get("output_tokens_details")), total == null ? input + output : total);
    }

    private static Usage.TokenDetails details(@Nullable JsonElement element) {
        if (element == null || !element.isJsonObject()) {
            return Usage.TokenDetails.NONE;
        }
        JsonObject details = element.getAsJsonObject();
        return new Usage.TokenDetails(orZero(number(details, "text_tokens")), orZero(number(details, "image_tokens")));
    }

    /** The integral part of a number member; {@code null} when it is absent, not a number, or beyond a long. */
    private static @Nullable Long number(JsonObject json, String name) {
        JsonElement value = json.get(name);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            // Not getAsLong(): it fails on numbers like 1e999999 and wraps those beyond a long around.
            BigDecimal number = value.getAsBigDecimal();
            return number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0 ? number.longValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }

    private static @Nullable String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /**
     * Deletes the spool files of {@code images}; a failure to delete is attached to {@code cause}, or
     * thrown when there is none.
     */
    private static void deleteFiles(List<GeneratedImage> images, @Nullable Throwable cause) throws IOException {
        for (GeneratedImage image : images) {
            Path file = image.file();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    if (cause == null) {
                        throw e;
                    }
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
