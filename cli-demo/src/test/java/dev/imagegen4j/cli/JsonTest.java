package dev.imagegen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"b\":1,\"a\":2}|{\"a\":2,\"b\":1}",
            "{\"n\":2.50}|{\"n\":25e-1}",
            "{\"n\":-0}|{\"n\":0.0}",
            "{\"a\":null,\"b\":[1.0,{\"d\":null,\"c\":true}]}|{\"b\":[1,{\"c\":true}]}",
            "{\"images\":[{\"url\":\"x\",\"detail\":null}]}|{ \"images\" : [ { \"url\" : \"x\" } ] }"})
    void givesOneHashToEverySpellingOfTheSameValue(String one, String other) {
        assertThat(Json.hash(JsonParser.parseString(one))).isEqualTo(Json.hash(JsonParser.parseString(other)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"n\":2}|{\"n\":\"2\"}",
            "{\"b\":[1,2]}|{\"b\":[2,1]}",
            "{\"a\":{\"b\":1}}|{\"a\":{\"b\":2}}",
            "{\"seed\":7}|{}",
            "{\"n\":1e999999999}|{\"n\":1e999999998}"})
    void givesDifferentValuesDifferentHashes(String one, String other) {
        assertThat(Json.hash(JsonParser.parseString(one))).isNotEqualTo(Json.hash(JsonParser.parseString(other)));
    }
}
