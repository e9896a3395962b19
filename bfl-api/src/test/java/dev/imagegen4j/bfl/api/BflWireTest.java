package dev.imagegen4j.bfl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BFL's answers and error bodies as read, and submit bodies written then read back as the mock's server does. */
class BflWireTest {
    @Test
    void readsEveryDocumentedStatusByItsExactName() {
        for (BflStatus status : BflStatus.values()) {
            BflResult result = BflResult.parse("{\"id\":\"t\",\"status\":\"" + status.wireName() + "\",\"result\":"
                    + (status == BflStatus.READY ? "{\"sample\":\"https://delivery.eu.bfl.ai/x.jpeg\",\"seed\":7}" : "null")
                    + "}", "t");

            assertThat(result.status()).isEqualTo(status);
        }
        assertThat(BflResult.parse("{\"id\":\"t\",\"status\":\"pending\"}", "t").status()).isNull();
    }

    @Test
    void readsAReadyResultsSampleSeedAndAPendingOnesProgress() {
        BflResult ready = BflResult.parse("{\"id\":\"t\",\"status\":\"Ready\",\"result\":{\"sample\":\"https://d/x\","
                + "\"prompt\":\"a fox\",\"seed\":1234567890123},\"progress\":null,\"details\":null,\"preview\":null}", "t");
        BflResult pending = BflResult.parse("{\"id\":\"t\",\"status\":\"Pending\",\"progress\":0.4}", "t");

        assertThat(ready.sample()).isEqualTo("https://d/x");
        assertThat(ready.seed()).isEqualTo(1234567890123L);
        assertThat(pending.progress()).isEqualTo(0.4);
        assertThat(pending.sample()).isNull();
    }

    @Test
    void anOldTaskNotFoundWithoutIdReadsAsTheTaskPolled() {
        BflResult result = BflResult.parse("{\"status\":\"Task not found\",\"result\":{}}", "abc");

        assertThat(result.id()).isEqualTo("abc");
        assertThat(result.status()).isEqualTo(BflStatus.TASK_NOT_FOUND);
    }

    @Test
    void refusesAnswersMissingWhatTheyMustHold() {
        assertThatThrownBy(() -> BflResult.parse("{\"id\":\"t\",\"status\":\"Ready\",\"result\":{}}", "t"))
                .isInstanceOf(BflWireException.class).hasMessage("result.sample: a Ready answer must have result.sample,"
                        + " the image's URL");
        assertThatThrownBy(() -> BflSubmission.parse("{\"id\":\"t\",\"status\":\"Pending\",\"webhook_url\":\"h\"}"))
                .isInstanceOf(BflWireException.class).hasMessage("polling_url: missing from the answer");
        assertThatThrownBy(() -> BflResult.parse("<html>", "t")).isInstanceOf(BflWireException.class);
    }

    @Test
    void readsErrorBodiesOfEveryShape() {
        BflError validation = BflError.parse("{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":\"too big\","
                + "\"type\":\"less_than_equal\"}]}");

        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("width");
            assertThat(problem.type()).isEqualTo("less_than_equal");
        });
        assertThat(validation.summary()).isEqualTo("width: too big");
        assertThat(BflError.parse("{\"detail\":\"Insufficient credits\"}").message()).isEqualTo("Insufficient credits");
        assertThat(BflError.parse("{\"error\":\"x\",\"message\":\"Rate limit\"}").message()).isEqualTo("Rate limit");
        assertThat(BflError.parse("Bad Gateway").message()).isEqualTo("Bad Gateway");
        assertThat(BflError.parse("").message()).isNull();
        assertThat(BflError.parse(validation.toJson())).isEqualTo(validation);
    }

    @Test
    void aSubmitBodyReadsBackAsTheRequestItWasWrittenFrom() {
        ImageRequest request = ImageRequest.builder("a fox").model(BflModels.FLUX_DEV).size(ImageSize.of(1024, 768))
                .seed(7L).outputFormat(OutputFormat.PNG).extra("bfl", "steps", 30L).build();

        ImageRequest read = BflRequestJson.fromJson(BflModels.FLUX_DEV, BflRequestJson.toJson(request,
                request.extras("bfl")), "bfl");

        assertThat(read.prompt()).isEqualTo("a fox");
        assertThat(read.size()).isEqualTo(ImageSize.of(1024, 768));
        assertThat(read.seed()).isEqualTo(7L);
        assertThat(read.outputFormat()).isEqualTo(OutputFormat.PNG);
        assertThat(read.extras("bfl")).containsEntry("steps", 30.0);
    }

    @Test
    void readingABodyRefusesFieldsTheModelDoesNotTakeNamingThem() {
        assertThatThrownBy(() -> BflRequestJson.fromJson(BflModels.FLUX_2_PRO, "{\"prompt\":\"a\",\"raw\":true}", "bfl"))
                .isInstanceOf(BflWireException.class).hasMessage("raw: Extra inputs are not permitted");
        assertThatThrownBy(() -> BflRequestJson.fromJson(BflModels.FLUX_KONTEXT_PRO, "{\"prompt\":\"a\",\"width\":512,"
                + "\"height\":512}", "bfl")).isInstanceOf(BflWireException.class)
                .satisfies(e -> assertThat(((BflWireException) e).field()).isEqualTo("width"));
        assertThatThrownBy(() -> BflRequestJson.fromJson(BflModels.FLUX_2_PRO, "[1]", "bfl"))
                .isInstanceOf(BflWireException.class);
    }

    @Test
    void mapsWireFieldsToTheRequestsAndBack() {
        for (String wire : List.of("width", "height", "aspect_ratio")) {
            assertThat(BflRequestJson.neutralField(wire, "bfl")).isEqualTo("size");
        }
        assertThat(BflRequestJson.neutralField("input_image_4", "bfl")).isEqualTo("images");
        assertThat(BflRequestJson.neutralField("safety_tolerance", "bfl")).isEqualTo("extras.bfl.safety_tolerance");
        assertThat(BflRequestJson.wireField("size", BflModels.FLUX_PRO_1_1_ULTRA)).isEqualTo("aspect_ratio");
        assertThat(BflRequestJson.wireField("images", BflModels.FLUX_DEV)).isEqualTo("image_prompt");
        assertThat(BflRequestJson.wireField("extras.bfl.steps", BflModels.FLUX_DEV)).isEqualTo("steps");
    }
}
