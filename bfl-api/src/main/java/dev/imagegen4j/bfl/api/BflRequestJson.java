package dev.imagegen4j.bfl.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.bfl.api.BflModels.Images;
import dev.imagegen4j.bfl.api.BflModels.Sizing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /v1/{model}}: {@link #toJson} writes what a valid request sets, under
 * the model's wire names, and nothing else; {@link #fromJson} reads one back, as the mock's server
 * does. Reference images go as base64 ({@code image_prompt}, or {@code input_image},
 * {@code input_image_2}, …); provider extras under their own names.
 */
public final class BflRequestJson {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private BflRequestJson() {
    }

    /**
     * The body for {@code request}, already valid for its model.
     *
     * @param extras the request's extras of the bfl provider, already checked against the model
     */
    public static String toJson(ImageRequest request, Map<String, Object> extras) {
        String model = String.valueOf(request.model());
        BflModels.Wire wire = BflModels.wire(model);
        ModelSpec spec = BflModels.catalog().specFor(model);
        JsonObject body = new JsonObject();
        body.addProperty("prompt", request.prompt());
        ImageSize size = request.size();
        if (size instanceof ImageSize.Exact exact && wire.sizing() == Sizing.DIMENSIONS) {
            body.addProperty("width", exact.width());
            body.addProperty("height", exact.height());
        } else if (size instanceof ImageSize.AspectRatio ratio && wire.sizing() == Sizing.ASPECT_RATIO) {
            body.addProperty("aspect_ratio", ratio.ratioText());
        }
        if (request.seed() != null) {
            body.addProperty("seed", request.seed());
        }
        OutputFormat format = request.outputFormat();
        if (format != null && format != OutputFormat.AUTO) {
            body.addProperty("output_format", format.id());
        }
        List<InputImage> images = request.images();
        for (int i = 0; i < images.size(); i++) {
            body.addProperty(imageField(wire.images(), i), base64(images.get(i)));
        }
        extras.forEach((name, value) -> body.add(name, extraValue(spec.extras().get(name), value)));
        return body.toString();
    }

    /** The wire name of reference image {@code index} (from 0). */
    static String imageField(Images images, int index) {
        if (images == Images.IMAGE_PROMPT) {
            return "image_prompt";
        }
        return index == 0 ? "input_image" : "input_image_" + (index + 1);
    }

    private static JsonElement extraValue(@Nullable ExtraSetting declared, Object value) {
        if (value instanceof Boolean bool) {
            return new JsonPrimitive(bool);
        }
        if (value instanceof Number number) {
            // 2, not 2.0, for the integer fields: FastAPI refuses a fraction where an int is declared.
            return new JsonPrimitive(declared != null && declared.type() == ExtraSetting.Type.INTEGER
                    ? (Number) number.longValue() : number);
        }
        return new JsonPrimitive(value.toString());
    }

    private static String base64(InputImage image) {
        try (InputStream in = image.openStream()) {
            return BASE64.encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference image " + image, e);
        }
    }

    /**
     * The neutral field a wire field of a submit body stands for, for the locations of a 422's
     * {@code detail}: {@code width} is {@code size}, {@code input_image_3} is {@code images},
     * {@code safety_tolerance} is {@code extras.bfl.safety_tolerance}.
     */
    public static String neutralField(String wireField, String providerId) {
        return switch (wireField) {
            case "prompt", "seed" -> wireField;
            case "width", "height", "aspect_ratio" -> "size";
            case "output_format" -> "outputFormat";
            case "image_prompt" -> "images";
            default -> wireField.startsWith("input_image") ? "images" : "extras." + providerId + "." + wireField;
        };
    }

    /** The wire field a neutral field is sent as on {@code model}; the inverse of {@link #neutralField}. */
    public static String wireField(String neutralField, String model) {
        BflModels.Wire wire = BflModels.wire(model);
        if (neutralField.equals("size")) {
            return wire.sizing() == Sizing.DIMENSIONS ? "width" : "aspect_ratio";
        }
        if (neutralField.equals("images")) {
            return imageField(wire.images(), 0);
        }
        if (neutralField.equals("outputFormat")) {
            return "output_format";
        }
        int extra = neutralField.startsWith("extras.") ? neutralField.indexOf('.', "extras.".length()) : -1;
        return extra < 0 ? neutralField : neutralField.substring(extra + 1);
    }

    /**
     * A body read back into a request for {@code model}, with its extras under {@code providerId}; not yet
     * checked against the model's rules beyond what reading needs.
     *
     * @throws BflWireException naming the wire field when the body is not JSON, has a field the model does
     *         not take, or a field of the wrong type
     */
    public static ImageRequest fromJson(String model, String json, String providerId) {
        JsonObject body;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new BflWireException(null, "the body must be a JSON object");
            }
            body = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BflWireException(null, "the body is not JSON: " + e.getMessage());
        }
        BflModels.Wire wire = BflModels.wire(model);
        ModelSpec spec = BflModels.catalog().specFor(model);
        String prompt = body.has("prompt") ? string(body, "prompt") : "";
        ImageRequest.Builder request = ImageRequest.builder(prompt).model(model);
        List<InputImage> images = new ArrayList<>();
        Integer width = null;
        Integer height = null;
        for (Map.Entry<String, JsonElement> field : body.entrySet()) {
            String name = field.getKey();
            if (field.getValue().isJsonNull() || name.equals("prompt")) {
                continue;
            }
            switch (name) {
                case "width" -> width = whole(body, name);
                case "height" -> height = whole(body, name);
                case "aspect_ratio" -> request.size(ratio(string(body, name)));
                case "seed" -> request.seed((long) whole(body, name));
                case "output_format" -> request.outputFormat(format(string(body, name)));
                default -> {
                    if (name.equals(imageField(wire.images(), images.size()))) {
                        images.add(image(body, name));
                    } else if (spec.extras().containsKey(name)) {
                        request.extra(providerId, name, extra(body, name));
                    } else {
                        throw new BflWireException(name, "Extra inputs are not permitted");
                    }
                }
            }
        }
        if ((width == null) != (height == null)) {
            throw new BflWireException(width == null ? "height" : "width", "width and height go together");
        }
        if (width != null) {
            if (wire.sizing() != Sizing.DIMENSIONS) {
                throw new BflWireException("width", "Extra inputs are not permitted");
            }
            request.size(ImageSize.of(width, height));
        }
        return request.images(images).build();
    }

    private static String string(JsonObject body, String name) {
        JsonElement value = body.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new BflWireException(name, "Input should be a valid string");
        }
        return value.getAsString();
    }

    private static int whole(JsonObject body, String name) {
        JsonElement value = body.get(name);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            double number = value.getAsDouble();
            if (number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw new BflWireException(name, "Input should be a valid integer");
    }

    private static ImageSize ratio(String text) {
        try {
            ImageSize size = ImageSize.parse(text);
            if (size instanceof ImageSize.AspectRatio) {
                return size;
            }
        } catch (IllegalArgumentException e) {
            // Answered below, as the service would.
        }
        throw new BflWireException("aspect_ratio", "Input should be a ratio such as 16:9");
    }

    private static OutputFormat format(String text) {
        for (OutputFormat format : List.of(OutputFormat.JPEG, OutputFormat.PNG, OutputFormat.WEBP)) {
            if (format.id().equals(text.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new BflWireException("output_format", "Input should be 'jpeg', 'png' or 'webp'");
    }

    private static InputImage image(JsonObject body, String name) {
        String text = string(body, name);
        try {
            return InputImage.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new BflWireException(name, "Input should be a base64-encoded image: " + e.getMessage());
        }
    }

    private static Object extra(JsonObject body, String name) {
        JsonElement value = body.get(name);
        if (value.isJsonPrimitive()) {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (primitive.isBoolean()) {
                return primitive.getAsBoolean();
            }
            if (primitive.isNumber()) {
                return primitive.getAsDouble();
            }
            return primitive.getAsString();
        }
        throw new BflWireException(name, "Input should be a number, a boolean or a string");
    }
}
