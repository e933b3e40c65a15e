package dev.jwtsigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtSignerExceptionTest {

  @Test
  void listsEveryViolationInTheMessage() {
    JwtSignerException e = new TokenRejectedException(Reason.TOKEN_REJECTED, "the token breaks 2 rules.", List.of(
        Violation.of("sub", Rule.USER_ID_MISSING, "no user ID.", "call subject(id)."),
        Violation.of("exp", Rule.EXPIRED, "exp is past.", "use a later expiry.")));
    assertThat(e.reason()).isEqualTo(Reason.TOKEN_REJECTED);
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(Rule.USER_ID_MISSING, Rule.EXPIRED);
    assertThat(e).hasMessage("the token breaks 2 rules.\n"
        + "  - sub [USER_ID_MISSING]: no user ID. Fix: call subject(id).\n"
        + "  - exp [EXPIRED]: exp is past. Fix: use a later expiry.");
  }

  @Test
  void keepsAPlainMessageWithoutViolations() {
    JwtSignerException e = new KeyRejectedException(Reason.KEY_TOO_SHORT, "too short.");
    assertThat(e).hasMessage("too short.").isInstanceOf(JwtSignerException.class);
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void rejectionNeedsAViolation() {
    assertThatThrownBy(() -> new TokenRejectedException(Reason.TOKEN_REJECTED, "x", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
