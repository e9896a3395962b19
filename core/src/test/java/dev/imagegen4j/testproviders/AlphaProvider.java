package dev.imagegen4j.testproviders;

public final class AlphaProvider extends TestProvider {
    public AlphaProvider() {
        super("alpha");
    }
}
