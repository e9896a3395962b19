package dev.imagegen4j.testproviders;

public final class FailingProvider extends TestProvider {
    public FailingProvider() {
        super("failing");
        throw new IllegalStateException("cannot start");
    }
}
