package dev.imagegen4j.bfl.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a poll, BFL's {@code ResultResponse} {@code {id, status, result, progress, details}} [B1].
 *
 * @param id the task id
 * @param status the task's status; {@code null} for one BFL does not document
 * @param statusText the status as sent, for messages
 * @param sample {@code result.sample} when ready: the signed URL of the image, valid for about 10 minutes
 * @param seed {@code result.seed} when ready: the seed the image was made with
 * @param progress how far along a pending task is, as BFL sends it, when it does
 * @param details {@code details} as compact JSON, such as why a task failed, when sent
 */
public record BflResult(String id, @Nullable BflStatus status, String statusText, @Nullable String sample,
                        @Nullable Long seed, @Nullable Double progress, @Nullable String details) {
    public BflResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(statusText, "statusText");
    }

    /** A result of a documented status. */
    public static BflResult of(String id, BflStatus status, @Nullable String sample, @Nullable Long seed,
                               @Nullable Double progress, @Nullable String details) {
        return new BflResult(id, status, status.wireName(), sample, seed, progress, details);
    }

    /**
     * Reads a poll answer. An older answer for {@code Task not found} has no {@code id}: it reads as
     * {@code expectedId}.
     *
     * @throws BflWireException naming the field when {@code status} is missing, or a ready answer has no
     *         {@code result.sample}
     */
    public static BflResult parse(String json, String expectedId) {
        JsonObject body = BflJson.object(json);
        String statusText = BflJson.requiredString(body, "status");
        BflStatus status = BflStatus.fromWireName(statusText);
        String id = BflJson.string(body, "id");
        String sample = null;
        Long seed = null;
        if (body.get("result") instanceof JsonObject result) {
            sample = BflJson.string(result, "sample");
            Double number = BflJson.number(result, "seed");
            seed = number == null || number != Math.rint(number) ? null : number.longValue();
        }
        if (status == BflStatus.READY && sample == null) {
            throw new BflWireException("result.sample", "a Ready answer must have result.sample, the image's URL");
        }
        JsonElement details = body.get("details");
        return new BflResult(id == null ? expectedId : id, status, statusText, sample, seed,
                BflJson.number(body, "progress"), details == null || details.isJsonNull() ? null : details.toString());
    }

    public String toJson() {
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        body.addProperty("status", statusText);
        if (sample != null) {
            JsonObject result = new JsonObject();
            result.addProperty("sample", sample);
            if (seed != null) {
                result.addProperty("seed", seed);
            }
            body.add("result", result);
        } else {
            body.add("result", JsonNull.INSTANCE);
        }
        if (progress != null) {
            body.addProperty("progress", progress);
        }
        if (details != null) {
            body.add("details", JsonParser.parseString(details));
        }
        return body.toString();
    }
}
