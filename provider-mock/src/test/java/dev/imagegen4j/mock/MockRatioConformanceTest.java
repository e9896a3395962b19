package dev.imagegen4j.mock;

/** The kit for mock-ratio: aspect ratios, seeds, one image per call and no usage. */
class MockRatioConformanceTest extends MockConformanceTest {
    @Override
    protected String model() {
        return "mock-ratio";
    }
}
