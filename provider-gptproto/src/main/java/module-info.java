/** The {@code gptproto} provider for GPTProto's OpenAI-compatible images API. */
module dev.imagegen4j.gptproto {
    requires transitive dev.imagegen4j.core;
    requires dev.imagegen4j.openai;
    requires dev.imagegen4j.http;
    requires static transitive org.jspecify;

    exports dev.imagegen4j.gptproto;

    provides dev.imagegen4j.spi.ImageProvider with dev.imagegen4j.gptproto.GptProtoImageProvider;
}
