/** Placeholder until this module's issue is done; it exports nothing yet. */
module dev.imagegen4j.cli {
    requires dev.imagegen4j.core;
}
