package dev.imagegen4j;

import java.util.Objects;

/**
 * Tokens a generation consumed, as the provider reports them (and bills them).
 *
 * @param inputTokens tokens of the prompt (and any input images)
 * @param inputDetails how the input tokens split into text and image tokens
 * @param outputTokens tokens of the generated images, including partial images
 * @param outputDetails how the output tokens split into text and image tokens
 * @param totalTokens input plus output, as reported
 */
public record Usage(long inputTokens, TokenDetails inputDetails, long outputTokens, TokenDetails outputDetails,
                    long totalTokens) {

    public Usage {
        Objects.requireNonNull(inputDetails, "inputDetails");
        Objects.requireNonNull(outputDetails, "outputDetails");
    }

    /** This usage and {@code other} added up, as for the calls of one split request. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, inputDetails.plus(other.inputDetails),
                outputTokens + other.outputTokens, outputDetails.plus(other.outputDetails),
                totalTokens + other.totalTokens);
    }

    /**
     * A split of tokens by kind.
     *
     * @param textTokens tokens of text
     * @param imageTokens tokens of images
     */
    public record TokenDetails(long textTokens, long imageTokens) {
        /** No tokens of either kind; also what a provider reports when it gives no split. */
        public static final TokenDetails NONE = new TokenDetails(0, 0);

        /** Both splits added up. */
        public TokenDetails plus(TokenDetails other) {
            return new TokenDetails(textTokens + other.textTokens, imageTokens + other.imageTokens);
        }
    }
}
