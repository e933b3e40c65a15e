package dev.jwtsigner.apto;

import static dev.jwtsigner.apto.AptoFixtures.keys;
import static dev.jwtsigner.apto.AptoFixtures.publicKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.SigningKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRulesTest {

  private static final SigningKey RSA2048 = keys("rsa2048").signingKey();
  private static final AptoPolicy ROTATING = AptoPolicy.builder()
      .registerKey("key_1", publicKey("rsa2048"))
      .registerKey("key_2", publicKey("rsa4096"))
      .build();

  @Test
  void acceptsAnyRsaKeyAndKidWhenThePolicyRegistersNoKeys() {
    assertThat(check(RSA2048, "anything", true, AptoPolicy.defaults())).isEmpty();
    assertThat(check(RSA2048, null, false, AptoPolicy.defaults())).isEmpty();
  }

  @Test
  void acceptsEachRegisteredKeyUnderItsOwnKid() {
    assertThat(check(RSA2048, "key_1", true, ROTATING)).isEmpty();
    assertThat(check(keys("rsa4096").signingKey(), "key_2", false, ROTATING)).isEmpty();
  }

  @Test
  void aBlankKidIsTheOnlyViolationReported() {
    assertThat(check(keys("p521").signingKey(), "", true, ROTATING))
        .extracting(Violation::rule).containsExactly(Rule.KEY_ID_INVALID);
  }

  @Test
  void theRotationSlipNamesTheKidAndTheFix() {
    Violation v = check(RSA2048, "key_2", true, ROTATING).get(0);
    assertThat(v.field()).isEqualTo("header.kid");
    assertThat(v.fix()).isEqualTo("sign with the private key whose public key was uploaded as key_2, or switch the kid"
        + " to the one this key was registered under (in a rotation: upload the new public key, then switch the kid).");
  }

  @Test
  void anUnknownKidListsTheRegisteredOnes() {
    assertThat(check(RSA2048, "key_3", true, ROTATING)).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(Rule.KEY_ID_UNKNOWN);
      assertThat(v.message()).isEqualTo("kid key_3 is not registered in the policy, which registers [key_1, key_2].");
    });
  }

  private static List<Violation> check(SigningKey key, String kid, boolean kidSet, AptoPolicy policy) {
    List<Violation> violations = new ArrayList<>();
    KeyRules.check(key, kid, kidSet, policy, violations);
    return violations;
  }
}
