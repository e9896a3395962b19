package dev.imagegen4j;

import java.util.List;

/**
 * A check of a whole request that a model's declarations cannot express, such as a provider extra that
 * is required together with a reference image, or limits on a reference image's dimensions. It is part
 * of the model's {@link ModelSpec}, and {@link ModelSpec#validate} runs it with every other check, so its
 * violations are reported with the others, before anything is sent. It must be fast, thread-safe and do
 * no I/O.
 */
@FunctionalInterface
public interface RequestRule {

    /**
     * The rules {@code request} breaks, in the terms of {@link Violation} (fields named as
     * {@link ImageRequest}'s); empty when it breaks none.
     *
     * @param model the spec the request is checked against (for an unlisted id, the spec made for it)
     * @param providerId the provider the request is for, whose {@link ImageRequest#extras(String) extras} apply
     */
    List<Violation> check(ImageRequest request, ModelSpec model, String providerId);
}
