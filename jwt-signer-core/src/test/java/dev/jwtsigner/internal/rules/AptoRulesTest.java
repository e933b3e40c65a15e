package dev.jwtsigner.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AptoRulesTest {

  private static final long NOW = 1_767_225_600L;

  @Test
  void acceptsWholeSecondsWithExpAheadAndNbfAndIatNotAfterNow() {
    assertThat(AptoRules.timeClaims(Map.of("iat", NOW, "nbf", NOW, "exp", NOW + 1), NOW)).isEmpty();
    assertThat(AptoRules.timeClaim("exp", 253_402_300_799L, 0)).isEmpty();
    assertThat(AptoRules.timeClaim("iat", (Object) ((double) NOW), NOW)).isEmpty();
  }

  @Test
  void acceptsTheEpochItselfAndReadsWholeSecondsFromEveryNumberType() {
    assertThat(AptoRules.timeClaim("iat", 0L, NOW)).isEmpty();
    for (Object ahead : new Object[] {NOW + 100, (int) 2_000_000_000, (double) (NOW + 100), new java.math.BigDecimal(NOW + 100)}) {
      assertThat(AptoRules.timeClaim("exp", ahead, NOW)).as("exp %s", ahead).isEmpty();
    }
  }

  @Test
  void tellsHowToFixANotYetValidIatOrNbf() {
    assertThat(AptoRules.timeClaim("nbf", NOW + 1, NOW)).extracting(Violation::fix)
        .containsExactly("leave nbf out, or set it no later than the time of signing.");
    assertThat(AptoRules.timeClaim("iat", NOW + 1, NOW)).extracting(Violation::fix)
        .containsExactly("leave iat to the builder (issuedAt(true)), or set it no later than the time of signing.");
  }

  @Test
  void refusesEveryFormAndMeaningTheVerifierRefuses() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("iat", NOW + 5);
    m.put("nbf", "soon");
    m.put("exp", NOW);
    assertThat(AptoRules.timeClaims(m, NOW)).extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("iat", Rule.NOT_YET_VALID, "iat is 5 seconds after now: the token is not valid yet."),
            org.assertj.core.groups.Tuple.tuple("nbf", Rule.CLAIM_NOT_NUMERIC, "nbf is not a JSON number."),
            org.assertj.core.groups.Tuple.tuple("exp", Rule.EXPIRED, "exp is 0 seconds before now: the token has expired."));
    for (Object bad : new Object[] {NOW + 0.5, -1L, 253_402_300_800L, BigInteger.TWO.pow(70), Double.NaN}) {
      assertThat(AptoRules.timeClaim("exp", bad, NOW)).extracting(Violation::rule).containsExactly(Rule.TIME_CLAIM_INVALID);
    }
  }
}
