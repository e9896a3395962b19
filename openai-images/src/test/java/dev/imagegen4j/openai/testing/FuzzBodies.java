package dev.imagegen4j.openai.testing;

import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.openai.testing.WireBodies.completedEvent;
import static dev.imagegen4j.openai.testing.WireBodies.event;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.openai.testing.WireBodies.partialEvent;
import static dev.imagegen4j.openai.testing.WireBodies.png;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The bodies the fuzz properties feed to the wire's decoders and, over HTTP, to the providers' clients:
 * valid bodies from {@link WireBodies} and a provider's recorded fixtures, broken by {@link Mutations}.
 */
public final class FuzzBodies {
    private FuzzBodies() {
    }

    /** Response bodies: {@code fixtures} and synthetic bodies, with values replaced and text edited. */
    public static Arbitrary<String> json(String... fixtures) {
        Arbitrary<String> seeds = Arbitraries.of(Stream.concat(Stream.of(fixtures), Stream.of(
                imagesJson(png(8, 8, 120, 1)),
                imagesJson(png(64, 32, 300, 2), png(1, 1, 40, 3)),
                "{\"data\":[{\"url\":\"https://example.com/a.png\"}]}",
                "{\"created\":1,\"data\":[{\"b64_json\":\"" + base64(png(2, 2, 60, 4)) + "\",\"revised_prompt\":\"x\"}],"
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2,\"input_tokens_details\":{\"text_tokens\":1}}}"))
                .toList());
        Arbitrary<String> replaced = Combinators.combine(seeds, Arbitraries.doubles().between(0, 1),
                Arbitraries.of(Mutations.ODD_VALUES)).as(Mutations::replaceValue);
        Arbitrary<String> edited = Combinators.combine(Arbitraries.oneOf(seeds, replaced), Mutations.edits(4))
                .as(Mutations::apply);
        return Arbitraries.frequencyOf(
                Tuple.of(1, seeds),
                Tuple.of(3, replaced),
                Tuple.of(6, edited),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(80)),
                Tuple.of(1, Arbitraries.strings().withChars("{}[]\",:0123456789.eE-+ntrufalsb64_json#\\").ofMaxLength(80)));
    }

    /**
     * Event streams: valid events of every kind in any order and framing, and {@code fixtures}, with values
     * replaced and text edited.
     */
    public static Arbitrary<String> eventStream(String... fixtures) {
        byte[] small = png(8, 8, 90, 5);
        byte[] other = png(16, 4, 150, 6);
        Arbitrary<String> pieces = Arbitraries.of(
                partialEvent(small, 0),
                partialEvent(other, 1),
                completedEvent(small),
                completedEvent(other),
                event("error", "{\"type\":\"error\",\"error\":{\"message\":\"The image failed.\",\"code\":\"server_error\"}}"),
                event("error", "{\"message\":\"no type at all\"}"),
                "data: {\"type\":\"image_generation.completed\",\n"
                        + "data: \"b64_json\":\"" + base64(small) + "\"}\n\n",
                "data: [DONE]\n\n",
                ": keep-alive\n\n",
                "retry: 1000\nid: 3\n\n",
                "event: image_generation.unknown\ndata: {\"type\":\"image_generation.unknown\"}\n\n",
                "data: {\"type\":\"image_generation.partial_image\",\"partial_image_index\":\"x\"}\n\n",
                "event:\n\n");
        Arbitrary<String> streams = pieces.list().ofMinSize(1).ofMaxSize(5).map(list -> String.join("", list));
        Arbitrary<String> framed = Combinators.combine(streams, Arbitraries.of("\n", "\r\n", "\r"))
                .as((stream, newline) -> stream.replace("\n", newline));
        Arbitrary<String> withFixture = fixtures.length == 0 ? framed : Arbitraries.of(fixtures);
        Arbitrary<String> replaced = Combinators.combine(streams, Arbitraries.integers().between(0, 4),
                        Arbitraries.doubles().between(0, 1), Arbitraries.of(Mutations.ODD_VALUES))
                .as(FuzzBodies::replaceInEvent);
        Arbitrary<String> edited = Combinators.combine(Arbitraries.oneOf(framed, withFixture, replaced),
                Mutations.edits(3)).as(Mutations::apply);
        return Arbitraries.frequencyOf(
                Tuple.of(2, framed),
                Tuple.of(1, withFixture),
                Tuple.of(2, replaced),
                Tuple.of(6, edited),
                Tuple.of(1, Arbitraries.strings().withChars("data:event \r\n{}\"[DONE]:").ofMaxLength(120)));
    }

    /** The stream with one JSON value of its {@code event}-th data line replaced. */
    private static String replaceInEvent(String stream, int event, double at, String replacement) {
        String[] lines = stream.split("\n", -1);
        List<Integer> dataLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("data: {") && lines[i].endsWith("}")) {
                dataLines.add(i);
            }
        }
        if (dataLines.isEmpty()) {
            return stream;
        }
        int line = dataLines.get(event % dataLines.size());
        lines[line] = "data: " + Mutations.replaceValue(lines[line].substring("data: ".length()), at, replacement)
                .replace("\n", "");
        return String.join("\n", lines);
    }

    /** Error bodies: random text, HTML pages, JSON variants and {@code fixtures}, some holding {@code secret}. */
    public static Arbitrary<String> errorBody(String secret, String... fixtures) {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> withKey = Combinators.combine(text, Arbitraries.integers().between(0, 300),
                        Arbitraries.of(secret, "Bearer " + secret, "sk-abc12***wxyz", "sk-" + secret))
                .as((t, at, key) -> t.substring(0, Math.min(at, t.length())) + key + t.substring(Math.min(at, t.length())));
        Arbitrary<String> html = Combinators.combine(Arbitraries.of("<html><head><title>", "<title>", "<p>", "<", ""),
                Arbitraries.oneOf(text, withKey), Arbitraries.of("</title></head></html>", "</p>", ">", "", "<title>"))
                .as((open, inner, close) -> open + inner + close);
        Arbitrary<String> messages = Arbitraries.oneOf(text, withKey).map(FuzzBodies::jsonString);
        Arbitrary<String> json = Combinators.combine(Arbitraries.of(
                        "{\"error\":{\"message\":%s,\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                        "{\"error\":%s}", "{\"message\":%s}", "{\"msg\":%s,\"type\":\"insufficient_quota\"}",
                        "{\"error\":{\"message\":%s,\"code\":\"moderation_blocked\",\"param\":\"prompt\"}}",
                        "[%s]", "%s"), messages)
                .as(String::format);
        Arbitrary<String> seeds = fixtures.length == 0 ? json : Arbitraries.of(fixtures);
        Arbitrary<String> replaced = Combinators.combine(Arbitraries.oneOf(seeds, json),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(Mutations.ODD_VALUES)).as(Mutations::replaceValue);
        Arbitrary<String> edited = Combinators.combine(Arbitraries.oneOf(seeds, json, html, replaced),
                Mutations.edits(3)).as(Mutations::apply);
        // Long runs, up to the 64 KiB of an error body the client reads, of what regular expressions over
        // error text trip on: unclosed tags, key-like runs; as a page and as a JSON message.
        Arbitrary<String> runs = Combinators.combine(Arbitraries.of("", "sk-abcd"),
                        Arbitraries.of("<", "<title>", "<a", ".a", "sk-a.", "a.", "*", "\u00e9 "),
                        Arbitraries.integers().between(100, 65_536))
                .as((prefix, token, count) -> prefix + token.repeat(Math.min(count, 65_536 / token.length())));
        Arbitrary<String> repeated = Combinators.combine(runs, Arbitraries.of(true, false))
                .as((run, asJson) -> asJson ? "{\"error\":{\"message\":\"" + run + "\"}}" : run);
        return Arbitraries.oneOf(text, withKey, html, json, replaced, edited, repeated);
    }

    private static String jsonString(String text) {
        return new com.google.gson.JsonPrimitive(text).toString();
    }
}
