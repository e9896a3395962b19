package dev.imagegen4j.openai;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.Usage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a successful response to {@code POST /v1/images/generations}: decoded by the
 * providers that speak the wire, encoded by the mock's server. Decoding streams: the base64 of each
 * image goes straight into a sink from a {@link SinkFactory} (memory or file) as it arrives and is never
 * held as text, and everything else is capped (512 Ki characters per response), so that no hostile body
 * can exhaust the heap. The event-stream form of the same response is {@link ImagesEventStream}'s.
 */
public final class ImagesResponseJson {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    // Unset settings are written as JSON null, as the wire has them.
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private ImagesResponseJson() {
    }

    /** Creates the sink that the next image of a response decodes into. */
    @FunctionalInterface
    public interface SinkFactory {
        /** The sink for image {@code index} (counted from 0 in the response or event). */
        ImageSink create(int index) throws IOException;
    }

    /**
     * What a successful response says besides the images; each part is {@code null} when it is absent.
     *
     * @param created when the images were made ({@code created}, or {@code created_at} in a stream)
     * @param size the effective size, such as {@code 1024x1024}
     * @param quality the effective quality
     * @param background the effective background
     * @param outputFormat the effective output format ({@code output_format})
     * @param usage the tokens used
     */
    public record Envelope(@Nullable Instant created, @Nullable String size, @Nullable String quality,
                           @Nullable String background, @Nullable String outputFormat, @Nullable Usage usage) {
        static final Envelope EMPTY = new Envelope(null, null, null, null, null, null);
    }

    /**
     * The images and the envelope of a successful response. A response holds either base64 images or
     * URLs of hosted files ({@code data[].url}, as flux and Seedream answer), never both.
     *
     * @param images the images, in order, each decoded into its sink
     * @param envelope the rest; of a stream, that of its last completed event
     * @param urls where the images are to be fetched from, in order, when the response gave URLs
     */
    public record Result(List<GeneratedImage> images, Envelope envelope, List<URI> urls) {
        /** Copies the lists. */
        public Result {
            images = List.copyOf(images);
            urls = List.copyOf(urls);
        }

        /** A result of base64 images. */
        public Result(List<GeneratedImage> images, Envelope envelope) {
            this(images, envelope, List.of());
        }
    }

    /**
     * Reads a JSON response, decoding each image into a sink from {@code sinks} as it streams by. On any
     * failure the images decoded so far are discarded (their files deleted).
     *
     * @throws ImagesErrorException when the body is an error envelope
     * @throws ImagesWireException when the body is not a response of the wire, or passes a cap
     * @throws IOException when reading {@code body} fails, as it failed
     */
    public static Result read(InputStream body, SinkFactory sinks) throws IOException {
        ImageExtractor reader = new ImageExtractor(body, sinks);
        try (reader) {
            JsonObject root = parseObject(reader.read());
            if (root.has("error")) {
                throw new ImagesErrorException(ImagesError.fromObject(root));
            }
            JsonElement data = root.get("data");
            if (data == null || !data.isJsonArray() || data.getAsJsonArray().isEmpty()) {
                throw new ImagesWireException("the response has no images in 'data'");
            }
            List<GeneratedImage> images = new ArrayList<>();
            List<URI> urls = new ArrayList<>();
            JsonArray items = data.getAsJsonArray();
            for (int i = 0; i < items.size(); i++) {
                URI url = url(items.get(i), i);
                if (url != null) {
                    urls.add(url);
                } else {
                    images.add(image(items.get(i), i, reader.images()));
                }
            }
            if (!urls.isEmpty() && !images.isEmpty()) {
                throw new ImagesWireException("the response mixes images given as b64_json and as url");
            }
            if (!urls.isEmpty()) {
                // Base64 text elsewhere in the envelope was decoded on the way; no image of the result is it.
                deleteFiles(reader.images(), null);
            }
            return new Result(images, envelope(root, "created"), urls);
        } catch (IOException | RuntimeException e) {
            deleteFiles(reader.images(), e);
            throw e;
        }
    }

    /**
     * The JSON response giving its images as {@code data[].url}, the form in which flux and Seedream
     * answer, with the envelope as {@link #toJson(List, Envelope)} writes it.
     */
    public static String toUrlJson(List<URI> urls, Envelope envelope) {
        JsonObject json = new JsonObject();
        if (envelope.created() != null) {
            json.addProperty("created", envelope.created().getEpochSecond());
        }
        JsonArray data = new JsonArray();
        for (URI url : urls) {
            JsonObject item = new JsonObject();
            item.addProperty("url", url.toString());
            data.add(item);
        }
        json.add("data", data);
        settings(json, envelope);
        return GSON.toJson(json);
    }

