/**
 * A LangChain4j {@code ImageModel} backed by an imagegen4j {@code ImageGenerator}.
 */
module dev.imagegen4j.langchain4j {
    requires transitive dev.imagegen4j.core;
    // langchain4j-core 1.19 declares no module name, so this is the name the module system derives from its jar.
    requires transitive langchain4j.core;
    requires static transitive org.jspecify;

    exports dev.imagegen4j.langchain4j;
}
