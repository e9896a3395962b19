package dev.imagegen4j.mock;

import java.time.Duration;

/** The kit for mock-async: what mock-ratio does, with every image a job that is submitted and polled. */
class MockAsyncConformanceTest extends MockConformanceTest {
    MockAsyncConformanceTest() {
        behavior.jobTime(Duration.ofMillis(20));
    }

    @Override
    protected String model() {
        return "mock-async";
    }
}
