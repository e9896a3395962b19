/** Placeholder until this module's issue is done; it exports nothing yet. */
module dev.imagegen4j.mock {
    requires dev.imagegen4j.core;
}
