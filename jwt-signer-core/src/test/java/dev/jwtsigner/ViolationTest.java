package dev.jwtsigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.Violation.Rule;
import org.junit.jupiter.api.Test;

class ViolationTest {

  @Test
  void toStringNamesFieldRuleMessageAndFix() {
    Violation v = Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM, "exp is 8 days after iat; the maximum is 7 days.",
        "shorten expiresIn to 7 days or less.");
    assertThat(v).hasToString(
        "exp [EXPIRY_BEYOND_MAXIMUM]: exp is 8 days after iat; the maximum is 7 days. Fix: shorten expiresIn to 7 days or less.");
    assertThat(v.field()).isEqualTo("exp");
    assertThat(v.rule()).isEqualTo(Rule.EXPIRY_BEYOND_MAXIMUM);
  }

  @Test
  void isAValue() {
    Violation a = Violation.of("sub", Rule.USER_ID_MISSING, "m", "f");
    assertThat(a).isEqualTo(Violation.of("sub", Rule.USER_ID_MISSING, "m", "f")).hasSameHashCodeAs(
        Violation.of("sub", Rule.USER_ID_MISSING, "m", "f"));
    assertThat(a).isNotEqualTo(Violation.of("sub", Rule.CLAIM_MISSING, "m", "f"));
  }

  @Test
  void violationsThatDifferHashDifferentlySoSetsOfThemSpread() {
    Violation a = Violation.of("sub", Rule.USER_ID_MISSING, "m", "f");
    assertThat(a.hashCode())
        .isNotEqualTo(Violation.of("sub", Rule.USER_ID_MISSING, "m", "g").hashCode())
        .isNotEqualTo(Violation.of("sub", Rule.USER_ID_MISSING, "n", "f").hashCode())
        .isNotEqualTo(Violation.of("atomic_sub", Rule.USER_ID_MISSING, "m", "f").hashCode());
  }

  @Test
  void refusesBlankParts() {
    assertThatThrownBy(() -> Violation.of(" ", Rule.EXPIRED, "m", "f"))
        .isInstanceOf(JwtSignerException.class).hasMessage("field must not be blank. Fix: give the violation's field in words.");
    assertThatThrownBy(() -> Violation.of("exp", Rule.EXPIRED, "m", ""))
        .isInstanceOf(JwtSignerException.class).hasMessage("fix must not be blank. Fix: give the violation's fix in words.");
    assertThatThrownBy(() -> Violation.of("exp", null, "m", "f"))
        .isInstanceOf(JwtSignerException.class).hasMessage("rule is null. Fix: name the Violation.Rule that was broken.");
  }
}
