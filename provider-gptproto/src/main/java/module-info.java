/** The {@code gptproto} and {@code openai} providers, for the OpenAI-compatible images API of GPTProto and of OpenAI. */
module dev.imagegen4j.gptproto {
    requires transitive dev.imagegen4j.core;
    requires dev.imagegen4j.openai;
    requires dev.imagegen4j.http;
    requires static transitive org.jspecify;

    exports dev.imagegen4j.gptproto;

    provides dev.imagegen4j.spi.ImageProvider with dev.imagegen4j.gptproto.GptProtoImageProvider,
            dev.imagegen4j.gptproto.OpenAiImageProvider;
}
