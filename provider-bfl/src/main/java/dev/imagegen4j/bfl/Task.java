package dev.imagegen4j.bfl;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A BFL task as a job id carries it: the task id and its polling URL, written {@code "<id> <polling_url>"}.
 * Everything a later process needs to poll, and no secret.
 */
record Task(String id, URI pollingUrl) {

    String handle() {
        return id + " " + pollingUrl;
    }

    /**
     * Reads a handle, which may come from a damaged or tampered job id.
     *
     * @throws InvalidRequestException when it is not a handle this provider made
     */
    static Task parse(String handle) {
        int space = handle.indexOf(' ');
        if (space > 0 && space < handle.length() - 1) {
            try {
                URI url = new URI(handle.substring(space + 1));
                String scheme = url.getScheme();
                if (url.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                    return new Task(handle.substring(0, space), url);
                }
            } catch (URISyntaxException e) {
                // Answered below.
            }
        }
        throw new InvalidRequestException("The job's task is not one the bfl provider submitted: expected a task id "
                + "and an http(s) polling URL", ErrorDetails.of(Settings.ID), "job", null);
    }
}
