package dev.imagegen4j.testproviders;

public final class SecondAlphaProvider extends TestProvider {
    public SecondAlphaProvider() {
        super("alpha");
    }
}
