package dev.imagegen4j.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * The jqwik hook of the project's fuzz properties; a class registers it with
 * {@code @AddLifecycleHook(Fuzzing.class)}. Shared with other modules' tests through core's test jar.
 *
 * <ul>
 * <li><b>Tries.</b> {@code @Property(tries = N)} is what CI runs. The system property {@value #TRIES},
 *     when set, replaces it for every property: {@code mvn test -Dfuzz.tries=100000}.</li>
 * <li><b>Hangs.</b> {@link Timeout @Fuzzing.Timeout} on a property bounds <em>each try</em>, not the whole
 *     property (whose length grows with the tries): a try that runs longer fails the property as a hang.
 *     (jqwik refuses JUnit's own {@code @Timeout} on a property.)</li>
 * </ul>
 */
public final class Fuzzing implements AroundPropertyHook, AroundTryHook {
    /** The system property that sets the number of tries of every property. */
    public static final String TRIES = "fuzz.tries";

    private static ExecutorService worker;

    /** The longest one try of the annotated property may take; longer counts as a hang. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Timeout {
        long value();

        TimeUnit unit() default TimeUnit.SECONDS;
    }

    /** Registered on a class, the hook applies to every property in it, nested classes included. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES);
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.strip()));
        }
        return property.execute();
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters)
            throws Throwable {
        Optional<Timeout> timeout = context.findAnnotation(Timeout.class);
        if (timeout.isEmpty()) {
            return aTry.execute(parameters);
        }
        Duration limit = Duration.of(timeout.get().value(), timeout.get().unit().toChronoUnit());
        ExecutorService executor = worker();
        Future<TryExecutionResult> result = executor.submit(() -> aTry.execute(parameters));
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(executor);
            return TryExecutionResult.falsified(new AssertionError("a try ran longer than " + limit
                    + ": the code under test hangs on this input"));
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static synchronized ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "fuzz-try");
                thread.setDaemon(true);
                return thread;
            });
        }
        return worker;
    }

    /** Leaves a hung try to its thread (interrupted, and a daemon); the next try gets a new one. */
    private static synchronized void abandon(ExecutorService executor) {
        executor.shutdownNow();
        if (worker == executor) {
            worker = null;
        }
    }
}
