package dev.imagegen4j.mock;

/** The kit for mock-edit: reference images, seeds and four images per call. */
class MockEditConformanceTest extends MockConformanceTest {
    @Override
    protected String model() {
        return "mock-edit";
    }
}
