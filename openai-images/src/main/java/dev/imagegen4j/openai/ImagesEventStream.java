package dev.imagegen4j.openai;

import com.google.gson.JsonObject;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The server-sent events of a streamed response to {@code POST /v1/images/generations}
 * ({@code "stream": true}): an {@code image_generation.partial_image} event per partial image and an
 * {@code image_generation.completed} event per image, each named by its {@code event:} line and its
 * JSON {@code type}. Read by the providers that speak the wire, with the same streaming decoding and
 * caps as {@link ImagesResponseJson}; written by the mock's server.
 */
public final class ImagesEventStream {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final String PARTIAL = "image_generation.partial_image";
    private static final String COMPLETED = "image_generation.completed";

    private ImagesEventStream() {
    }

    /**
     * Reads an event stream, handing each partial and completed image to {@code listener} as soon as
     * its event is parsed. Every image decodes into a sink from {@code sinks}, as in a JSON response; a
     * partial image's file is deleted once the listener has returned, since nobody keeps it after.
     * Events of other types, and a final {@code [DONE]}, are skipped, as the official SDKs do.
     *
     * @return the completed images, with the envelope of the last completed event
     * @throws ImagesErrorException when an event is an error
     * @throws ImagesWireException when an event is unreadable, or the stream ends without a completed image
     * @throws IOException when reading {@code body} fails, as it failed
     */
    public static ImagesResponseJson.Result read(InputStream body, Consumer<? super ImageEvent> listener,
                                                 ImagesResponseJson.SinkFactory sinks) throws IOException {
        SseReader events = new SseReader(body);
        List<GeneratedImage> completed = new ArrayList<>();
        ImagesResponseJson.Envelope[] last = {ImagesResponseJson.Envelope.EMPTY};
        int[] partials = {0};
        try {
            while (events.next((name, data) -> {
                PushbackInputStream peek = new PushbackInputStream(data, DONE.length);
                byte[] start = peek.readNBytes(DONE.length);
                if (Arrays.equals(start, DONE)) {
                    return;
                }
                peek.unread(start);
                int index = completed.size();
                ImageExtractor reader = new ImageExtractor(peek, extracted -> sinks.create(index));
                JsonObject json;
                try (reader) {
                    json = ImagesResponseJson.parseObject(reader.read());
                } catch (IOException | RuntimeException e) {
                    ImagesResponseJson.deleteFiles(reader.images(), e);
                    throw e;
                }
                String type = json.has("type") && json.get("type").isJsonPrimitive()
                        ? json.get("type").getAsString() : "";
                switch (ImagesResponseJson.error(json, type, name) ? "error" : type) {
                    case "error" -> {
                        ImagesResponseJson.deleteFiles(reader.images(), null);
                        throw new ImagesErrorException(ImagesError.fromObject(json));
                    }
                    case PARTIAL -> {
                        Long given = ImagesResponseJson.number(json, "partial_image_index");
                        int partialIndex = given != null && given >= 0 && given <= Integer.MAX_VALUE
                                ? given.intValue() : partials[0];
                        partials[0]++;
                        try {
                            listener.accept(new ImageEvent.PartialImage(index, partialIndex,
                                    ImagesResponseJson.image(json, 0, reader.images())));
                        } finally {
                            ImagesResponseJson.deleteFiles(reader.images(), null);
                        }
                    }
                    case COMPLETED -> {
                        GeneratedImage image;
                        try {
                            image = ImagesResponseJson.image(json, 0, reader.images());
                        } catch (ImagesWireException e) {
                            ImagesResponseJson.deleteFiles(reader.images(), e);
                            throw e;
                        }
                        completed.add(image);
                        last[0] = ImagesResponseJson.envelope(json, "created_at");
                        partials[0] = 0;
                        listener.accept(new ImageEvent.Completed(index, image));
                    }
                    default -> ImagesResponseJson.deleteFiles(reader.images(), null);
                }
            })) {
                // Each call handles one event.
            }
        } catch (IOException | RuntimeException e) {
            ImagesResponseJson.deleteFiles(completed, e);
            throw e;
        }
        if (completed.isEmpty()) {
            throw new ImagesWireException("the event stream ended without an image_generation.completed event");
        }
        return new ImagesResponseJson.Result(completed, last[0]);
    }

    /**
     * Writes {@code event} as one server-sent event and flushes: its image as {@code b64_json}, the
     * envelope's {@code created} as {@code created_at}, its effective settings, and either
     * {@code partial_image_index} (a partial image) or the envelope's {@code usage} (a completed one).
     */
    public static void write(OutputStream out, ImageEvent event, ImagesResponseJson.Envelope envelope)
            throws IOException {
        GeneratedImage image;
        if (event instanceof ImageEvent.PartialImage partial) {
            image = partial.image();
        } else if (event instanceof ImageEvent.Completed completed) {
            image = completed.image();
        } else {
            throw new IllegalArgumentException("the images API streams images, not " + event);
        }
        String type = event instanceof ImageEvent.PartialImage ? PARTIAL : COMPLETED;
        JsonObject json = new JsonObject();
        json.addProperty("type", type);
        json.addProperty("b64_json", ImagesResponseJson.base64(image));
        if (envelope.created() != null) {
            json.addProperty("created_at", envelope.created().getEpochSecond());
        }
        if (event instanceof ImageEvent.PartialImage partial) {
            json.addProperty("partial_image_index", partial.partialIndex());
            ImagesResponseJson.settings(json, new ImagesResponseJson.Envelope(envelope.created(), envelope.size(),
                    envelope.quality(), envelope.background(), envelope.outputFormat(), null));
        } else {
            ImagesResponseJson.settings(json, envelope);
        }
        out.write(("event: " + type + "\ndata: " + ImagesResponseJson.toJson(json) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
