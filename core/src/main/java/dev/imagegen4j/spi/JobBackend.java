package dev.imagegen4j.spi;

/**
 * A backend whose models run as jobs the vendor holds: submitted, then polled, then fetched. Core
 * owns everything around the three steps (the polling schedule, deadlines, cancellation, job ids
 * that survive a restart, and {@code generate()} as submit + await), so an implementation only
 * speaks the vendor's protocol, one request per method.
 *
 * <p>Core calls {@link #generate} only for models whose {@link dev.imagegen4j.ModelSpec#jobs()} is
 * {@code false}; a backend serving only job models leaves it as it is.
 */
public interface JobBackend extends ImageBackend {

    /**
     * Sends {@code call} to the vendor's queue and returns at once with the vendor's handle of the
     * task. This is the paid step: core never repeats it, so neither may the implementation.
     *
     * @return what {@link #poll} and {@link #fetch} need to find the task again, in another process
     *         too: plain text, no secrets (it becomes part of a job id users keep and share)
     * @throws dev.imagegen4j.ImageGenerationException as the subtype that tells the caller what to do
     */
    String submit(ProviderCall call);

    /**
     * Asks the vendor once how {@code task} is doing. Returns {@link JobPoll.Failed} for a task that
     * ended without images (moderated, failed, expired or unknown to the vendor); throws only when the
     * poll itself failed, which core answers by polling again later if the failure is retryable.
     *
     * @param task what {@link #submit} returned, possibly from an earlier process, possibly tampered
     *        with: never send credentials to a host it names unless that host is the vendor's API
     */
    JobPoll poll(String task);

    /**
     * Downloads the images of a task that {@link #poll} reported ready, each into a sink from
     * {@code output}, exactly {@link ImageSinks#count()} of them.
     *
     * @param ready the poll's answer, with whatever it carried for this step
     */
    ProviderResult fetch(String task, JobPoll.Ready ready, ImageSinks output);

    /**
     * Asks the vendor to stop {@code task}.
     *
     * @return {@code false} when the vendor offers no way to cancel, which is the default
     */
    default boolean cancel(String task) {
        return false;
    }

    /**
     * Not used for job models; a backend that also serves models without jobs overrides it.
     *
     * @throws UnsupportedOperationException always, unless overridden
     */
    @Override
    default ProviderResult generate(ProviderCall call) {
        throw new UnsupportedOperationException("model " + call.model().id() + " runs as a job; core submits and polls it");
    }
}
