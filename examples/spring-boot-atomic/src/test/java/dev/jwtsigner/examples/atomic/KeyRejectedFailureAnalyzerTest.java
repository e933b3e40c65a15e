package dev.jwtsigner.examples.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class KeyRejectedFailureAnalyzerTest {

  @Test
  void reportsTheLibrarysReasonAndMessageAndTheSettingToChange() {
    KeyRejectedException rejected = new KeyRejectedException(Reason.KEY_TOO_SHORT,
        "RSA key has 1024 bits, fewer than the 2048 required. Fix: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096");
    BeanCreationException startup = new BeanCreationException("atomicSigningKey", "Failed to instantiate", rejected);

    FailureAnalysis analysis = new KeyRejectedFailureAnalyzer().analyze(startup);

    assertThat(analysis.getDescription()).isEqualTo("The Atomic signing key was refused (KEY_TOO_SHORT): "
        + rejected.getMessage());
    assertThat(analysis.getAction()).isEqualTo("Point atomic.private-key (environment variable ATOMIC_PRIVATE_KEY_FILE)"
        + " at the PEM file of the private key whose public key is registered with your Atomic API key.");
    assertThat(analysis.getCause()).isSameAs(rejected);
  }

  @Test
  void leavesOtherFailuresToSpringBoot() {
    assertThat(new KeyRejectedFailureAnalyzer().analyze(new IllegalStateException("port in use"))).isNull();
  }
}
