package dev.imagegen4j.openai.testing;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * How the fuzz properties break valid input: text edits (truncate, flip, insert, delete, duplicate,
 * nest), replacement of a JSON value by one of another type or an extreme one, and delivery of the
 * bytes in reads of arbitrary sizes. Every edit keeps the input bounded: at most a few kilobytes more.
 */
public final class Mutations {
    /** Text that means something to JSON, SSE or base64, and extremes. */
    public static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\u00", "\\u003d",
            "\\/", "\\n", "\\\"", "null", "true", "-", "0", "-0", "1e999999999", "-1e400", "9223372036854775808",
            "1.5", "NaN", "Infinity", "\"b64_json\":", "\"b64_json\":\"", "\"data\":", "\"error\":", "\"type\":",
            "\"#0\"", "\"#1\"", "\u0000", "\n", "\r", "\r\n", " ", "\t", "\ud800", "\udc00", "\ud83d\ude00", "\u00e9",
            "\ufeff", "data: ", "data:", "event: error\n", "event:", ": comment\n", "id: 7\n", "retry: 10\n",
            "[DONE]", "\n\n", "\r\r", "<html>", "<title>", "</title>", "<", ">", "=", "==", "+", "/", "_", "//", "/*",
            "'", "#", ";");

    private static final Gson GSON = new Gson();

    private Mutations() {
    }

    /** One edit at a relative position; {@code token} and {@code length} pick what is inserted or how much. */
    public record Edit(Kind kind, double at, int token, int length) {
        enum Kind { TRUNCATE, FLIP, INSERT_TOKEN, INSERT_CHAR, DELETE, DUPLICATE, NEST, REPEAT_TOKEN }

        String apply(String in) {
            int position = Math.min(in.length(), (int) (at * in.length()));
            int end = Math.min(in.length(), position + length);
            String before = in.substring(0, position);
            String after = in.substring(position);
            return switch (kind) {
                case TRUNCATE -> before;
                case FLIP -> position < in.length()
                        ? before + (char) (in.charAt(position) ^ (1 << (token % 16))) + in.substring(position + 1) : in;
                case INSERT_TOKEN -> before + TOKENS.get(token % TOKENS.size()) + after;
                case INSERT_CHAR -> before + (char) (token * 7919 % 0x10000) + after;
                case DELETE -> before + in.substring(end);
                case DUPLICATE -> in.substring(0, end) + after;
                case NEST -> {
                    int depth = new int[] {8, 254, 255, 256, 1_000, 4_000}[token % 6];
                    String open = token % 2 == 0 ? "[" : "{\"a\":";
                    String close = token % 2 == 0 ? "]" : "}";
                    yield before + open.repeat(depth) + (length % 2 == 0 ? close.repeat(depth) : "") + after;
                }
                case REPEAT_TOKEN -> before + TOKENS.get(token % TOKENS.size()).repeat(length * 16) + after;
            };
        }
    }

    public static Arbitrary<List<Edit>> edits(int max) {
        return Combinators.combine(Arbitraries.of(Edit.Kind.class), Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 4_000), Arbitraries.integers().between(1, 64))
                .as(Edit::new).list().ofMinSize(0).ofMaxSize(max);
    }

    public static String apply(String seed, List<Edit> edits) {
        String text = seed;
        for (Edit edit : edits) {
            text = edit.apply(text);
        }
        return text;
    }

    /** JSON values of every type, extremes and wrong shapes, as raw JSON text. */
    public static final List<String> ODD_VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1e999999", "1E-999999", "123456789012",
            "\"\"", "\"text\"", "\"#0\"", "\"#-1\"", "\"#99\"", "\"#\"", "\"1024x1024\"", "\"\\u0000\"", "[]", "{}",
            "[1,2]", "{\"b64_json\":\"#0\"}", "{\"message\":null}", "[".repeat(300) + "]".repeat(300),
            "{\"a\":".repeat(300) + "1" + "}".repeat(300), "\"" + "x".repeat(3_000) + "\"");

    /**
     * {@code json} with the {@code at}-th of its values (counting every object, array and primitive in
     * document order) replaced by the raw text {@code replacement}; {@code json} as it is if it is not JSON.
     */
    public static String replaceValue(String json, double at, String replacement) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            return json;
        }
        List<Runnable> setters = new ArrayList<>();
        String marker = "\u0001REPLACED\u0001";
        collect(root, setters, marker);
        if (setters.isEmpty()) {
            return replacement;
        }
        setters.get(Math.min(setters.size() - 1, (int) (at * setters.size()))).run();
        return GSON.toJson(root).replace("\"" + marker + "\"", replacement);
    }

    private static void collect(JsonElement element, List<Runnable> setters, String marker) {
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            for (Map.Entry<String, JsonElement> member : object.entrySet()) {
                String name = member.getKey();
                setters.add(() -> object.addProperty(name, marker));
                collect(member.getValue(), setters, marker);
            }
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                setters.add(() -> array.set(index, new com.google.gson.JsonPrimitive(marker)));
                collect(array.get(i), setters, marker);
            }
        }
    }

    public static Arbitrary<List<Integer>> readSizes() {
        return Arbitraries.integers().between(1, 700).list().ofMaxSize(5);
    }

    /** {@code bytes} delivered in reads of the given sizes in turn (all at once when there are none). */
    public static InputStream trickle(byte[] bytes, List<Integer> readSizes) {
        return new ByteArrayInputStream(bytes) {
            private int next;

            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                int limit = readSizes.isEmpty() ? length : Math.min(length, readSizes.get(next++ % readSizes.size()));
                return super.read(target, offset, limit);
            }
        };
    }
}
