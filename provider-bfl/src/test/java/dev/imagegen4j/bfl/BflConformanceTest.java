package dev.imagegen4j.bfl;

/** The kit on the default model, flux-2-pro: W×H in multiples of 16, up to 8 input images. */
class BflConformanceTest extends MockServerKit {
}
