package dev.jwtsigner.examples.atomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.keys.KeyPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A misconfigured key stops the application at start-up, with the property, jwt-signer's reason and its fix. */
@ExtendWith(OutputCaptureExtension.class)
class AtomicTokenApplicationTest {

  @TempDir
  Path dir;

  @Test
  void refusesToStartWithAMissingKeyFile(CapturedOutput output) {
    Path missing = dir.resolve("jwtRS512.key");

    start("--jwt-signer.atomic.private-key=file:" + missing);

    assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
        .contains("jwt-signer refused jwt-signer.atomic.private-key (KEY_FILE_UNREADABLE): key file " + missing
            + " does not exist (working directory ")
        .contains("Change jwt-signer.atomic.private-key in application.yml (environment variable JWTSIGNER_ATOMIC_PRIVATEKEY)");
  }

  @Test
  void refusesToStartWithAKeyTooShortForThePlatform(CapturedOutput output) throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    Path small = Files.writeString(dir.resolve("small.pem"), KeyPairs.privateKeyPem(generator.generateKeyPair().getPrivate()));

    start("--jwt-signer.atomic.private-key=file:" + small);

    assertThat(output.getOut()).contains("jwt-signer refused jwt-signer.atomic.private-key (KEY_TOO_SHORT):");
  }

  @Test
  void refusesToStartWhenTheTokenLifetimeExceedsTheApiKeysMaximum(CapturedOutput output) {
    Path key = KeyPairs.writeFiles(KeyPairs.generate(JwsAlgorithm.RS256), dir.resolve("keys")).get(0);

    start("--jwt-signer.atomic.private-key=file:" + key, "--jwt-signer.atomic.token-lifetime=8d");

    assertThat(output.getOut()).contains("jwt-signer refused jwt-signer.atomic.token-lifetime (TOKEN_REJECTED):");
  }

  private static void start(String... args) {
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AtomicTokenApplication.class)
        .properties("server.port=0", "spring.main.banner-mode=off")
        .run(args)
        .close());
    assertThat(failure).as("start-up failure").isNotNull();
  }
}
