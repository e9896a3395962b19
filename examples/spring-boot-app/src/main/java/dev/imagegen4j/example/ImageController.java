package dev.imagegen4j.example;

import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.spring.Imagegen4jProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /images} with {@code {"prompt": "...", "size": "1536x1024"}} answers with the image itself. */
@RestController
class ImageController {
    private final ImageGenerator generator;
    private final ImageRequest defaults;

    ImageController(ImageGenerator generator, Imagegen4jProperties properties) {
        this.generator = generator;
        this.defaults = properties.defaultRequest();
    }

    /** What a client asks for: the prompt and, optionally, a size ({@code 1536x1024}, {@code 16:9} or {@code auto}). */
    record ImageOrder(String prompt, @Nullable String size) {
    }

    @PostMapping(path = "/images", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> generate(@RequestBody ImageOrder order) {
        if (order.prompt() == null || order.prompt().isBlank()) {
            throw new IllegalArgumentException("prompt is required");
        }
        ImageRequest.Builder request = defaults.toBuilder().prompt(order.prompt());
        if (order.size() != null) {
            request.size(ImageSize.parse(order.size()));
        }
        GeneratedImage image = generator.generate(request.build()).image();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.format().mimeType())).body(image.bytes());
    }

    @ExceptionHandler({IllegalArgumentException.class, InvalidRequestException.class, ContentPolicyException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(RateLimitException.class)
    ProblemDetail rateLimited(RateLimitException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }

    /** Every other failure is the image service's, not the client's. */
    @ExceptionHandler(ImageGenerationException.class)
    ProblemDetail failed(ImageGenerationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
}
