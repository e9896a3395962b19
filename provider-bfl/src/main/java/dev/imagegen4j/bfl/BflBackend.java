package dev.imagegen4j.bfl;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.JobState;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.bfl.api.BflError;
import dev.imagegen4j.bfl.api.BflRequestJson;
import dev.imagegen4j.bfl.api.BflResult;
import dev.imagegen4j.bfl.api.BflStatus;
import dev.imagegen4j.bfl.api.BflSubmission;
import dev.imagegen4j.bfl.api.BflWireException;
import dev.imagegen4j.http.Call;
import dev.imagegen4j.http.HttpTransport;
import dev.imagegen4j.http.MalformedResponseException;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.http.Response;
import dev.imagegen4j.spi.ImageSinks;
import dev.imagegen4j.spi.JobBackend;
import dev.imagegen4j.spi.JobPoll;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * The bfl provider's backend: a submit is one {@code POST /v1/{model}} with {@code x-key}; a poll one
 * {@code GET} of the task's polling URL, with the key only where {@link Settings#keyGoesTo} allows; a
 * fetch one download of {@code result.sample}, the signed delivery URL, which never gets the key.
 * Thread-safe; one pooled transport, released by {@link #close()}. Retries are the transport's alone.
 */
final class BflBackend implements JobBackend {
    /** Submit and poll answers are small JSON; error bodies are read up to this much. */
    private static final int JSON_LIMIT = 256 * 1024;
    private static final String KEY_HEADER = "x-key";

    private final Settings settings;
    private final BflErrors errors;
    private final HttpTransport transport;

    BflBackend(Settings settings, HttpTransport.Sleeper sleeper) {
        this.settings = settings;
        Redactor redactor = HttpTransport.redactor(settings.http(), Settings.ID, settings.apiKey());
        this.errors = new BflErrors(redactor);
        this.transport = HttpTransport.builder(settings.http(), redactor).sleeper(sleeper).build();
    }

    @Override
    public String submit(ProviderCall call) {
        String model = call.model().id();
        String what = "the submit to " + model;
        Call post = Call.postJson(settings.endpoint("/v1/" + model), BflRequestJson.toJson(call.request(), call.extras()))
                .header(KEY_HEADER, settings.apiKey())
                .header("Accept", "application/json");
        BflSubmission submission = transport.execute(post, response -> {
            String body = text(response);
            if (response.status() != 200) {
                throw errors.fromStatus(response.status(), response.reasonPhrase(), BflError.parse(body), what,
                        response.retryAfter());
            }
            try {
                return BflSubmission.parse(body);
            } catch (BflWireException e) {
                // A webhook submit answers without polling_url; imagegen4j never sends one, so this is a bad answer.
                throw new MalformedResponseException("the answer to " + what + " is not readable: " + e.getMessage());
            }
        });
        return new Task(submission.id(), pollingUrl(submission)).handle();
    }

    /** The polling URL as sent, resolved against the base URL should it be relative. */
    private URI pollingUrl(BflSubmission submission) {
        try {
            return settings.baseUrl().resolve(new URI(submission.pollingUrl()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ProviderResponseException(errors.redact("BFL accepted task " + submission.id()
                    + " but its polling_url is not a URL: " + submission.pollingUrl()), ErrorDetails.of(Settings.ID)
                    .withRequestId(submission.id()), null);
        }
    }

    @Override
    public JobPoll poll(String handle) {
        Task task = Task.parse(handle);
        Call get = Call.get(task.pollingUrl()).header("Accept", "application/json");
        if (settings.keyGoesTo(task.pollingUrl())) {
            get = get.header(KEY_HEADER, settings.apiKey());
        }
        String what = "the poll of task " + task.id();
        return transport.execute(get, response -> {
            String body = text(response);
            if (response.status() == 404) {
                return new JobPoll.Failed(new JobNotFoundException(errors.redact("BFL does not know task " + task.id()
                        + " (HTTP 404 from its polling URL): it never existed or has expired"),
                        ErrorDetails.of(Settings.ID).withHttpStatus(404).withRequestId(task.id()), null));
            }
            if (response.status() != 200) {
                throw errors.fromStatus(response.status(), response.reasonPhrase(), BflError.parse(body), what,
                        response.retryAfter());
            }
            BflResult result;
            try {
                result = BflResult.parse(body, task.id());
            } catch (BflWireException e) {
                throw new MalformedResponseException("the answer to " + what + " is not readable: " + e.getMessage());
            }
            if (result.status() == BflStatus.PENDING) {
                Double progress = progress(result.progress());
                return new JobPoll.Pending(progress != null && progress > 0 ? JobState.RUNNING : JobState.QUEUED,
                        progress, response.retryAfter());
            }
            if (result.status() == BflStatus.READY) {
                return new JobPoll.Ready(result);
            }
            return new JobPoll.Failed(errors.failure(result));
        });
    }

    /** BFL's progress, as a fraction: it documents no scale, so a value above 1 is read as a percentage. */
    private static Double progress(Double sent) {
        if (sent == null || !Double.isFinite(sent) || sent < 0) {
            return null;
        }
        return Math.min(1, sent > 1 ? sent / 100 : sent);
    }

    @Override
    public ProviderResult fetch(String handle, JobPoll.Ready ready, ImageSinks output) {
        Task task = Task.parse(handle);
        if (!(ready.result() instanceof BflResult result) || result.sample() == null) {
            throw new IllegalArgumentException("not a ready BFL result: " + ready);
        }
        URI sample = URI.create(result.sample());
        // The host only: the query is the signature. The transport's download sends no credentials.
        GeneratedImage image = transport.downloadImage(sample, output, "Downloading the image of task " + task.id()
                + " from " + sample.getHost(), ErrorDetails.of(Settings.ID).withRequestId(task.id()));
        return ProviderResult.builder().addImage(result.seed() == null ? image : image.withSeed(result.seed()))
                .requestId(task.id()).build();
    }

    private static String text(Response response) throws IOException {
        return new String(response.body(JSON_LIMIT, "the answer is larger than " + JSON_LIMIT + " bytes")
                .readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        transport.close();
    }
}
