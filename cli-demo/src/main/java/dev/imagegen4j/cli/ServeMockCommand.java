package dev.imagegen4j.cli;

import dev.imagegen4j.ProviderConfig;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the mock provider's loopback server. The CLI compiles against the core API only, so that it
 * reaches providers through discovery alone; the server class is therefore looked up at run time.
 */
@Command(name = "serve-mock", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Serve POST /v1/images/generations on loopback with the mock provider behind it, until Ctrl-C.",
                "Point the gptproto provider at it with GPTPROTO_BASE_URL, or the bfl provider (BFL's submit-and-poll "
                        + "API, also served) with BFL_BASE_URL; any API key is accepted."})
final class ServeMockCommand implements Callable<Integer> {
    private static final String SERVER_CLASS = "dev.imagegen4j.mock.MockServer";

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8089;

    @Spec
    CommandSpec spec;

    private final Session session;

    ServeMockCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Method start;
        try {
            start = Class.forName(SERVER_CLASS).getMethod("start", int.class, ProviderConfig.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("serve-mock needs imagegen4j-provider-mock on the class path", e);
        }
        AutoCloseable server;
        try {
            server = (AutoCloseable) start.invoke(null, port, session.config(null));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException badSetting) {
                // A mock setting it refuses, such as an unknown fault name: a usage error, as for generate.
                throw new Main.UsageException(badSetting.getMessage());
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        Object baseUrl = server.getClass().getMethod("baseUrl").invoke(server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "imagegen-serve-mock-stop"));
        out.println("Mock GPTProto server listening on " + baseUrl + " (Ctrl-C to stop); it speaks BFL's API too");
        out.println("Try: GPTPROTO_BASE_URL=" + baseUrl + " GPTPROTO_API_KEY=any imagegen generate \"a lighthouse\"");
        out.println(" or: BFL_BASE_URL=" + baseUrl + " BFL_API_KEY=any imagegen generate --provider bfl --model flux-pro-1.1 "
                + "--size 1024x768 \"a fox\"");
        out.flush();
        stopped.await();
        return Main.OK;
    }
}
