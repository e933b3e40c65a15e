package dev.jwtsigner.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AtomicRulesTest {

  private static final AtomicRules RULES = AtomicRules.of(Duration.ofDays(7), Duration.ofSeconds(60),
      Set.of("my-backend"), List.of("atomic_sub", "atomic_id", "sub", "id"));

  private static AtomicRules.Claims claims(Map<String, Object> m) {
    return name -> m.containsKey(name) ? m.get(name) : AtomicRules.ABSENT;
  }

  @Test
  void resolvesTheFirstNonBlankUserIdAndRefusesAnUnusableOneBesideIt() {
    assertThat(RULES.userId(claims(Map.of("sub", "u1")))).isEmpty();
    assertThat(RULES.resolveUserId(claims(Map.of("sub", "s", "atomic_sub", "a")))).isEqualTo("a");
    assertThat(RULES.userId(claims(Map.of("sub", "u1", "id", 7)))).extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("id", Rule.USER_ID_MISSING));
    assertThat(RULES.userId(claims(Map.of()))).extracting(Violation::message)
        .containsExactly("no user ID: none of atomic_sub, atomic_id, sub, id holds a non-blank string.");
  }

  @Test
  void appliesTheLifetimeRulesAtTheBuildersNowAndTheVerifiersNow() {
    long iat = 1_767_225_600L;
    assertThat(RULES.expiry(iat, iat + 3_600, iat, 0)).isEmpty();
    assertThat(RULES.expiry(iat, iat, iat, 0)).extracting(Violation::rule).containsExactly(Rule.EXPIRY_NOT_AFTER_ISSUED_AT);
    assertThat(RULES.expiry(iat, iat + 60, iat, 0)).extracting(Violation::rule).containsExactly(Rule.LIFETIME_BELOW_SDK_INTERVAL);
    assertThat(RULES.expiry(iat, iat + 7 * 86_400 + 1, iat, 0)).extracting(Violation::message)
        .containsExactly("exp − iat is 604801 s; the policy allows at most 604800 s (7 days).");
    assertThat(RULES.expiry(iat, iat + 3_600, iat + 3_600, 0)).extracting(Violation::rule).containsExactly(Rule.EXPIRED);
    assertThat(RULES.expiry(Double.NaN, iat + 8 * 86_400, iat, 0)).extracting(Violation::rule)
        .containsExactly(Rule.EXPIRY_BEYOND_MAXIMUM);
  }

  @Test
  void allowsTheClockSkewAndNamesTheNumbersInEachLifetimeMessage() {
    long now = 1_767_225_600L;
    long week = 7 * 86_400;
    assertThat(RULES.expiry(Double.NaN, now - 30, now, 60)).as("expired within the skew").isEmpty();
    assertThat(RULES.expiry(Double.NaN, now - 100, now, 60)).extracting(Violation::message)
        .containsExactly("the token expired 100 s ago (allowed clock skew: 60 s).");
    assertThat(RULES.expiry(Double.NaN, now + week + 30, now, 60)).as("beyond the maximum within the skew").isEmpty();
    assertThat(RULES.expiry(Double.NaN, now + week + 100, now, 0)).extracting(Violation::message)
        .containsExactly("exp lies 604900 s after now; the policy allows at most 604800 s (7 days) (allowed clock skew: 0 s).");
    assertThat(RULES.expiry(now, now - 90, now, 0)).extracting(Violation::message)
        .containsExactly("exp is not after iat: exp − iat is -90 s; the token must live longer than the SDK's expiry interval"
            + " of 60 s.");
    assertThat(RULES.expiry(now, now + 45, now, 0)).extracting(Violation::message)
        .containsExactly("exp − iat is 45 s; the SDK asks for a new token 60 s before exp, so the token must live longer than that.");
  }

  @Test
  void tellsHowToSetExpAndIatWhenMissing() {
    assertThat(AtomicRules.timeClaim("exp", AtomicRules.ABSENT)).extracting(Violation::fix).containsExactly(
        "set exp to a JSON number of seconds since the epoch: the token's expiry, such as expiresIn(Duration.ofHours(1)).");
    assertThat(AtomicRules.timeClaim("iat", AtomicRules.ABSENT)).extracting(Violation::fix).containsExactly(
        "set iat to a JSON number of seconds since the epoch: the time it was issued (jsonwebtoken and AtomicTokenBuilder"
            + " add it).");
  }

  @Test
  void acceptsAClaimNameOfExactlyTheLongestLength() {
    assertThat(AtomicRules.claimName("x".repeat(AtomicRules.MAX_CLAIM_NAME_CHARS), "")).isEmpty();
  }

  @Test
  void checksTheFormOfTimeClaims() {
    assertThat(AtomicRules.timeClaim("exp", AtomicRules.ABSENT)).extracting(Violation::rule).containsExactly(Rule.CLAIM_MISSING);
    assertThat(AtomicRules.timeClaim("exp", "1")).extracting(Violation::message)
        .containsExactly("exp is a JSON string; the platform requires a JSON number of seconds since the epoch.");
    assertThat(AtomicRules.timeClaim("iat", Double.POSITIVE_INFINITY)).extracting(Violation::rule)
        .containsExactly(Rule.TIME_CLAIM_INVALID);
    assertThat(AtomicRules.timeClaim("iat", 1.5)).isEmpty();
  }

  @Test
  void checksTheIssuerAndClaimNames() {
    assertThat(RULES.issuer("my-backend")).isEmpty();
    assertThat(RULES.issuer(AtomicRules.ABSENT)).extracting(Violation::message)
        .containsExactly("iss is missing; the API key accepts only 1 issuer.");
    assertThat(AtomicRules.claimName("ok", "")).isEmpty();
    assertThat(AtomicRules.claimName(" ", "")).extracting(Violation::message).containsExactly("a claim name is blank.");
    assertThat(AtomicRules.claimName("x".repeat(257), " given to claim(...)")).extracting(Violation::message)
        .containsExactly("a claim name given to claim(...) is longer than 256 characters.");
    assertThat(AtomicRules.claimName("\ud800", "")).extracting(Violation::rule).containsExactly(Rule.INVALID_UNICODE);
  }

  @Test
  void namesTheBuilderOnlyRules() {
    assertThat(AtomicRules.reserved("nbf", "claim(...)").rule()).isEqualTo(Rule.RESERVED_CLAIM);
    assertThat(AtomicRules.writtenTwice("x", "claim(...)", "claim(...)").message())
        .isEqualTo("x is written twice: by claim(...) and by claim(...).");
  }
}
