package dev.imagegen4j.gptproto.internal;

import java.net.URI;
import java.util.Map;

/**
 * What tells the providers on this one client apart: GPTProto and OpenAI itself serve the same wire, at
 * another base URL, with another default auth header and OpenAI's optional account headers.
 *
 * @param id the provider id, which also names its settings ({@code imagegen4j.<id>.<key>}, {@code <ID>_<KEY>})
 * @param displayName the name people read
 * @param defaultBaseUrl the base URL when none is configured
 * @param authScheme whether the {@code auth-scheme} setting exists; when not, the key is always sent as
 *        {@code Bearer <key>}
 * @param headerSettings settings sent as request headers when set: setting key to header name
 */
public record Profile(String id, String displayName, URI defaultBaseUrl, boolean authScheme,
                      Map<String, String> headerSettings) {

    /** GPTProto (https://gptproto.com/docs): the raw key by default, {@code auth-scheme bearer} to change it. */
    public static final Profile GPTPROTO = new Profile("gptproto", "GPTProto", URI.create("https://gptproto.com"),
            true, Map.of());

    /**
     * OpenAI (platform.openai.com/docs/api-reference): {@code Authorization: Bearer <key>}, and the
     * optional {@code OpenAI-Organization} and {@code OpenAI-Project} headers.
     */
    public static final Profile OPENAI = new Profile("openai", "OpenAI", URI.create("https://api.openai.com"),
            false, Map.of("organization", "OpenAI-Organization", "project", "OpenAI-Project"));

    /** Copies the header table. */
    public Profile {
        headerSettings = Map.copyOf(headerSettings);
    }
}
