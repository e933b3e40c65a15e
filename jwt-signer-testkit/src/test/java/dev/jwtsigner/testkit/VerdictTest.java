package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static final JwsDecoder DECODER =
      JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(1_024, 10));
  private static final Violation EXPIRED = Violation.of("exp", Rule.EXPIRED, "the token expired 5 s ago.",
      "mint a new token.");

  private static DecodedJws decoded(String claims) {
    String token = JoseSigner.prepare(FakeKeys.rsa2048().keySource().signingKey(), JwsAlgorithm.RS256).sign(claims);
    return DECODER.decode(token, List.of(TrustedKey.of(null, FakeKeys.rsa2048().publicKey())));
  }

  @Test
  void keepsTheDecodersImmutableHeaderAndClaimsWithoutCopyingThem() {
    DecodedJws jws = decoded("{\"sub\":\"u1\",\"tags\":[\"a\"]}");
    Verdict v = Verdict.of(jws.violations(), jws, "u1");
    assertThat(v.accepted()).isTrue();
    assertThat(v.header()).isSameAs(jws.header()).containsEntry("alg", "RS256");
    assertThat(v.claims()).isSameAs(jws.claims()).containsEntry("sub", "u1");
    assertThat(v.userId()).contains("u1");
    assertThatThrownBy(() -> v.claims().put("sub", "admin")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) v.claims().get("tags")).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> v.header().remove("alg")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keepsItsViolationsWhateverHappensToTheListItWasGiven() {
    List<Violation> found = new ArrayList<>(List.of(EXPIRED));
    Verdict v = Verdict.of(found, decoded("{\"sub\":\"u1\"}"), null);
    found.clear();
    assertThat(v.accepted()).isFalse();
    assertThat(v.violations()).containsExactly(EXPIRED);
    assertThatThrownBy(() -> v.violations().add(EXPIRED)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectingVerdictListsEachViolationAndThrowsOnDemand() {
    Verdict v = Verdict.of(List.of(EXPIRED), decoded("{\"sub\":\"u1\"}"), null);
    assertThat(v).hasToString("Verdict[rejected]\n  - " + EXPIRED);
    assertThatThrownBy(v::orThrow)
        .isInstanceOfSatisfying(JwtSignerException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TOKEN_NOT_ACCEPTED);
          assertThat(e.violations()).containsExactly(EXPIRED);
        })
        .hasMessage("the platform would reject this token (1 rule broken).\n  - " + EXPIRED);
    Verdict accepted = Verdict.of(List.of(), decoded("{\"sub\":\"u1\"}"), "u1");
    assertThat(accepted.orThrow()).isSameAs(accepted);
    assertThat(accepted).hasToString("Verdict[accepted, user ID resolved]");
    assertThat(accepted.claims()).isEqualTo(Map.of("sub", "u1"));
  }
}
