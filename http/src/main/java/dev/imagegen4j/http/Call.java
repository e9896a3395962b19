package dev.imagegen4j.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request for {@link HttpTransport#execute}: method, URI, headers and an optional body.
 * Header values may be secrets (an API key); they are sent, never shown. The body must be repeatable
 * (as {@code StringEntity}, {@code ByteArrayEntity} and HttpClient's multipart entities are) so that
 * a retry can send it again.
 *
 * <pre>{@code
 * Call.post(endpoint, new StringEntity(json, ContentType.APPLICATION_JSON))
 *     .header("Authorization", "Bearer " + key).header("Accept", "application/json")
 * }</pre>
 *
 * @param body the request body, or {@code null} for none
 */
public record Call(String method, URI uri, Map<String, String> headers, @Nullable HttpEntity body) {
    public Call {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        if (body != null && !body.isRepeatable()) {
            throw new IllegalArgumentException("the body of a Call must be repeatable, so that a retry can resend it");
        }
    }

    /** A {@code POST} of {@code body}. */
    public static Call post(URI uri, HttpEntity body) {
        return new Call("POST", uri, Map.of(), body);
    }

    /** A {@code POST} of a JSON document, as UTF-8 {@code application/json}. */
    public static Call postJson(URI uri, String json) {
        return post(uri, new StringEntity(json, ContentType.APPLICATION_JSON));
    }

    /** A {@code GET}. */
    public static Call get(URI uri) {
        return new Call("GET", uri, Map.of(), null);
    }

    /** This call with the header {@code name} set to {@code value}, replacing an earlier value. */
    public Call header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new Call(method, uri, copy, body);
    }

    /** Shows the method and the URI without its query; never the headers, which may hold secrets. */
    @Override
    public String toString() {
        return method + " " + HttpTransport.shown(uri);
    }
}
