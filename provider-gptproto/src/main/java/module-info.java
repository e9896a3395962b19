/** The {@code gptproto} provider for GPTProto's OpenAI-compatible images API. */
module dev.imagegen4j.gptproto {
    requires transitive dev.imagegen4j.core;
    requires dev.imagegen4j.openai;
    requires static transitive org.jspecify;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires com.google.gson;

    exports dev.imagegen4j.gptproto;

    provides dev.imagegen4j.spi.ImageProvider with dev.imagegen4j.gptproto.GptProtoImageProvider;
}
