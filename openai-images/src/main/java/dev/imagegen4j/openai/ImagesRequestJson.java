package dev.imagegen4j.openai;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import dev.imagegen4j.Background;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import dev.imagegen4j.Violation;
import dev.imagegen4j.internal.FieldReader;
import dev.imagegen4j.InputImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /v1/images/generations}: written from a neutral {@link ImageRequest} by
 * the providers that speak the wire, and read back into one by the mock's server, with one table of
 * names for both.
 */
public final class ImagesRequestJson {
    /** The documented parameters, by wire name. */
    public static final Set<String> FIELDS = Set.of("model", "prompt", "n", "size", "seed", "quality", "background",
            "output_format", "output_compression", "moderation", "stream", "partial_images", "user");

    private static final Set<String> NUMBER_FIELDS = Set.of("n", "seed", "output_compression", "partial_images");

    private static final Map<String, String> WIRE_NAMES = Map.of("count", "n", "outputFormat", "output_format",
            "outputCompression", "output_compression", "partialImages", "partial_images");

    private ImagesRequestJson() {
    }

    /**
     * A request read from a body's fields, and whether it asked to stream.
     *
     * @param request the neutral request
     * @param stream whether {@code stream} was true
     */
    public record Parsed(ImageRequest request, boolean stream) {
    }

    /**
     * The wire name of a neutral {@link ImageRequest} field, as an error envelope's {@code param} names
     * it: {@code count} is {@code n}, {@code outputFormat} is {@code output_format}, and so on; other
     * names are the same on the wire.
     */
    public static String wireName(String field) {
        return WIRE_NAMES.getOrDefault(field, field);
    }

