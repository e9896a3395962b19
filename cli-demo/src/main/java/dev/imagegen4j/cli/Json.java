package dev.imagegen4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.reflect.TypeToken;
import dev.imagegen4j.Cost;
import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.Price;
import dev.imagegen4j.TokenEstimate;
import dev.imagegen4j.Usage;
import dev.imagegen4j.Warning;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The JSON documents the CLI prints and writes. */
final class Json {
    static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
    /** A JSON object read as plain values: strings, numbers, booleans, nulls, lists and maps. */
    static final Type OBJECT = new TypeToken<Map<String, Object>>() { }.getType();

    private Json() {
    }

    /**
     * The SHA-256, in hex, of {@code json}'s {@linkplain #canonical canonical form}: the same for every
     * spelling of the same JSON value, whatever fields it has.
     */
    static String hash(JsonElement json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(COMPACT.toJson(canonical(json)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * {@code json} in one spelling: object members sorted by name with {@code null} members dropped
     * (unset, as on the wire), numbers in one decimal form ({@code 2}, {@code 2.0} and {@code 2e0} are
     * one value), arrays kept in order, all of it recursively.
     */
    static JsonElement canonical(JsonElement json) {
        if (json.isJsonObject()) {
            Map<String, JsonElement> sorted = new TreeMap<>();
            json.getAsJsonObject().entrySet().stream().filter(member -> !member.getValue().isJsonNull())
                    .forEach(member -> sorted.put(member.getKey(), canonical(member.getValue())));
            JsonObject object = new JsonObject();
            sorted.forEach(object::add);
            return object;
        }
        if (json.isJsonArray()) {
            JsonArray array = new JsonArray();
            json.getAsJsonArray().forEach(element -> array.add(canonical(element)));
            return array;
        }
        if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isNumber()) {
            try {
                // Written with BigDecimal.toString, not toPlainString: 1e9999 must not become ten thousand digits.
                return new JsonPrimitive(json.getAsBigDecimal().stripTrailingZeros());
            } catch (NumberFormatException e) {
                // Beyond Gson's limits (an exponent past 9999): no request takes it, so its spelling is its form.
                return json;
            }
        }
        return json;
    }

    /** Describes a finished generation: its files, what the provider reported, and what it cost. */
    static JsonObject result(ImageResponse response, List<Path> files, List<Path> partialFiles,
                             @Nullable CostEstimate estimate) {
        JsonObject json = new JsonObject();
        json.addProperty("provider", response.providerId());
        json.addProperty("model", response.model());
        json.addProperty("request_id", response.requestId());
        JsonArray images = new JsonArray();
        for (int i = 0; i < files.size(); i++) {
            GeneratedImage image = response.images().get(i);
            JsonObject item = new JsonObject();
            item.addProperty("path", files.get(i).toString());
            item.addProperty("format", image.format().extension());
            item.addProperty("width", image.width());
            item.addProperty("height", image.height());
            item.addProperty("bytes", image.byteCount());
            image.seed().ifPresent(seed -> item.addProperty("seed", seed));
            images.add(item);
        }
        json.add("files", images);
        JsonArray partials = new JsonArray();
        partialFiles.forEach(path -> partials.add(path.toString()));
        json.add("partial_files", partials);
        json.addProperty("size", response.size());
        json.addProperty("quality", response.quality());
        json.addProperty("background", response.background());
        json.addProperty("output_format", response.outputFormat());
        json.add("usage", usage(response.usage()));
        json.add("cost", cost(estimate, response.cost()));
        json.add("warnings", warnings(response.warnings()));
        return json;
    }

    /**
     * What a generation cost: {@code estimated_usd} before sending and {@code usd} after, each {@code null}
     * when unknown, with the price's source and the notes that explain the figures.
     */
    /** The estimate (when there was one: a fetched job has none) and the actual cost. */
    static JsonObject cost(@Nullable CostEstimate estimate, Cost actual) {
        JsonObject json = new JsonObject();
        json.add("estimated_usd", estimate == null ? JsonNull.INSTANCE : usd(estimate.usd()));
        json.add("usd", usd(actual.usd()));
        Price price = actual.price() != null || estimate == null ? actual.price() : estimate.price();
        json.addProperty("price_source", price == null ? null : price.source());
        json.add("notes", notes(actual.notes()));
        return json;
    }

    /** An estimate as {@code imagegen estimate --json} prints it; the token counts only for a model billed by the token. */
    static JsonObject estimate(CostEstimate estimate) {
        JsonObject json = new JsonObject();
        json.addProperty("provider", estimate.providerId());
        json.addProperty("model", estimate.model());
        json.addProperty("images", estimate.images());
        json.add("usd", usd(estimate.usd()));
        TokenEstimate tokens = estimate.tokens();
        if (tokens != null) {
            json.addProperty("output_tokens", tokens.imageOutputTokens());
            json.addProperty("input_tokens", tokens.textInputTokens() + tokens.imageInputTokens());
            json.addProperty("text_input_tokens", tokens.textInputTokens());
            json.addProperty("image_input_tokens", tokens.imageInputTokens());
        }
        Price price = estimate.price();
        json.addProperty("price_source", price == null ? null : price.source());
        json.addProperty("price_date", price == null ? null : price.date().toString());
        json.addProperty("price_note", price == null ? null : price.note());
        json.add("notes", notes(estimate.notes()));
        return json;
    }

    /** An amount as a plain JSON number ({@code 0.00589}, never {@code 5.89E-3}), or {@code null} when unknown. */
    static JsonElement usd(@Nullable BigDecimal usd) {
        return usd == null ? JsonNull.INSTANCE : new JsonPrimitive(new BigDecimal(usd.stripTrailingZeros().toPlainString()));
    }

    private static JsonArray notes(List<String> notes) {
        JsonArray array = new JsonArray();
        notes.forEach(array::add);
        return array;
    }

    /** Each warning as {@code {setting, model, code, message}}. */
    static JsonArray warnings(List<Warning> warnings) {
        JsonArray array = new JsonArray();
        for (Warning warning : warnings) {
            JsonObject item = new JsonObject();
            item.addProperty("setting", warning.setting());
            item.addProperty("model", warning.model());
            item.addProperty("code", warning.code());
            item.addProperty("message", warning.reason());
            array.add(item);
        }
        return array;
    }

    private static @Nullable JsonObject usage(@Nullable Usage usage) {
        if (usage == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        json.addProperty("input_tokens", usage.inputTokens());
        json.addProperty("output_tokens", usage.outputTokens());
        json.addProperty("total_tokens", usage.totalTokens());
        return json;
    }
}
