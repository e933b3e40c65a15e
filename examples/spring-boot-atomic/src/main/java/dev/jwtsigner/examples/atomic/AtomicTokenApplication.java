package dev.jwtsigner.examples.atomic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A host app's backend: its logged-in users fetch their Atomic SDK token from {@code GET /atomic/token}.
 *
 * <pre>{@code
 * ../../mvnw spring-boot:run        # with atomic.private-key pointing at the key's PEM file
 * }</pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AtomicTokenApplication {

  public static void main(String[] args) {
    SpringApplication.run(AtomicTokenApplication.class, args);
  }
}
