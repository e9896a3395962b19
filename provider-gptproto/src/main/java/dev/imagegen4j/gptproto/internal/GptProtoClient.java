package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.http.Call;
import dev.imagegen4j.http.HttpTransport;
import dev.imagegen4j.http.MalformedResponseException;
import dev.imagegen4j.http.Multipart;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.http.Response;
import dev.imagegen4j.openai.ImagesError;
import dev.imagegen4j.openai.ImagesErrorException;
import dev.imagegen4j.openai.ImagesEventStream;
import dev.imagegen4j.openai.ImagesRequestJson;
import dev.imagegen4j.openai.ImagesResponseJson;
import dev.imagegen4j.openai.ImagesWireException;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.pool.PoolStats;
import org.jspecify.annotations.Nullable;

/**
 * The provider side of a generation for gptproto and openai (told apart by their {@link Profile}): the
 * endpoints, the auth and account headers, the edits form, the download of {@code url} results and the
 * mapping of error bodies; the wire (request and response JSON, events, error envelopes) is
 * openai-images', the HTTP itself (pool, deadlines, retries, caps, redaction) is the shared
 * {@link HttpTransport}'s. Thread-safe.
 *
 * <p>A request with input images is posted to {@code /v1/images/edits} as {@code multipart/form-data}:
 * the text fields of the generations body, then {@code image} (one image) or {@code image[]} (several),
 * then {@code mask}; the files are streamed. Images answered as {@code url}s are downloaded, without
 * credentials, into the call's storage, with the response cap.
 */
public final class GptProtoClient implements AutoCloseable {
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final Settings settings;
    private final URI endpoint;
    private final URI editsEndpoint;
    private final Errors errors;
    private final HttpTransport transport;

    public GptProtoClient(Settings settings, HttpTransport.Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.editsEndpoint = settings.editsEndpoint();
        Redactor redactor = HttpTransport.redactor(settings.http(), settings.profile().id(), settings.apiKey());
        this.errors = new Errors(settings.profile().id(), redactor);
        this.transport = HttpTransport.builder(settings.http(), redactor).sleeper(sleeper).clock(clock).build();
    }

    /** The redaction used for every message. */
    public Errors errors() {
        return errors;
    }

    /** Connections in the pool, for leak checks. */
    public PoolStats poolStats() {
        return transport.poolStats();
    }

    private record Sent(ImagesResponseJson.Result result, @Nullable String requestId) {
    }

    /**
     * Sends {@code call}'s request (already validated), retrying as the transport's policy allows, and
     * returns the images, decoded into the call's sinks, with everything the response reported.
     */
    public ProviderResult send(ProviderCall call) {
        Call post = call.request().images().isEmpty() ? generation(call) : edit(call);
        post = post.header("Authorization", settings.authorization())
                .header("Accept", call.streaming() ? "text/event-stream" : "application/json");
        for (Map.Entry<String, String> header : settings.headers().entrySet()) {
            post = post.header(header.getKey(), header.getValue());
        }
        Sent sent = transport.execute(post, response -> handle(response, call));
        List<GeneratedImage> images = sent.result().urls().isEmpty() ? sent.result().images()
                : download(sent.result().urls(), call);
        ImagesResponseJson.Envelope envelope = sent.result().envelope();
        ProviderResult.Builder response = ProviderResult.builder()
                .created(envelope.created())
                .size(envelope.size())
                .quality(envelope.quality())
                .background(envelope.background())
                .outputFormat(envelope.outputFormat())
                .usage(envelope.usage())
                .requestId(sent.requestId());
        images.forEach(response::addImage);
        return response.build();
    }

    private Call generation(ProviderCall call) {
        String body = ImagesRequestJson.toJson(call.request(), call.streaming(), errors.provider());
        return Call.postJson(endpoint, body);
    }

    private Call edit(ProviderCall call) {
        ImageRequest request = call.request();
        Multipart.Builder form = Multipart.builder();
        ImagesRequestJson.toFormFields(request, call.streaming(), errors.provider()).forEach(form::text);
        // OpenAI's SDKs name a single image "image" and several "image[]"; GPTProto documents the same.
        String name = request.images().size() == 1 ? "image" : "image[]";
        request.images().forEach(image -> form.image(name, image));
        if (request.mask() != null) {
            form.image("mask", request.mask());
        }
        return form.build().post(editsEndpoint);
    }

    /**
     * Downloads each of {@code urls} into a sink of {@code call}, in order; on a failure, the images
     * downloaded so far are discarded and the exception names the image (its index and host; never
     * the URL's query, which may be a signature).
     */
    private List<GeneratedImage> download(List<URI> urls, ProviderCall call) {
        List<GeneratedImage> images = new ArrayList<>();
        try {
            for (int i = 0; i < urls.size(); i++) {
                images.add(download(i, urls.get(i), call));
            }
            return images;
        } catch (RuntimeException e) {
            for (GeneratedImage image : images) {
                discard(image, e);
            }
            throw e;
        }
    }

    private GeneratedImage download(int index, URI url, ProviderCall call) {
        return transport.downloadImage(url, call, "Downloading image " + index + " from " + url.getHost(),
                ErrorDetails.of(errors.provider()));
    }

    private static void discard(GeneratedImage image, RuntimeException failure) {
        if (image.file() != null) {
            try {
                Files.deleteIfExists(image.file());
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private Sent handle(Response response, ProviderCall call) throws IOException {
        String requestId = response.header("x-request-id");
        if (response.status() != 200) {
            throw failure(response, requestId);
        }
        if (!response.hasBody()) {
            throw new MalformedResponseException("the response has no body");
        }
        try {
            return new Sent(read(response.body(), response.contentType(), call), requestId);
        } catch (ImagesErrorException e) {
            throw errors.fromEmbeddedError(e.error(), requestId);
        } catch (ImagesWireException e) {
            throw new MalformedResponseException(e.getMessage(), e);
        }
    }

    private ImagesResponseJson.Result read(InputStream body, String type, ProviderCall call) throws IOException {
        // Partial and final images of a stream decode into the same storage as those of a JSON response.
        ImagesResponseJson.SinkFactory sinks = index -> call.newSink();
        if (call.streaming() && type.startsWith("text/event-stream")) {
            return ImagesEventStream.read(body, call::emit, sinks);
        }
        ImagesResponseJson.Result result = ImagesResponseJson.read(body, sinks);
        if (call.streaming()) {
            // A gateway that ignores "stream" still answers; the listener gets the images it would have.
            for (int i = 0; i < result.images().size(); i++) {
                call.emit(new ImageEvent.Completed(i, result.images().get(i)));
            }
        }
        return result;
    }

    private RuntimeException failure(Response response, @Nullable String requestId) throws IOException {
        // Only the start of an error page is shown; the transport drops the connection if more follows.
        byte[] head = response.body().readNBytes(ERROR_BODY_LIMIT + 1);
        String text = new String(Arrays.copyOf(head, Math.min(head.length, ERROR_BODY_LIMIT)), StandardCharsets.UTF_8);
        return errors.fromStatus(response.status(), response.reasonPhrase(), ImagesError.parse(text), requestId,
                response.retryAfter(), response.uri());
    }

    @Override
    public void close() {
        transport.close();
    }
}
