package dev.imagegen4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one choke point for secrets: whole keys, echoes of their start, masked forms, and short keys. */
class RedactorTest {
    private static Redactor of(String key) {
        return Redactor.of(Map.of("test setting api-key", key));
    }

    /** A masked or cut echo keeps nothing of the key, not even the tail a mask shows. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sk-SECRETSCAN-7f3a9c | sk-SECRE***7f3a9c",
            "sk-SECRETSCAN-7f3a9c | sk-SECRETSCAN-7f3a9c",
            "sk-SECRETSCAN-7f3a9c | sk-SECRETSCA\u2026",
            "sk-SECRETSCAN-7f3a9c | key sk-SECRETSCAN-7f3a9c.",
            "test-key-7f3a9c21e4b8 | test-key***4b8",
            "test-key-7f3a9c21e4b8 | test-key-7f3a9c21****e4b8",
            "abcd1234efgh5678wxyz | abcd1234***wxyz",
            "abcd1234efgh5678wxyz | abcd***wxyz",
            "abcd1234efgh5678wxyz | abcd\u2026wxyz",
            "abcd1234efgh5678wxyz | ***5678wxyz",
            "sk-ab1234567890yz | sk-ab\u2026yz"})
    void aMaskedEchoKeepsNothingOfTheKey(String key, String echo) {
        String redacted = of(key).redact("Incorrect API key provided: " + echo);

        assertThat(redacted).doesNotContain(key.substring(0, 4)).doesNotContain(key.substring(key.length() - 2))
                .startsWith("Incorrect API key provided: ").contains("***");
    }

    @Test
    void aShortKeyIsHiddenOnlyAsAWholeWordAndNeverGarblesTheMessage() {
        Redactor redactor = of("e");

        String redacted = redactor.redact("Invalid request fields: key e was rejected (e)");

        assertThat(redacted).isEqualTo("Invalid request fields: key *** was rejected (***)");
    }

    @Test
    void aShortKeyIsReportedOnceAsAWarningWithoutItsValue() {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(Redactor.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            of("abc12");
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getMessage()).isEqualTo("The test setting api-key is only 5 characters long, too short "
                    + "to be a real secret; it is hidden only where it appears as a whole word");
        });
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Invalid value 'abcd' for size... try again ** later";

        assertThat(of("abcd1234efgh5678wxyz").redact(text)).isEqualTo(text);
    }

    @Test
    void hidesKeysShapedLikeAnSkKeyEvenWhenItKnowsNone() {
        assertThat(Redactor.none().redact("Incorrect API key provided: sk-proj-AAAABBBBCCCC.")).isEqualTo(
                "Incorrect API key provided: sk-***.");
    }
}
