package com.example.solid;

/** The kit once more, for the model that takes aspect ratios instead of exact sizes. */
class SolidRatioConformanceTest extends SolidColorProviderConformanceTest {
    @Override
    protected String model() {
        return "solid-ratio";
    }
}
