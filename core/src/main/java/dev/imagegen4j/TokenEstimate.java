package dev.imagegen4j;

import java.util.List;

/**
 * The tokens a request is expected to consume, as a model's {@link TokenRule} predicts them before
 * anything is sent.
 *
 * @param textInputTokens text tokens of the prompt (an approximation wherever the vendor's tokenizer is not used)
 * @param imageInputTokens image tokens of the reference images
 * @param imageOutputTokens image tokens of the generated images, partial images included
 * @param notes how the figures were reached where that is not exact, such as "quality auto estimated as high"
 */
public record TokenEstimate(long textInputTokens, long imageInputTokens, long imageOutputTokens, List<String> notes) {

    public TokenEstimate {
        if (textInputTokens < 0 || imageInputTokens < 0 || imageOutputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: " + textInputTokens + ", "
                    + imageInputTokens + ", " + imageOutputTokens);
        }
        notes = List.copyOf(notes);
    }
}
