package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRequestWireFieldsTest {

    @Test
    void readsEveryWireField() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("prompt", "a fox");
        fields.put("model", "gpt-image-2");
        fields.put("n", 2.0);
        fields.put("size", "1536x1024");
        fields.put("quality", "high");
        fields.put("background", "opaque");
        fields.put("output_format", "webp");
        fields.put("output_compression", 80);
        fields.put("moderation", "low");
        fields.put("stream", true);
        fields.put("partial_images", 2);
        fields.put("user", "u-1");

        ImageRequest request = ImageRequest.fromWireFields(fields);

        assertThat(request).isEqualTo(ImageRequest.builder("a fox").model("gpt-image-2").count(2)
                .size(ImageSize.of(1536, 1024)).quality(Quality.HIGH).background(Background.OPAQUE)
                .outputFormat(OutputFormat.WEBP).outputCompression(80).moderation(Moderation.LOW).stream(true)
                .partialImages(2).user("u-1").build());
    }

    @Test
    void nullMeansUnset() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("prompt", "a fox");
        fields.put("size", null);

        assertThat(ImageRequest.fromWireFields(fields).size()).isNull();
    }

    @Test
    void reportsEveryProblemWithItsFieldAndRule() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("colour", "red");
        fields.put("n", "two");
        fields.put("size", "huge");
        fields.put("stream", List.of());
        fields.put("output_compression", 1.5);

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> ImageRequest.fromWireFields(fields));

        assertThat(thrown.violations()).extracting(Violation::field, Violation::rule).containsExactly(
                tuple("colour", "unknown_parameter"),
                tuple("prompt", "missing_required_parameter"),
                tuple("n", "invalid_type"),
                tuple("size", "invalid_value"),
                tuple("output_compression", "invalid_type"),
                tuple("stream", "invalid_type"));
        assertThat(thrown.getMessage()).isEqualTo("Invalid request fields: unknown parameter 'colour'; "
                + "prompt is required; n must be an integer but is a string; size must be 'auto' or WIDTHxHEIGHT "
                + "such as 1536x1024 but was 'huge'; output_compression must be an integer but is a number; "
                + "stream must be a boolean but is an array");
        assertThat(thrown.param()).contains("colour");
    }
}
