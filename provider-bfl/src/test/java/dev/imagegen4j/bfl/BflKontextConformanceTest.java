package dev.imagegen4j.bfl;

import dev.imagegen4j.bfl.api.BflModels;

/** The kit on flux-kontext-pro: aspect ratios from 21:9 to 9:21, up to 4 input images. */
class BflKontextConformanceTest extends MockServerKit {
    @Override
    protected String model() {
        return BflModels.FLUX_KONTEXT_PRO;
    }
}
