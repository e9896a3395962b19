package dev.imagegen4j;

import java.util.concurrent.ConcurrentMap;

/**
 * A hook around every generation and every provider call of an {@link ImageGenerator}, for retry
 * policies, logging, metrics, tracing and budgets, without any provider knowing. Interceptors run in
 * the order they were added, each deciding whether and how often to {@link Chain#proceed() proceed}.
 * They run on the calling thread (or the generator's executor for split requests and async calls),
 * so an implementation must be thread-safe.
 *
 * <p>Each generation passes through the interceptors once at {@link Stage#GENERATION} (after the
 * request was validated, before it is split), then once at {@link Stage#CALL} for each provider call
 * it is split into. A retry at the call stage repeats one provider call, which may be billed again.
 *
 * <pre>{@code
 * ImageInterceptor timing = chain -> {
 *     long start = System.nanoTime();
 *     try {
 *         return chain.proceed();
 *     } finally {
 *         log(chain.stage(), chain.model().id(), System.nanoTime() - start);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ImageInterceptor {

    /**
     * Handles one generation or call, usually by returning {@code chain.proceed()}.
     *
     * @throws ImageGenerationException to fail it; other runtime exceptions propagate as they are
     */
    ImageResponse intercept(Chain chain);

    /** Where in a generation an interceptor runs. */
    enum Stage {
        /** Once per generation, around all its calls. */
        GENERATION,
        /** Once per provider call; a split request makes several. */
        CALL
    }

    /** The generation or call being intercepted, and the way on. */
    interface Chain {
        /** Whether this is the whole generation or one call of it. */
        Stage stage();

        /** The provider's id. */
        String providerId();

        /** The spec the request was validated against. */
        ModelSpec model();

        /**
         * The request: at {@link Stage#GENERATION} the validated one, at {@link Stage#CALL} this call's
         * share of it (its count and, for a split request, its seed).
         */
        ImageRequest request();

        /** This call's position among the calls of a split request, 0-based; 0 at {@link Stage#GENERATION}. */
        int part();

        /** How many calls the generation is split into. */
        int parts();

        /** Whether the caller streams. */
        boolean streaming();

        /**
         * Values interceptors keep for this generation: one thread-safe map shared by its
         * {@link Stage#GENERATION} stage and every one of its calls, on whichever thread each runs, so that
         * call-stage work can find what the generation stage began (a trace's parent span, say). Use keys
         * of your own type, so that interceptors cannot collide; the map is dropped with the generation.
         */
        ConcurrentMap<Object, Object> attributes();

        /** Runs the rest of the chain (the next interceptor, or the work itself) and returns its response. */
        ImageResponse proceed();
    }
}
