package dev.imagegen4j.bfl.api;

import com.google.gson.JsonObject;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a submit, BFL's {@code AsyncResponse} {@code {id, polling_url, cost?}} [B1].
 *
 * @param id the task id
 * @param pollingUrl where to poll the task, as BFL sent it (often another cluster's host than the submit's)
 * @param cost what the task costs in credits (1 credit = $0.01), when BFL says
 */
public record BflSubmission(String id, String pollingUrl, @Nullable Double cost) {
    public BflSubmission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pollingUrl, "pollingUrl");
    }

    /**
     * Reads a submit answer.
     *
     * @throws BflWireException naming the field when {@code id} or {@code polling_url} is missing, as in
     *         the answer to a submit with a webhook
     */
    public static BflSubmission parse(String json) {
        JsonObject body = BflJson.object(json);
        return new BflSubmission(BflJson.requiredString(body, "id"), BflJson.requiredString(body, "polling_url"),
                BflJson.number(body, "cost"));
    }

    public String toJson() {
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        body.addProperty("polling_url", pollingUrl);
        if (cost != null) {
            body.addProperty("cost", cost);
        }
        return body.toString();
    }
}
