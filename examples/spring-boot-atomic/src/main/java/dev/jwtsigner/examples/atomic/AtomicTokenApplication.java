package dev.jwtsigner.examples.atomic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A host app's backend: its logged-in users fetch their Atomic SDK token from {@code GET /atomic/token}. The
 * jwt-signer starter makes the key source, builder and token cache from {@code jwt-signer.atomic.*}.
 *
 * <pre>{@code
 * ../../mvnw spring-boot:run        # with jwt-signer.atomic.private-key pointing at the key's PEM file
 * }</pre>
 */
@SpringBootApplication
public class AtomicTokenApplication {

  public static void main(String[] args) {
    SpringApplication.run(AtomicTokenApplication.class, args);
  }
}
