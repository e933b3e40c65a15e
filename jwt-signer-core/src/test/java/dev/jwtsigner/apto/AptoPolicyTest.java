package dev.jwtsigner.apto;

import static dev.jwtsigner.apto.AptoFixtures.p521PublicKey;
import static dev.jwtsigner.apto.AptoFixtures.publicKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import java.security.interfaces.RSAPublicKey;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AptoPolicyTest {

  private static final RSAPublicKey KEY_1 = publicKey("rsa2048");
  private static final RSAPublicKey KEY_2 = publicKey("rsa4096");

  @Test
  void defaultsAreNoKeys64KibAndDepth100WithRs256() {
    AptoPolicy p = AptoPolicy.defaults();
    assertThat(p.registeredKeys()).isEmpty();
    assertThat(p.maxPayloadBytes()).isEqualTo(65_536);
    assertThat(p.maxDepth()).isEqualTo(100);
    assertThat(AptoPolicy.ALGORITHM).isEqualTo(JwsAlgorithm.RS256);
    assertThat(AptoPolicy.builder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(AptoPolicy.builder().maxPayloadBytes(65_535).build().hashCode()).as("a different policy hashes differently")
        .isNotEqualTo(p.hashCode());
  }

  @Test
  void registersTwoKeysInOrder() {
    AptoPolicy p = AptoPolicy.builder().registerKey("key_2", KEY_2).registerKey("key_1", KEY_1).build();
    assertThat(p.registeredKeys().keySet()).containsExactly("key_2", "key_1");
    assertThat(p.registeredKeys()).containsEntry("key_1", KEY_1).containsEntry("key_2", KEY_2);
    assertThatThrownBy(() -> p.registeredKeys().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesAThirdKeyAsThePlatformDoes() {
    AptoPolicy.Builder b = AptoPolicy.builder().registerKey("key_1", KEY_1).registerKey("key_2", KEY_2);
    assertInvalid(() -> b.registerKey("key_3", KEY_1), "registerKey: the platform holds at most 2 public keys at a time."
        + " Fix: delete the old key before registering a third one.");
  }

  @Test
  void refusesABlankNullOrRepeatedKid() {
    assertInvalid(() -> AptoPolicy.builder().registerKey(" ", KEY_1),
        "registerKey: the kid is blank. Fix: pass the id the key was registered under, such as \"key_1\".");
    assertInvalid(() -> AptoPolicy.builder().registerKey(null, KEY_1),
        "registerKey: the kid is null. Fix: pass the id the key was registered under, such as \"key_1\".");
    assertInvalid(() -> AptoPolicy.builder().registerKey("key_1", KEY_1).registerKey("key_1", KEY_2),
        "registerKey: kid key_1 is registered already. Fix: give each key its own kid.");
  }

  @Test
  void refusesAKeyThatCannotVerifyRs256() {
    assertInvalid(() -> AptoPolicy.builder().registerKey("key_1", p521PublicKey()),
        "registerKey: kid key_1 is not an RSA public key; signed payloads use RS256 only. Fix: register the RSA public"
            + " key made by `openssl rsa -in private.pem -pubout -out public.pem`.");
    assertInvalid(() -> AptoPolicy.builder().registerKey("key_1", null),
        "registerKey: kid key_1 is not an RSA public key; signed payloads use RS256 only. Fix: register the RSA public"
            + " key made by `openssl rsa -in private.pem -pubout -out public.pem`.");
    assertInvalid(() -> AptoPolicy.builder().registerKey("key_1", publicKey("rsa1024")),
        "registerKey: kid key_1 has 1024 bits; at least 2048 are required. Fix: make a 4096-bit key with"
            + " `openssl genrsa -out private.pem 4096`.");
  }

  @Test
  void acceptsLimitsInRange() {
    AptoPolicy p = AptoPolicy.builder().maxPayloadBytes(2).maxDepth(1_000).build();
    assertThat(p.maxPayloadBytes()).isEqualTo(2);
    assertThat(p.maxDepth()).isEqualTo(1_000);
    assertThat(AptoPolicy.builder().maxDepth(1).build().maxDepth()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -1})
  void refusesAPayloadLimitBelowTwoBytes(int bytes) {
    assertInvalid(() -> AptoPolicy.builder().maxPayloadBytes(bytes),
        "maxPayloadBytes is " + bytes + "; the smallest JSON object takes 2 bytes. Fix: pass 2 or more.");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1_001})
  void refusesADepthLimitOutOfRange(int depth) {
    assertInvalid(() -> AptoPolicy.builder().maxDepth(depth),
        "maxDepth is " + depth + "; it must be from 1 to 1000. Fix: pass a depth in that range.");
  }

  @Test
  void toBuilderCopiesEverySetting() {
    AptoPolicy p = AptoPolicy.builder().registerKey("key_1", KEY_1).maxPayloadBytes(1_000).maxDepth(5).build();
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    AptoPolicy rotated = p.toBuilder().registerKey("key_2", KEY_2).build();
    assertThat(rotated.registeredKeys()).containsOnlyKeys("key_1", "key_2");
    assertThat(p.registeredKeys()).containsOnlyKeys("key_1");
    assertThat(rotated).isNotEqualTo(p);
  }

  @Test
  void toStringNamesKidsAndLimitsButNoKeyMaterial() {
    AptoPolicy p = AptoPolicy.builder().registerKey("key_1", KEY_1).build();
    assertThat(p.toString()).isEqualTo("AptoPolicy[registeredKeys=[key_1], maxPayloadBytes=65536, maxDepth=100]")
        .doesNotContain(KEY_1.getModulus().toString(16).substring(0, 16));
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage(message);
  }
}
