package dev.imagegen4j.openai;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The error of an images response: what the OpenAI envelope
 * {@code {"error":{"message","type","param","code"}}} holds. {@link #parse(String)} reads it leniently: the OpenAI envelope
 * {@code {"error":{"message","type","param","code"}}}, GPTProto's own variants (an {@code error}
 * string, a top-level {@code message}, a status string as {@code type}), or a body that is not JSON
 * at all, such as a proxy's HTML page; {@link #toJson()} writes the OpenAI envelope.
 *
 * @param message the provider's message, or {@code null} if it gave none
 * @param type the error type, or {@code null}
 * @param code the machine-readable code, or {@code null}
 * @param param the parameter blamed, or {@code null}
 */
public record ImagesError(@Nullable String message, @Nullable String type, @Nullable String code, @Nullable String param) {
    // The title is found by its literal tags, not by "<title>(.*?)</title>", and tags are matched as
    // "<[^<>]*>", not "<[^>]*>": those scan to the end of the page from every '<' that is never closed,
    // which took seconds on a 64 KiB error page of '<' characters.
    private static final Pattern TITLE_OPEN = Pattern.compile("(?i)<title>");
    private static final Pattern TITLE_CLOSE = Pattern.compile("(?i)</title>");
    private static final Pattern TAGS = Pattern.compile("<[^<>]*>");
    private static final int SHOWN_TEXT = 200;
    // The envelope's param and code are required but nullable: a plain Gson would drop them when null.
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /**
     * What an error response's body says: its envelope's members, or, for a body that is not JSON, its
     * HTML title or the start of its text as the message. Never fails; a body with nothing readable
     * gives all {@code null}s.
     */
    public static ImagesError parse(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (root.isJsonObject()) {
                return fromObject(root.getAsJsonObject());
            }
        } catch (JsonParseException | IllegalStateException e) {
            // Not JSON: a gateway's or proxy's page. Its text is the best message there is.
        }
        return new ImagesError(plainText(body), null, null, null);
    }

    static ImagesError fromObject(JsonObject root) {
        JsonElement error = root.get("error");
        if (error != null && error.isJsonObject()) {
            JsonObject object = error.getAsJsonObject();
            return new ImagesError(text(object, "message"), text(object, "type"), text(object, "code"),
                    text(object, "param"));
        }
        String message = error != null && error.isJsonPrimitive() ? error.getAsString() : null;
        if (message == null) {
            message = text(root, "message");
        }
        if (message == null) {
            message = text(root, "msg");
        }
        return new ImagesError(message, text(root, "type"), text(root, "code"), text(root, "param"));
    }

    private static @Nullable String text(JsonObject object, String name) {
        JsonElement value = object.get(name);
        if (value == null || !value.isJsonPrimitive()) {
            return null;
        }
        String text = value.getAsString().strip();
        return text.isEmpty() ? null : text;
    }

    private static @Nullable String plainText(String body) {
        String title = title(body);
        String text = title != null ? title : TAGS.matcher(body).replaceAll(" ");
        text = text.replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > SHOWN_TEXT ? text.substring(0, SHOWN_TEXT) + "…" : text;
    }

    /** The text between the first {@code <title>} and the {@code </title>} after it, or {@code null}. */
    private static @Nullable String title(String body) {
        Matcher open = TITLE_OPEN.matcher(body);
        if (!open.find()) {
            return null;
        }
        Matcher close = TITLE_CLOSE.matcher(body);
        return close.find(open.end()) ? body.substring(open.end(), close.start()) : null;
    }

    /** Whether the provider's safety system refused the request. */
    public boolean isContentPolicy() {
        return anyOf(code, "moderation_blocked", "content_policy_violation", "content_filter", "safety_violation")
                || anyOf(type, "image_generation_user_error")
                || matches("safety system|content policy|content_policy|moderation");
    }

    /** Whether the account is out of balance or quota, which waiting does not fix. */
    public boolean isBilling() {
        return anyOf(code, "insufficient_quota", "insufficient_user_quota", "pre_consume_token_quota_failed",
                "billing_hard_limit_reached", "insufficient_balance")
                || anyOf(type, "insufficient_quota", "insufficient_balance")
                || matches("insufficient (account )?(balance|quota)|quota is not enough|额度不足");
    }

    /**
     * The OpenAI envelope of this error, {@code {"error":{"message","type","param","code"}}}, with
     * {@code null} members written as JSON {@code null}, as the wire has them.
     */
    public String toJson() {
        JsonObject error = new JsonObject();
        error.add("message", nullable(message));
        error.add("type", nullable(type));
        error.add("param", nullable(param));
        error.add("code", nullable(code));
        JsonObject envelope = new JsonObject();
        envelope.add("error", error);
        return GSON.toJson(envelope);
    }

    private static JsonElement nullable(@Nullable String text) {
        return text == null ? JsonNull.INSTANCE : new JsonPrimitive(text);
    }

    private boolean matches(String regex) {
        return message != null && Pattern.compile("(?i)" + regex).matcher(message).find();
    }

    private static boolean anyOf(@Nullable String value, String... candidates) {
        if (value == null) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            if (lower.equals(candidate)) {
                return true;
            }
        }
        return false;
    }
}
