package dev.imagegen4j.benchmarks;

/**
 * One big response through one client in a fresh JVM, for the heap bisection:
 * {@code java -Xmx<N>m -cp benchmarks.jar dev.imagegen4j.benchmarks.BigOnce <client> <url>}. Exits 0
 * when every image arrived whole, 1 on any failure (an {@link OutOfMemoryError} included).
 */
public final class BigOnce {
    private BigOnce() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BigOnce <" + String.join("|", BenchClient.NAMES) + "> <stub url>");
            System.exit(2);
        }
        int status = 1;
        try (BenchClient client = BenchClient.create(args[0], args[1])) {
            long bytes = client.fetch(Bodies.BIG_IMAGES);
            System.out.println("ok " + args[0] + " " + bytes + " bytes");
            status = 0;
        } catch (Throwable e) {
            // Keep it short: OutOfMemoryError is the expected failure below the smallest heap.
            System.out.println("failed " + args[0] + ": " + e);
        } finally {
            System.exit(status);
        }
    }
}
