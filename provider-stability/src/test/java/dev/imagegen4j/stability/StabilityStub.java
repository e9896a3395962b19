package dev.imagegen4j.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockImageProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A WireMock stand-in for Stability's generate endpoints, answering as docs/providers/stability.md
 * describes the service: Bearer auth, a multipart form, a real PNG, JPEG or WebP image whose shape
 * follows {@code aspect_ratio} and whose pixels follow the prompt, seed and every other part (painted
 * by the mock provider's {@code mock-ratio} model, which has the same ratios and seed range), raw bytes
 * with {@code seed} and {@code finish-reason} headers for {@code Accept: image/*} or JSON for
 * {@code application/json}. Seed 0 or none gets a fresh random seed; a prompt containing
 * {@code forbidden} comes back {@code CONTENT_FILTERED}.
 */
final class StabilityStub implements ResponseDefinitionTransformerV2 {
    static final String NAME = "stability-stub";
    static final String KEY = "sk-stub-0123456789abcdef";

    private static final ImageGenerator PAINTER = ImageGenerator.create(new MockImageProvider(), ProviderConfig.defaults());

    private final AtomicLong randomSeeds = new AtomicLong(1_000_000);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean failNext = new AtomicBoolean();

    /** Answers every generate endpoint through this stub. */
    static void register(WireMock wireMock) {
        wireMock.register(post(urlPathMatching("/v2beta/stable-image/generate/(core|ultra|sd3)"))
                .willReturn(aResponse().withTransformers(NAME)));
    }

    /** The next request gets a 401 whose body echoes the key, as some gateways do. */
    void failNext() {
        failNext.set(true);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        long id = requests.incrementAndGet();
        String auth = request.getHeader("Authorization");
        if (failNext.getAndSet(false) || !("Bearer " + KEY).equals(auth)) {
            return json(401, "{\"errors\":[\"authorization: invalid or missing header value '" + auth
                    + "'\"],\"id\":\"err-" + id + "\",\"name\":\"unauthorized\"}");
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (Request.Part part : request.getParts()) {
            parts.put(part.getName(), part.getBody().asBytes());
        }
        String prompt = text(parts, "prompt");
        if (prompt == null) {
            return json(400, "{\"errors\":[\"prompt: is required\"],\"id\":\"err-" + id + "\",\"name\":\"bad_request\"}");
        }
        String given = text(parts, "seed");
        long seed = given == null || given.equals("0") ? randomSeeds.incrementAndGet() : Long.parseLong(given);
        String format = text(parts, "output_format") == null ? "png" : text(parts, "output_format");
        String ratio = text(parts, "aspect_ratio") == null ? "1:1" : text(parts, "aspect_ratio");
        // Everything else that shapes the picture goes into the mock's prompt, so that it changes the pixels.
        StringBuilder salt = new StringBuilder();
        for (String name : new String[] {"model", "style_preset", "strength", "cfg_scale", "mode"}) {
            if (parts.containsKey(name)) {
                salt.append(' ').append(name).append('=').append(text(parts, name));
            }
        }
        if (parts.containsKey("image")) {
            salt.append(" image=").append(digest(parts.get("image")));
        }
        ImageRequest.Builder paint = ImageRequest.builder(prompt + salt).model("mock-ratio")
                .size(ImageSize.parse(ratio)).seed(seed).outputFormat(OutputFormat.parse(format));
        if (parts.containsKey("negative_prompt")) {
            paint.negativePrompt(text(parts, "negative_prompt"));
        }
        byte[] image = PAINTER.generate(paint.build()).image().bytes();
        String finish = prompt.contains("forbidden") ? "CONTENT_FILTERED" : "SUCCESS";
        String accept = request.getHeader("Accept");
        if ("application/json".equals(accept)) {
            return aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json; type=image/" + format)
                    .withHeader("x-request-id", "req-" + id)
                    .withBody("{\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\",\"finish_reason\":\""
                            + finish + "\",\"seed\":" + seed + "}").build();
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "image/" + format)
                .withHeader("finish-reason", finish).withHeader("seed", Long.toString(seed))
                .withHeader("x-request-id", "req-" + id).withBody(image).build();
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static @Nullable String text(Map<String, byte[]> parts, String name) {
        byte[] value = parts.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The header of {@code request}, for assertions. */
    static @Nullable String header(Request request, String name) {
        HttpHeader header = request.getHeaders().getHeader(name);
        return header.isPresent() ? header.firstValue() : null;
    }
}
