package dev.imagegen4j.gptproto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * HttpClient 5 logs through SLF4J and was built against slf4j-api 1.7, which finds no SLF4J 2 binding
 * (it prints "Failed to load class org.slf4j.impl.StaticLoggerBinder" and drops every log). The
 * provider takes slf4j-api 2.x, so a 2.x binding on the class path (here the tests' slf4j-simple)
 * receives HttpClient's logs.
 */
class Slf4jAlignmentTest {
    @Test
    void httpClientLogsReachAnSlf4j2Binding() {
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http").getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLogger");
    }
}
