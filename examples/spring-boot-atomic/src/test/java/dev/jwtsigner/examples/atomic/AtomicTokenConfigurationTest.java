package dev.jwtsigner.examples.atomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A misconfigured key stops the application at start-up, with jwt-signer's reason and message. */
@ExtendWith(OutputCaptureExtension.class)
class AtomicTokenConfigurationTest {

  @TempDir
  Path dir;

  @Test
  void refusesToStartWithAMissingKeyFile(CapturedOutput output) {
    Path missing = dir.resolve("jwtRS512.key");

    Throwable failure = start("--atomic.private-key=" + missing);

    Optional<KeyRejectedException> rejected = find(failure, KeyRejectedException.class);
    assertThat(rejected).isPresent();
    assertThat(rejected.get().reason()).isEqualTo(Reason.KEY_FILE_UNREADABLE);
    assertThat(rejected.get()).hasMessageStartingWith("key file " + missing + " does not exist (working directory ");
    assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
        .contains("The Atomic signing key was refused (KEY_FILE_UNREADABLE): " + rejected.get().getMessage());
  }

  @Test
  void refusesToStartWithoutAKeySetting() {
    Throwable failure = start("--atomic.private-key=");

    assertThat(find(failure, IllegalStateException.class)).hasValueSatisfying(e -> assertThat(e).hasMessage(
        "atomic.private-key is not set. Fix: point it (or the environment variable ATOMIC_PRIVATE_KEY_FILE) at the PEM"
            + " file of your private key."));
  }

  private static Throwable start(String... args) {
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AtomicTokenApplication.class)
        .properties("server.port=0", "spring.main.banner-mode=off")
        .run(args)
        .close());
    assertThat(failure).as("start-up failure").isNotNull();
    return failure;
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    return Stream.iterate(failure, Objects::nonNull, Throwable::getCause).filter(type::isInstance).map(type::cast).findFirst();
  }
}
