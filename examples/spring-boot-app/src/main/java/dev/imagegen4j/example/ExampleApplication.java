package dev.imagegen4j.example;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service with one endpoint, {@code POST /images}, that answers with the image bytes. It uses
 * the mock provider, which needs nothing, unless {@code GPTPROTO_API_KEY} is set: then gptproto (each
 * request is billed). {@code imagegen4j.provider} in the usual places chooses otherwise.
 */
@SpringBootApplication
public class ExampleApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ExampleApplication.class);
        application.setDefaultProperties(Map.of("imagegen4j.provider", defaultProvider(System.getenv())));
        application.run(args);
    }

    /** gptproto when its key is in {@code environment}, else the mock. */
    static String defaultProvider(Map<String, String> environment) {
        String key = environment.get("GPTPROTO_API_KEY");
        return key == null || key.isBlank() ? "mock" : "gptproto";
    }
}
