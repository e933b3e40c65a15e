package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import org.junit.jupiter.api.Test;

class CheckTest {

  @Test
  void refusesNullWithTheArgumentAndTheFix() {
    assertThat(Check.notNull("x", "clock", "pass a clock.")).isEqualTo("x");
    assertThatThrownBy(() -> Check.notNull(null, "clock", "pass a clock."))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("clock is null. Fix: pass a clock.");
  }

  @Test
  void namesAMissingSigningKeyTheSameWayForEveryBuilder() {
    assertThat(Check.noSigningKey().reason()).isEqualTo(Reason.SIGNING_FAILED);
    assertThat(Check.noSigningKey()).hasMessage("the key source returned no signing key. Fix: make KeySource.signingKey() return a key.");
  }
}
