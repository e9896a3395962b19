package dev.imagegen4j.bfl.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error body. BFL documents only the 422's FastAPI {@code HTTPValidationError}
 * {@code {detail: [{loc, msg, type}]}} [B1]; other statuses are read leniently: a {@code detail} string,
 * or {@code message} / {@code error} members [B10]. {@link #toJson()} writes the documented shape.
 *
 * @param message the body's message, or {@code null} when it has none
 * @param problems the validation problems of a 422, in order
 */
public record BflError(@Nullable String message, List<Problem> problems) {
    private static final int SHOWN_TEXT = 200;

    public BflError {
        problems = List.copyOf(problems);
    }

    /**
     * One validation problem.
     *
     * @param location where, such as {@code ["body", "width"]}
     * @param message what is wrong
     * @param type FastAPI's error type, such as {@code less_than_equal}
     */
    public record Problem(List<String> location, String message, String type) {
        public Problem {
            location = List.copyOf(location);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(type, "type");
        }

        /** The body field blamed: the location's last part after {@code body}, or {@code null}. */
        public @Nullable String field() {
            int body = location.indexOf("body");
            return body >= 0 && body + 1 < location.size() ? location.get(body + 1) : null;
        }
    }

    /** What an error body says; never fails. A body that is not JSON gives the start of its text. */
    public static BflError parse(String text) {
        try {
            JsonElement root = JsonParser.parseString(text);
            if (root instanceof JsonObject object) {
                return fromObject(object);
            }
        } catch (JsonParseException e) {
            // A gateway's page, not BFL's JSON: its text is the best message there is.
        }
        String plain = text.strip();
        return new BflError(plain.isEmpty() ? null : plain.length() <= SHOWN_TEXT ? plain
                : plain.substring(0, SHOWN_TEXT) + "...", List.of());
    }

    private static BflError fromObject(JsonObject object) {
        JsonElement detail = object.get("detail");
        List<Problem> problems = new ArrayList<>();
        if (detail instanceof JsonArray array) {
            for (JsonElement element : array) {
                if (element instanceof JsonObject problem) {
                    problems.add(problem(problem));
                }
            }
        }
        String message = detail instanceof JsonPrimitive primitive ? primitive.getAsString() : null;
        if (message == null) {
            message = BflJson.string(object, "message");
        }
        if (message == null) {
            message = BflJson.string(object, "error");
        }
        return new BflError(message, problems);
    }

    private static Problem problem(JsonObject problem) {
        List<String> location = new ArrayList<>();
        if (problem.get("loc") instanceof JsonArray parts) {
            parts.forEach(part -> location.add(part.isJsonPrimitive() ? part.getAsString() : part.toString()));
        }
        String message = BflJson.string(problem, "msg");
        String type = BflJson.string(problem, "type");
        return new Problem(location, message == null ? "invalid" : message, type == null ? "value_error" : type);
    }

    /** A 422's validation error blaming one body field. */
    public static BflError invalid(String field, String message, String type) {
        return new BflError(null, List.of(new Problem(List.of("body", field), message, type)));
    }

    /** Every problem as {@code "width: Input should be ..."}, then the message, joined by "; ". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (Problem problem : problems) {
            String field = problem.field();
            parts.add(field == null ? problem.message() : field + ": " + problem.message());
        }
        if (message != null) {
            parts.add(message);
        }
        return String.join("; ", parts);
    }

    /** {@code {"detail": [...]}} with the problems, or {@code {"detail": "message"}} without any. */
    public String toJson() {
        JsonObject body = new JsonObject();
        if (problems.isEmpty()) {
            body.addProperty("detail", message == null ? "" : message);
            return body.toString();
        }
        JsonArray detail = new JsonArray();
        for (Problem problem : problems) {
            JsonObject item = new JsonObject();
            JsonArray location = new JsonArray();
            problem.location().forEach(location::add);
            item.add("loc", location);
            item.addProperty("msg", problem.message());
            item.addProperty("type", problem.type());
            detail.add(item);
        }
        body.add("detail", detail);
        return body.toString();
    }
}
