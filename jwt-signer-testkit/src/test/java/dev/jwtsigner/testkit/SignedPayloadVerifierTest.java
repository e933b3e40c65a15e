package dev.jwtsigner.testkit;

import static dev.jwtsigner.testkit.AptoTestFiles.createUserJson;
import static dev.jwtsigner.testkit.AptoTestFiles.keys;
import static dev.jwtsigner.testkit.AptoTestFiles.publicKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.KeySource;
import java.security.PublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedPayloadVerifierTest {

  private static final KeySource KEY_1 = keys("rsa2048");
  private static final KeySource KEY_2 = keys("rsa4096");
  private static final PublicKey PUBLIC_1 = publicKey("rsa2048");
  private static final PublicKey PUBLIC_2 = publicKey("rsa4096");

  private final TestClock clock = TestClock.create();
  private final long now = clock.instant().getEpochSecond();
  private final SignedPayloadVerifier verifier =
      SignedPayloadVerifier.create().trust("key_1", PUBLIC_1).trust("key_2", PUBLIC_2).clock(clock);

  @Test
  void acceptsTheCreateUserBodyAndReturnsItAsClaims() throws Exception {
    String token = SignedPayloadBuilder.create(KEY_1).keyId("key_1").clock(clock).payload(createUserJson()).sign();
    Verdict v = verifier.verify(token);
    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(v.header()).containsEntry("kid", "key_1").containsEntry("alg", "RS256");
    assertThat(v.claims()).containsEntry("iat", now)
        .containsEntry("data_points", JSONObjectUtils.parse(createUserJson()).get("data_points"));
    assertThat(v.userId()).isEmpty();
  }

  @Test
  void theKidSelectsTheKey() {
    assertThat(verifier.verify(sign(KEY_2, "key_2")).accepted()).isTrue();
    Verdict wrongKey = verifier.verify(sign(KEY_1, "key_2"));
    assertThat(wrongKey.violations()).extracting(Violation::rule).containsExactly(Rule.SIGNATURE_INVALID);
  }

  @Test
  void withoutAKidEachTrustedKeyIsTried() {
    assertThat(verifier.verify(sign(KEY_1, null)).accepted()).isTrue();
    assertThat(verifier.verify(sign(KEY_2, null)).accepted()).isTrue();
    Verdict untrusted = SignedPayloadVerifier.create().trust("key_2", PUBLIC_2).verify(sign(KEY_1, null));
    assertThat(untrusted.violations()).extracting(Violation::rule).containsExactly(Rule.SIGNATURE_INVALID);
  }

  @Test
  void refusesAnUnknownKid() {
    Verdict v = verifier.verify(sign(KEY_1, "key_3"));
    assertThat(v.accepted()).isFalse();
    assertThat(v.violations()).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo(Rule.KEY_ID_UNKNOWN);
      assertThat(x.message()).isEqualTo("the token's kid matches none of the trusted keys' kids (key_1, key_2),"
          + " and no key without a kid is trusted.");
    });
  }

  @Test
  void acceptsRs256Only() {
    String rs512 = JoseSigner.prepare(KEY_1.signingKey(), JwsAlgorithm.RS512, "key_1").sign("{\"a\":1}");
    assertThat(verifier.verify(rs512).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("header.alg", Rule.ALGORITHM_NOT_ALLOWED));
  }

  @Test
  void refusesAThirdKeyAsThePlatformDoes() {
    assertThatThrownBy(() -> verifier.trust("key_3", PUBLIC_1))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("registerKey: the platform holds at most 2 public keys at a time. Fix: delete the old key before"
            + " registering a third one.");
  }

  @Test
  void trustingIsImmutable() {
    SignedPayloadVerifier none = SignedPayloadVerifier.create();
    none.trust("key_1", PUBLIC_1);
    assertThat(none.policy().registeredKeys()).isEmpty();
    assertThat(none.verify(sign(KEY_1, "key_1")).violations()).extracting(Violation::message)
        .containsExactly("no public key is trusted, so the signature cannot be checked.");
  }

  @Test
  void usesThePolicysKeysAndLimits() {
    AptoPolicy policy = AptoPolicy.builder().registerKey("key_1", PUBLIC_1).maxPayloadBytes(64).build();
    SignedPayloadVerifier fromPolicy = SignedPayloadVerifier.create(policy).clock(clock);
    assertThat(fromPolicy.verify(sign(KEY_1, "key_1")).accepted()).isTrue();
    String big = SignedPayloadBuilder.create(KEY_1).keyId("key_1").payload("{\"a\":\"" + "x".repeat(100) + "\"}").sign();
    assertThat(fromPolicy.verify(big).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("claims", Rule.TOO_LARGE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"exp\":\"tomorrow\"}        | exp | CLAIM_NOT_NUMERIC  | exp is not a JSON number.",
      "{\"iat\":null}                | iat | CLAIM_NOT_NUMERIC  | iat is not a JSON number.",
      "{\"iat\":1767225600.5}        | iat | TIME_CLAIM_INVALID | iat is not a whole number of seconds from 0 to 253402300799 (the end of year 9999).",
      "{\"exp\":253402300800}        | exp | TIME_CLAIM_INVALID | exp is not a whole number of seconds from 0 to 253402300799 (the end of year 9999).",
      "{\"exp\":1e400}               | claims | VALUE_NOT_JSON | claims has a number at line 1, column 13 that JavaScript and Python consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
      "{\"iat\":1767225601}          | iat | NOT_YET_VALID      | iat is 1 seconds after now: the token is not valid yet.",
      "{\"nbf\":-1}                  | nbf | TIME_CLAIM_INVALID | nbf is not a whole number of seconds from 0 to 253402300799 (the end of year 9999).",
      "{\"exp\":1767225540}          | exp | EXPIRED            | exp is 60 seconds before now: the token has expired.",
      "{\"exp\":1767225600}          | exp | EXPIRED            | exp is 0 seconds before now: the token has expired.",
      "{\"nbf\":1767225630}          | nbf | NOT_YET_VALID      | nbf is 30 seconds after now: the token is not valid yet.",
  })
  void checksTimeClaimsWhenThePayloadCarriesThem(String payload, String field, Rule rule, String message) {
    String token = raw(payload);
    Verdict v = verifier.verify(token);
    assertThat(v.violations()).singleElement().satisfies(x -> {
      assertThat(x.field()).isEqualTo(field);
      assertThat(x.rule()).isEqualTo(rule);
      assertThat(x.message()).isEqualTo(message);
    });
  }

  @Test
  void acceptsWholeSecondTimeClaimsAndAnExpInTheFuture() {
    String token = raw("{\"iat\":1767225600.0,\"nbf\":1767225600,\"exp\":1767225601}");
    assertThat(verifier.verify(token).accepted()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(token).violations()).extracting(Violation::rule).containsExactly(Rule.EXPIRED);
  }

  @Test
  void acceptsTimeClaimsAtBothEndsOfTheRange() {
    String token = raw("{\"iat\":0,\"nbf\":0,\"exp\":253402300799}");
    assertThat(verifier.verify(token).accepted()).isTrue();
  }

  @Test
  void readsAWholeNumberWrittenAsAFractionAsThatSecond() {
    String token = raw("{\"exp\":" + (now + 1) + ".0}");
    assertThat(verifier.verify(token).accepted()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(token).violations()).extracting(Violation::message)
        .containsExactly("exp is 0 seconds before now: the token has expired.");
  }

  /** {@code payload} signed exactly as given under kid key_1, for payloads no builder would sign. */
  private static String raw(String payload) {
    return JoseSigner.prepare(KEY_1.signingKey(), JwsAlgorithm.RS256, "key_1").sign(payload);
  }

  @Test
  void neverThrowsForGarbage() {
    for (String token : new String[] {null, "", "a.b", "not a token at all", "{\"payload\":\"x\"}"}) {
      Verdict v = verifier.verify(token);
      assertThat(v.accepted()).isFalse();
      assertThat(v.violations()).extracting(Violation::rule).first().isEqualTo(Rule.TOKEN_MALFORMED);
    }
  }

  @Test
  void refusesANullPolicyOrClock() {
    assertThatThrownBy(() -> SignedPayloadVerifier.create(null)).hasMessage(
        "policy is null. Fix: pass AptoPolicy.defaults() or one built with AptoPolicy.builder().");
    assertThatThrownBy(() -> verifier.clock(null)).hasMessage(
        "clock is null. Fix: pass an InstantSource such as TestClock.create().");
  }

  private String sign(KeySource keys, String kid) {
    SignedPayloadBuilder b = SignedPayloadBuilder.create(keys).clock(clock).payload("{\"a\":1}");
    return (kid == null ? b : b.keyId(kid)).sign();
  }

  @Test
  void toStringNamesThePolicy() {
    assertThat(SignedPayloadVerifier.create()).hasToString("SignedPayloadVerifier[" + AptoPolicy.defaults() + "]");
  }
}
