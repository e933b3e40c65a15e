package dev.jwtsigner.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

/** Key files written by the test kit's pre-made keys, and the failure analysis of a context that did not start. */
final class StarterFixtures {

  static final FakeKeyPair RSA = FakeKeys.rsa2048();
  static final FakeKeyPair RSA_2 = FakeKeys.rsa2048(2);
  static final FakeKeyPair EC = FakeKeys.p521();

  private StarterFixtures() {}

  /** {@code text} written to {@code dir/name}, as a {@code file:} location. */
  static String file(Path dir, String name, String text) {
    try {
      return "file:" + Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link JwtSignerFailureAnalyzer} makes of the context's start-up failure. */
  static FailureAnalysis analysis(ApplicationContextAssertProvider<?> context) {
    assertThat(context.getStartupFailure()).as("the context failed to start").isNotNull();
    FailureAnalysis analysis = new JwtSignerFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).as("analysed by jwt-signer: %s", context.getStartupFailure()).isNotNull();
    return analysis;
  }
}