    /**
     * The body for {@code request}: every field that is set, under its wire name, {@code model} always,
     * {@code stream} when streaming; then the request's extras for {@code providerId} as further fields.
     * The request must be valid for its model (so it holds no setting the wire lacks).
     *
     * @throws InvalidRequestException when an extra has the name of a documented parameter, which it
     *         would silently replace (nothing is sent)
     */
    public static String toJson(ImageRequest request, boolean stream, String providerId) {
        // Written straight from the fields, not through a Gson tree: the body is built on every request.
        StringWriter text = new StringWriter(256);
        try (JsonWriter json = new JsonWriter(text)) {
            // As Gson's toJson wrote it: HTML characters escaped, any number written.
            json.setHtmlSafe(true);
            json.setStrictness(Strictness.LENIENT);
            json.beginObject();
            for (Map.Entry<String, Object> field : fields(request, stream, providerId).entrySet()) {
                json.name(field.getKey());
                Object value = field.getValue();
                if (value instanceof Number number) {
                    json.value(number);
                } else if (value instanceof Boolean flag) {
                    json.value(flag);
                } else {
                    json.value(value.toString());
                }
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /**
     * The text fields of the {@code multipart/form-data} body of {@code POST /v1/images/edits} for
     * {@code request}, in order: the same parameters, under the same names, as {@link #toJson}, each as
     * its text ({@code n} as {@code 2}, {@code stream} as {@code true}). The files ({@code image} or
     * {@code image[]}, and {@code mask}) are the caller's to add.
     *
     * @throws InvalidRequestException as {@link #toJson} does
     */
    public static Map<String, String> toFormFields(ImageRequest request, boolean stream, String providerId) {
        Map<String, String> form = new LinkedHashMap<>();
        fields(request, stream, providerId).forEach((name, value) -> form.put(name, value.toString()));
        return form;
    }

    /**
     * A request read from the text fields of an edits form, with {@code images} and {@code mask} as its
     * input images; as {@link #fromFields(Map, Set, String)} otherwise.
     *
     * @throws InvalidRequestException as {@link #fromFields} does, and naming a number field whose text is no number
     */
    public static Parsed fromFormFields(Map<String, String> form, List<InputImage> images, @Nullable InputImage mask,
                                        Set<String> extras, String extrasProvider) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<Violation> problems = new ArrayList<>();
        form.forEach((name, text) -> {
            if (NUMBER_FIELDS.contains(name)) {
                try {
                    fields.put(name, Long.parseLong(text.strip()));
                } catch (NumberFormatException e) {
                    problems.add(Violation.of(name, "invalid_type", text, name + " must be an integer"));
                }
            } else if (name.equals("stream")) {
                fields.put(name, Boolean.parseBoolean(text.strip()));
            } else {
                fields.put(name, text);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(ErrorDetails.of(extrasProvider), "Invalid request", problems);
        }
        Parsed parsed = fromFields(fields, extras, extrasProvider);
        return new Parsed(parsed.request().toBuilder().images(images).mask(mask).build(), parsed.stream());
    }

    /**
     * A request from fields as {@link #fromFields(Map)} reads them, where the fields named in
     * {@code extras} (such as a model's declared extras, {@code guidance_scale}) become extras of
     * {@code extrasProvider} instead of unknown parameters.
     */
    public static Parsed fromFields(Map<String, ?> fields, Set<String> extras, String extrasProvider) {
        Map<String, Object> documented = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (extras.contains(name) && !FIELDS.contains(name)) {
                extra.put(name, value);
            } else {
                documented.put(name, value);
            }
        });
        Parsed parsed = fromFields(documented);
        if (extra.isEmpty()) {
            return parsed;
        }
        ImageRequest.Builder builder = parsed.request().toBuilder();
        extra.forEach((name, value) -> builder.extra(extrasProvider, name, value));
        return new Parsed(builder.build(), parsed.stream());
    }

    /** The fields of the body in order, each a String, Number or Boolean; unset ones are left out. */
    private static Map<String, Object> fields(ImageRequest request, boolean stream, String providerId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "model", request.model());
        put(fields, "prompt", request.prompt());
        put(fields, "n", request.count());
        put(fields, "size", request.size() == null ? null : request.size().text());
        // Not OpenAI's, but the same endpoint's on GPTProto for the models that take one (Seedream).
        put(fields, "seed", request.seed());
        put(fields, "quality", request.quality() == null ? null : request.quality().id());
        put(fields, "background", request.background() == null ? null : request.background().id());
        put(fields, "moderation", request.moderation() == null ? null : request.moderation().id());
        put(fields, "output_format", request.outputFormat() == null ? null : request.outputFormat().id());
        put(fields, "output_compression", request.outputCompression());
        put(fields, "stream", stream ? Boolean.TRUE : null);
        put(fields, "partial_images", request.partialImages());
        put(fields, "user", request.user());
        for (Map.Entry<String, Object> extra : request.extras(providerId).entrySet()) {
            if (FIELDS.contains(extra.getKey())) {
                String field = "extras." + providerId + "." + extra.getKey();
                throw new InvalidRequestException(ErrorDetails.of(providerId), "Invalid request", List.of(
                        Violation.of(field, "extras.reserved", extra.getValue(), field + " is a request parameter;"
                                + " set it on the request itself, where it is validated")));
            }
            Object value = extra.getValue();
            fields.put(extra.getKey(), value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
        return fields;
    }

    /** Unset fields are not sent at all. */
    private static void put(Map<String, Object> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /**
     * A request from fields named as on the wire ({@code prompt}, {@code n}, {@code output_format}, …),
     * such as a parsed JSON body. Values are strings, numbers, booleans or {@code null} (unset); a list or
     * map stands for a JSON array or object.
     *
     * @throws InvalidRequestException listing every field that is unknown, missing
     *         ({@code prompt}), of the wrong type, or not a valid value; each violation's field is the wire
     *         name and its rule {@code unknown_parameter}, {@code missing_required_parameter},
     *         {@code invalid_type} or {@code invalid_value}
     */
    public static Parsed fromFields(Map<String, ?> fields) {
        FieldReader wire = new FieldReader(fields);
        wire.rejectUnknown(FIELDS);
        String prompt = wire.string("prompt");
        if (prompt == null && !wire.failed("prompt")) {
            wire.problem("prompt", "missing_required_parameter", null, "prompt is required");
        }
        ImageRequest.Builder builder = ImageRequest.builder(prompt == null ? "" : prompt)
                .model(wire.string("model"))
                .count(wire.integer("n"))
                .size(wire.parsed("size", ImageSize::parse))
                .seed(wire.longInteger("seed"))
                .quality(wire.parsed("quality", Quality::parse))
                .background(wire.parsed("background", Background::parse))
                .outputFormat(wire.parsed("output_format", OutputFormat::parse))
                .outputCompression(wire.integer("output_compression"))
                .moderation(wire.parsed("moderation", Moderation::parse))
                .partialImages(wire.integer("partial_images"))
                .user(wire.string("user"));
        Boolean stream = wire.bool("stream");
        wire.throwIfAnyProblem();
        return new Parsed(builder.build(), Boolean.TRUE.equals(stream));
    }
}
