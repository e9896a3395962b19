package dev.imagegen4j.cli;

import dev.imagegen4j.ProviderConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The mock provider's {@code MockServer}, started in this JVM. The CLI depends on provider-mock at
 * run time only (it must reach providers through ServiceLoader alone), so tests cannot compile
 * against the server's class; this helper is the one place that reaches it, by reflection.
 */
final class MockServerHandle implements AutoCloseable {
    private static final String SERVER = "dev.imagegen4j.mock.MockServer";
    private static final String FAULT = "dev.imagegen4j.mock.MockFault";

    private final AutoCloseable server;

    private MockServerHandle(AutoCloseable server) {
        this.server = server;
    }

    /**
     * Starts a server on a free loopback port whose {@code mock} settings come from {@code environment}
     * alone, such as {@code MOCK_FAULT=rate_limit} or {@code MOCK_API_KEY=...}.
     */
    static MockServerHandle start(Map<String, String> environment) {
        ProviderConfig config = ProviderConfig.builder().environment(environment).build();
        return new MockServerHandle((AutoCloseable) invoke(method(SERVER, "start", int.class, ProviderConfig.class),
                null, 0, config));
    }

    /** The server's base URL, such as {@code http://127.0.0.1:41234}. */
    String baseUrl() {
        return invoke(method(SERVER, "baseUrl"), server).toString();
    }

    /** How many requests the server has answered. */
    long requestCount() {
        return (long) invoke(method(SERVER, "requestCount"), server);
    }

    /** How many Pending answers each BFL task submitted from now on gets before it ends. */
    void bflPendingPolls(int polls) {
        invoke(method(SERVER, "bflPendingPolls", int.class), server, polls);
    }

    /** How many BFL submits the server has received. */
    long bflSubmitCount() {
        return (long) invoke(method(SERVER, "bflSubmitCount"), server);
    }

    /** Makes the server's next request fail with the fault named {@code faultName}, such as {@code rate_limit}. */
    void failNext(String faultName) {
        Object fault = invoke(method(FAULT, "fromWireName", String.class), null, faultName);
        Object behavior = invoke(method(SERVER, "behavior"), server);
        try {
            behavior.getClass().getMethod("failNext", Class.forName(FAULT)).invoke(behavior, fault);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private static Method method(String className, String name, Class<?>... parameterTypes) {
        try {
            return Class.forName(className).getMethod(name, parameterTypes);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("imagegen4j-provider-mock must be on the test class path", e);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
