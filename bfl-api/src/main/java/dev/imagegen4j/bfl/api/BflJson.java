package dev.imagegen4j.bfl.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.jspecify.annotations.Nullable;

/** Reading BFL's answers: lenient about what they add, strict about what they must hold. */
final class BflJson {
    private BflJson() {
    }

    static JsonObject object(String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (root.isJsonObject()) {
                return root.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            throw new BflWireException(null, "the answer is not JSON: " + e.getMessage());
        }
        throw new BflWireException(null, "the answer is not a JSON object");
    }

    static String requiredString(JsonObject body, String name) {
        String value = string(body, name);
        if (value == null || value.isBlank()) {
            throw new BflWireException(name, "missing from the answer");
        }
        return value;
    }

    static @Nullable String string(JsonObject body, String name) {
        JsonElement value = body.get(name);
        return value instanceof JsonPrimitive primitive && primitive.isString() ? primitive.getAsString() : null;
    }

    static @Nullable Double number(JsonObject body, String name) {
        JsonElement value = body.get(name);
        return value instanceof JsonPrimitive primitive && primitive.isNumber() ? primitive.getAsDouble() : null;
    }
}