    /**
     * The JSON response holding {@code images} as {@code data[].b64_json}, with the envelope's
     * {@code created} (when set), {@code size}, {@code quality}, {@code background} and
     * {@code output_format} ({@code null} when unset) and {@code usage} (when set).
     */
    public static String toJson(List<GeneratedImage> images, Envelope envelope) {
        JsonObject json = new JsonObject();
        if (envelope.created() != null) {
            json.addProperty("created", envelope.created().getEpochSecond());
        }
        JsonArray data = new JsonArray();
        for (GeneratedImage image : images) {
            JsonObject item = new JsonObject();
            item.addProperty("b64_json", base64(image));
            data.add(item);
        }
        json.add("data", data);
        settings(json, envelope);
        return GSON.toJson(json);
    }

    /** Adds the effective settings and the usage of {@code envelope} to {@code json}. */
    static void settings(JsonObject json, Envelope envelope) {
        json.addProperty("size", envelope.size());
        json.addProperty("quality", envelope.quality());
        json.addProperty("background", envelope.background());
        json.addProperty("output_format", envelope.outputFormat());
        if (envelope.usage() != null) {
            json.add("usage", usageJson(envelope.usage()));
        }
    }

    static String base64(GeneratedImage image) {
        return Base64.getEncoder().encodeToString(image.bytes());
    }

    private static JsonObject usageJson(Usage usage) {
        JsonObject json = new JsonObject();
        json.addProperty("input_tokens", usage.inputTokens());
        json.add("input_tokens_details", detailsJson(usage.inputDetails()));
        json.addProperty("output_tokens", usage.outputTokens());
        json.add("output_tokens_details", detailsJson(usage.outputDetails()));
        json.addProperty("total_tokens", usage.totalTokens());
        return json;
    }

    private static JsonObject detailsJson(Usage.TokenDetails details) {
        JsonObject json = new JsonObject();
        json.addProperty("image_tokens", details.imageTokens());
        json.addProperty("text_tokens", details.textTokens());
        return json;
    }

    static String toJson(JsonObject json) {
        return GSON.toJson(json);
    }

    static boolean error(JsonObject json, String type, @Nullable String event) {
        return json.has("error") || type.equals("error") || "error".equals(event);
    }

    /** Parses the envelope that an {@link ImageExtractor} read. */
    static JsonObject parseObject(String envelope) throws ImagesWireException {
        JsonElement root;
        try {
            root = JsonParser.parseString(envelope);
        } catch (JsonParseException e) {
            if (e.getCause() instanceof Error error) {
                // Gson wraps even OutOfMemoryError; running out of heap is not a malformed response.
                throw error;
            }
            // The envelope is in memory: every failure here, an EOFException included, is bad syntax.
            throw new ImagesWireException("the response is not valid JSON"
                    + (e.getCause() instanceof EOFException ? " (it ends too early)" : ""), e);
        }
        if (!root.isJsonObject()) {
            throw new ImagesWireException("the response is JSON but not an object");
        }
        return root.getAsJsonObject();
    }

    /** The {@code url} of an item that has no {@code b64_json}; {@code null} when it has one (or neither). */
    private static @Nullable URI url(JsonElement item, int position) throws ImagesWireException {
        if (!item.isJsonObject() || item.getAsJsonObject().has("b64_json")) {
            return null;
        }
        JsonElement value = item.getAsJsonObject().get("url");
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new ImagesWireException("image " + position + " has a url that is not a string");
        }
        try {
            URI url = new URI(value.getAsString());
            if (!url.isAbsolute() || url.getHost() == null) {
                throw new URISyntaxException(value.getAsString(), "not an absolute URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            // The URL itself may be signed: the message never shows it.
            throw new ImagesWireException("image " + position + " has an unreadable url");
        }
    }

    static GeneratedImage image(JsonElement item, int position, List<GeneratedImage> extracted)
            throws ImagesWireException {
        JsonElement value = item.isJsonObject() ? item.getAsJsonObject().get("b64_json") : null;
        if (value == null || !value.isJsonPrimitive()) {
            throw new ImagesWireException("image " + position + " has "
                    + (item.isJsonObject() && item.getAsJsonObject().has("b64_json") ? "no b64_json" : "neither b64_json nor url"));
        }
        String placeholder = value.getAsString();
        int index;
        try {
            index = Integer.parseInt(placeholder.substring(1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new ImagesWireException("image " + position + " has an unreadable b64_json");
        }
        if (!placeholder.startsWith("#") || index < 0 || index >= extracted.size()) {
            throw new ImagesWireException("image " + position + " has an unreadable b64_json");
        }
        return extracted.get(index);
    }

    static Envelope envelope(JsonObject json, String createdField) {
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
    static @Nullable Long number(JsonObject json, String name) {
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
    static void deleteFiles(List<GeneratedImage> images, @Nullable Throwable cause) throws IOException {
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
