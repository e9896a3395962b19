package dev.imagegen4j;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The id of a job: the provider, the model, and the vendor's handle of each task, as one line of
 * text that can be stored, logged and passed to another process, which re-attaches with
 * {@link ImageGenerator#job(String)}. It holds no secrets. The text form is
 * {@code provider:model:tasks}, for example {@code bfl:flux-pro-1.1:1.aHR0cHM6Ly9h...}.
 */
public final class JobId {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String providerId;
    private final String model;
    private final List<Task> tasks;
    private final String text;

    JobId(String providerId, String model, List<Task> tasks) {
        if (providerId.isEmpty() || providerId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a provider id in a job id must be non-empty and without ':' but was '"
                    + providerId + "'");
        }
        if (model.isEmpty()) {
            throw new IllegalArgumentException("a job id needs a model");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a job id needs at least one task");
        }
        this.providerId = providerId;
        this.model = model;
        this.tasks = List.copyOf(tasks);
        List<String> encoded = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            encoded.add(task.count() + "." + ENCODER.encodeToString(task.handle().getBytes(StandardCharsets.UTF_8)));
        }
        this.text = providerId + ":" + model + ":" + String.join(",", encoded);
    }

    /**
     * Reads a job id from its text form.
     *
     * @throws IllegalArgumentException saying what is wrong when {@code text} is not a job id
     */
    public static JobId parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int first = trimmed.indexOf(':');
        int last = trimmed.lastIndexOf(':');
        if (first <= 0 || last == first || last == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + abbreviate(trimmed)
                    + "' is not a job id: expected provider:model:tasks, as printed when the job was submitted");
        }
        List<Task> tasks = new ArrayList<>();
        for (String part : trimmed.substring(last + 1).split(",", -1)) {
            int dot = part.indexOf('.');
            try {
                int count = Integer.parseInt(part.substring(0, Math.max(dot, 0)));
                String handle = new String(DECODER.decode(part.substring(dot + 1)), StandardCharsets.UTF_8);
                if (count < 1 || handle.isEmpty()) {
                    throw new IllegalArgumentException("empty task");
                }
                tasks.add(new Task(count, handle));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("'" + abbreviate(trimmed)
                        + "' is not a job id: its task list is damaged (was it cut short?)", e);
            }
        }
        return new JobId(trimmed.substring(0, first), trimmed.substring(first + 1, last), tasks);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The provider that runs the job. */
    public String providerId() {
        return providerId;
    }

    /** The model the job was submitted to. */
    public String model() {
        return model;
    }

    /** How many images the job makes. */
    public int count() {
        return tasks.stream().mapToInt(Task::count).sum();
    }

    List<Task> tasks() {
        return tasks;
    }

    /** The job id as text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobId id && id.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** One vendor task of a job: the backend's handle and how many images it makes. */
    record Task(int count, String handle) {
    }
}
