package dev.imagegen4j.stability;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Warning;
import dev.imagegen4j.http.Call;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.http.HttpTransport;
import dev.imagegen4j.http.MalformedResponseException;
import dev.imagegen4j.http.Multipart;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.http.Response;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import dev.imagegen4j.stability.StabilityModels.Endpoint;
import dev.imagegen4j.stability.StabilityModels.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The stability provider's backend: one multipart {@code POST} per image to the model's generate
 * endpoint, the answer streamed into the call's sink. Thread-safe; one pooled transport, released by
 * {@link #close()}. Retries are the transport's alone (429 after its wait, 5xx, undelivered requests).
 */
final class StabilityBackend implements ImageBackend {
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    static final String FILTERED = "CONTENT_FILTERED";
    static final String SUCCESS = "SUCCESS";

    private final Settings settings;
    private final StabilityErrors errors;
    private final HttpTransport transport;

    StabilityBackend(Settings settings, HttpTransport.Sleeper sleeper) {
        this.settings = settings;
        Redactor redactor = HttpTransport.redactor(settings.http(), Settings.ID, settings.apiKey());
        this.errors = new StabilityErrors(redactor);
        this.transport = HttpTransport.builder(settings.http(), redactor).sleeper(sleeper).build();
    }

    /**
     * One image as Stability returned it.
     *
     * @param seed the seed the service used (its {@code seed} header or field), or {@code null} if it sent none
     * @param finishReason {@code SUCCESS}, or {@code CONTENT_FILTERED} when {@code keep-filtered} kept a blurred image
     */
    record Generated(GeneratedImage image, @Nullable Long seed, String finishReason, @Nullable String requestId,
                     @Nullable String outputFormat) {
    }

    @Override
    public ProviderResult generate(ProviderCall call) {
        Generated generated = generateOne(call);
        Long seed = generated.seed();
        GeneratedImage image = seed == null ? generated.image() : generated.image().withSeed(seed);
        ProviderResult.Builder result = ProviderResult.builder().addImage(image)
                .requestId(generated.requestId()).outputFormat(generated.outputFormat());
        if (generated.finishReason().equals(FILTERED)) {
            result.addWarning(new Warning("prompt", call.model().id(), "content.filtered", "Stability's content "
                    + "moderation flagged the image (finish_reason CONTENT_FILTERED); it is blurred, and kept because "
                    + HttpSettings.describe(Settings.ID, Settings.KEEP_FILTERED) + " is true"));
        }
        return result.build();
    }

    /** Sends the call's one image request and reads the answer; see {@link Generated}. */
    Generated generateOne(ProviderCall call) {
        ImageRequest request = call.request();
        String model = call.model().id();
        // Core checked the request with the model's rules, so a model without a route never gets here.
        Route route = Objects.requireNonNull(StabilityModels.route(model), model);
        Call post = body(request, call.extras(), route)
                .post(settings.endpoint(route.endpoint().path))
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Accept", settings.json() ? "application/json" : "image/*");
        post = withClientHeaders(post, request.user());
        return transport.execute(post, response -> read(response, call, model));
    }

    /** The multipart form: exactly the settings the request has, under Stability's names. */
    private static Multipart body(ImageRequest request, Map<String, Object> extras, Route route) {
        Multipart.Builder form = Multipart.builder().text("prompt", request.prompt());
        if (route.modelField() != null) {
            form.text("model", route.modelField());
        }
        if (!request.images().isEmpty()) {
            if (route.endpoint() == Endpoint.SD3) {
                form.text("mode", "image-to-image");
            }
            form.image("image", request.images().get(0));
        }
        if (request.size() instanceof ImageSize.AspectRatio ratio) {
            form.text("aspect_ratio", ratio.ratioText());
        }
        if (request.negativePrompt() != null) {
            form.text("negative_prompt", request.negativePrompt());
        }
        if (request.seed() != null) {
            form.text("seed", Long.toString(request.seed()));
        }
        OutputFormat format = request.outputFormat();
        if (format != null && format != OutputFormat.AUTO) {
            form.text("output_format", format.id());
        }
        extras.forEach((name, value) -> form.text(name, text(value)));
        return form.build();
    }

    /** A number as Stability's form reads it: {@code 0.5}, and whole numbers without {@code .0}. */
    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                    : Double.toString(number);
        }
        return value.toString();
    }

    private Call withClientHeaders(Call post, @Nullable String user) {
        Call withHeaders = post;
        if (settings.clientId() != null) {
            withHeaders = withHeaders.header("stability-client-id", settings.clientId());
        }
        if (settings.clientVersion() != null) {
            withHeaders = withHeaders.header("stability-client-version", settings.clientVersion());
        }
        if (user != null) {
            withHeaders = withHeaders.header("stability-client-user-id", user);
        }
        return withHeaders;
    }

    private Generated read(Response response, ProviderCall call, String model) throws IOException {
        String requestId = response.header("x-request-id");
        if (response.status() != 200) {
            byte[] head = response.body().readNBytes(ERROR_BODY_LIMIT + 1);
            String text = new String(Arrays.copyOf(head, Math.min(head.length, ERROR_BODY_LIMIT)), StandardCharsets.UTF_8);
            throw errors.fromStatus(response.status(), response.reasonPhrase(), StabilityErrors.Body.parse(text),
                    requestId, response.retryAfter(), response.uri());
        }
        String type = response.contentType().toLowerCase(Locale.ROOT);
        // Decided by what arrived, not what was asked for: a gateway may answer JSON to image/*.
        if (type.startsWith("application/json")) {
            return readJson(response, call, model, requestId, type);
        }
        if (!type.startsWith("image/")) {
            throw new MalformedResponseException("a 200 response of type '" + type + "', neither image/* nor JSON");
        }
        String finish = finishReason(response.header("finish-reason"));
        if (finish.equals(FILTERED) && !settings.keepFiltered()) {
            // Read (within the cap) so that the connection stays reusable; the blurred bytes go nowhere.
            response.body().transferTo(OutputStream.nullOutputStream());
            throw errors.filtered(model, requestId);
        }
        GeneratedImage image;
        try (ImageSink sink = call.newSink()) {
            response.body().transferTo(sink);
            image = finish(sink);
        }
        return new Generated(image, seed(response.header("seed")), finish, requestId, format(type, "image/"));
    }

    /** The largest JSON answer read (about a 6 MiB image); {@code accept=image} has no such bound. */
    static final int MAX_JSON_BYTES = 8 * 1024 * 1024;

    private Generated readJson(Response response, ProviderCall call, String model, @Nullable String requestId,
                               String type) throws IOException {
        GeneratedImage image = null;
        String finish = null;
        Long seed = null;
        // Gson builds each string whole, so JSON mode holds the base64 text in memory: bounded here, far
        // below max-response-mib, so that a hostile or huge answer fails typed instead of exhausting the heap.
        InputStream capped = response.body(MAX_JSON_BYTES, "the JSON image response is larger than " + MAX_JSON_BYTES
                + " bytes, which accept=json holds in memory; use accept=image for large images");
        try (ImageSink sink = call.newSink();
             JsonReader json = new JsonReader(new InputStreamReader(capped, StandardCharsets.UTF_8))) {
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "image" -> {
                        // The one base64 copy JSON mode costs; image/* (the default) has none.
                        sink.write(Base64.getDecoder().decode(json.nextString()));
                        image = finish(sink);
                    }
                    case "finish_reason" -> finish = json.nextString();
                    case "seed" -> seed = json.peek() == JsonToken.NUMBER ? json.nextLong() : seed(json.nextString());
                    default -> json.skipValue();
                }
            }
            json.endObject();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MalformedResponseException("the JSON image response is not readable: " + e.getMessage());
        }
        if (image == null) {
            throw new MalformedResponseException("the JSON image response has no image");
        }
        String reason;
        try {
            reason = finishReason(finish);
        } catch (MalformedResponseException e) {
            discard(image);
            throw e;
        }
        if (reason.equals(FILTERED) && !settings.keepFiltered()) {
            discard(image);
            throw errors.filtered(model, requestId);
        }
        return new Generated(image, seed, reason, requestId, format(type, "type=image/"));
    }

    /** The image format named after {@code marker} in a content type ({@code png}), or {@code null}. */
    private static @Nullable String format(String type, String marker) {
        int at = type.indexOf(marker);
        return at < 0 ? null : type.substring(at + marker.length()).split("[;\\s]")[0];
    }

    private static GeneratedImage finish(ImageSink sink) throws IOException {
        try {
            return sink.finish();
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("the image is not readable: " + e.getMessage());
        }
    }

    /** Deletes the file of an image the caller will never see. */
    private static void discard(GeneratedImage image) throws IOException {
        if (image.file() != null) {
            Files.deleteIfExists(image.file());
        }
    }

    private static String finishReason(@Nullable String value) throws MalformedResponseException {
        // The spec documents it on every 200; a gateway that drops the header leaves a plain image.
        String reason = value == null ? SUCCESS : value.strip().toUpperCase(Locale.ROOT);
        if (!reason.equals(SUCCESS) && !reason.equals(FILTERED)) {
            throw new MalformedResponseException("finish_reason '" + value + "' is neither SUCCESS nor CONTENT_FILTERED");
        }
        return reason;
    }

    private static @Nullable Long seed(@Nullable String value) {
        try {
            return value == null ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            // A paid image is not thrown away for an unreadable remark about it.
            return null;
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
