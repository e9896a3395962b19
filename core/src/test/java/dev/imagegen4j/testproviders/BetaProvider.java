package dev.imagegen4j.testproviders;

public final class BetaProvider extends TestProvider {
    public BetaProvider() {
        super("beta");
    }
}
