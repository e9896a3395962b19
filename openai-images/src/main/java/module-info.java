/**
 * The OpenAI-compatible images wire, shared by the providers that speak it ({@code gptproto},
 * {@code openai}) and by the mock provider's server: the gpt-image model catalog, and the encoding and
 * decoding of requests, responses and errors.
 */
module dev.imagegen4j.openai {
    requires transitive dev.imagegen4j.core;
    requires static transitive org.jspecify;
    requires com.google.gson;

    exports dev.imagegen4j.openai;
}
