package dev.imagegen4j.mock;

import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.Quality;
import dev.imagegen4j.mock.internal.MockPlan;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A job of the {@code mock-async} model, held entirely in its task handle: the plan that draws its
 * images, when it was submitted, how long it runs and how it ends. So a job outlives the process
 * that submitted it, as a vendor's does, with no server and no files.
 */
record MockJob(MockPlan plan, long submittedAtMillis, long durationMillis, MockJobOutcome outcome) {
    private static final String VERSION = "mock-job-1";

    String handle() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return String.join("|", VERSION, Long.toString(submittedAtMillis), Long.toString(durationMillis),
                outcome.id(), plan.model(), plan.size().text(), plan.quality().id(), Boolean.toString(plan.transparent()),
                plan.format().name(), Integer.toString(plan.compression()), Integer.toString(plan.count()),
                base64.encodeToString(plan.prompt().getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(plan.variation().getBytes(StandardCharsets.UTF_8)));
    }

    /** The job a handle describes, or empty when it is not one this mock made. */
    static Optional<MockJob> parse(String handle) {
        String[] parts = handle.split("\\|", -1);
        if (parts.length != 13 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            ImageSize size = ImageSize.parse(parts[5]);
            if (!(size instanceof ImageSize.Exact exact)) {
                return Optional.empty();
            }
            MockPlan plan = new MockPlan(parts[4], new String(base64.decode(parts[11]), StandardCharsets.UTF_8), exact,
                    Quality.parse(parts[6]), Boolean.parseBoolean(parts[7]),
                    ImageFormat.valueOf(parts[8].toUpperCase(Locale.ROOT)), Integer.parseInt(parts[9]),
                    Integer.parseInt(parts[10]), 0, new String(base64.decode(parts[12]), StandardCharsets.UTF_8), false);
            return Optional.of(new MockJob(plan, Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    MockJobOutcome.parse(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
