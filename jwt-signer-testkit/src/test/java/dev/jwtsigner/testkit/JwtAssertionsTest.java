package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtAssertionsTest {

  private static final String CLAIMS = "{\"sub\":\"u1\",\"iat\":1767225600,\"exp\":1767229200,\"n\":3,\"price\":2.5,"
      + "\"tags\":[\"a\",1],\"addr\":{\"city\":\"Oslo\"}}";
  private static final String SHOWN = "\nheader: {\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"fake-rsa2048-1\"}"
      + "\nclaims: " + CLAIMS;
  private static final String TOKEN = sign(FakeKeys.rsa2048(), JwsAlgorithm.RS256, CLAIMS);

  private static String sign(FakeKeyPair key, JwsAlgorithm alg, String claims) {
    return JoseSigner.prepare(key.keySource().signingKey(), alg).sign(claims);
  }

  /** A verifier that checks the signature only, with the strict decoder, as the platform verifiers do first. */
  private static TokenVerifier trusting(FakeKeyPair key) {
    JwsDecoder decoder = JwsDecoder.create(EnumSet.allOf(JwsAlgorithm.class), StrictJson.create(10_000, 10));
    return token -> {
      DecodedJws jws = decoder.decode(token, List.of(TrustedKey.of(null, key.publicKey())));
      return Verdict.of(jws.violations(), jws, null);
    };
  }

  @Test
  void passesWhenEveryAssertionHolds() {
    assertThatCode(() -> JwtAssertions.assertThat(TOKEN)
        .isSignedWith(JwsAlgorithm.RS256)
        .hasSubject("u1")
        .hasKeyId("fake-rsa2048-1")
        .hasClaim("n", 3)
        .hasClaim("n", 3L)
        .hasClaim("n", 3.0)
        .hasClaim("price", 2.5f)
        .hasClaim("tags", List.of("a", 1))
        .hasClaim("addr", Map.of("city", "Oslo"))
        .expiresWithin(Duration.ofHours(1))
        .isAcceptedBy(trusting(FakeKeys.rsa2048()))
        .expiresWithin(Duration.ofHours(1))
        .hasSubject("u1")).doesNotThrowAnyException();
  }

  @Test
  void isSignedWithFailsShowingTheHeaderAndClaims() {
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).isSignedWith(JwsAlgorithm.RS512))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting the token to be signed with RS512 but its alg is \"RS256\"." + SHOWN);
  }

  @Test
  void hasSubjectFailsWithTheActualSubject() {
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasSubject("u2"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting claim \"sub\" to be \"u2\" but it is \"u1\"." + SHOWN);
  }

  @Test
  void hasClaimComparesNumbersByValueAndFailsOnAnother() {
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasClaim("n", 4))
        .hasMessage("Expecting claim \"n\" to be 4 but it is 3." + SHOWN);
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasClaim("n", "3"))
        .hasMessageStartingWith("Expecting claim \"n\" to be \"3\" but it is 3.");
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasClaim("tags", List.of("a", 1, 2)))
        .hasMessageStartingWith("Expecting claim \"tags\" to be [a, 1, 2] but it is [a, 1].");
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasClaim("tags", List.of("a", 2)))
        .hasMessageStartingWith("Expecting claim \"tags\" to be [a, 2] but it is [a, 1].");
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasClaim("addr", Map.of("city", "Bergen")))
        .hasMessageStartingWith("Expecting claim \"addr\" to be {city=Bergen} but it is {city=Oslo}.");
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasClaim("email", "ada@example.com"))
        .hasMessage("Expecting claim \"email\" to be \"ada@example.com\" but the token has no claim \"email\"." + SHOWN);
  }

  @Test
  void hasKeyIdFailsWithTheActualKidOrItsAbsence() {
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).hasKeyId("key_2"))
        .hasMessage("Expecting the token's kid to be \"key_2\" but it is \"fake-rsa2048-1\"." + SHOWN);
    String noKid = JoseSigner.prepare(FakeKeys.p521().keySource().signingKey(), JwsAlgorithm.ES512, null).sign("{}");
    assertThatThrownBy(() -> JwtAssertions.assertThat(noKid).hasKeyId("key_2"))
        .hasMessage("Expecting the token's kid to be \"key_2\" but it is absent.\nheader: {\"alg\":\"ES512\",\"typ\":\"JWT\"}"
            + "\nclaims: {}");
  }

  @Test
  void expiresWithinFailsWithTheActualLifetime() {
    assertThatThrownBy(() -> JwtAssertions.assertThat(TOKEN).expiresWithin(Duration.ofMinutes(59)))
        .hasMessage("Expecting the token to expire within PT59M of its iat but exp - iat is 3600 seconds." + SHOWN);
    String noExp = sign(FakeKeys.rsa2048(), JwsAlgorithm.RS256, "{\"iat\":1767225600}");
    assertThatThrownBy(() -> JwtAssertions.assertThat(noExp).expiresWithin(Duration.ofHours(1)))
        .hasMessageStartingWith("Expecting numeric exp and iat claims but exp is missing.");
    String stringExp = sign(FakeKeys.rsa2048(), JwsAlgorithm.RS256, "{\"iat\":1767225600,\"exp\":\"1767229200\"}");
    assertThatThrownBy(() -> JwtAssertions.assertThat(stringExp).expiresWithin(Duration.ofHours(1)))
        .hasMessageStartingWith("Expecting numeric exp and iat claims but exp is not a number.");
  }

  @Test
  void isAcceptedByFailsListingTheViolatedRules() {
    String other = sign(FakeKeys.rsa2048(2), JwsAlgorithm.RS256, CLAIMS);
    assertThatThrownBy(() -> JwtAssertions.assertThat(other).isAcceptedBy(trusting(FakeKeys.rsa2048())))
        .hasMessage("Expecting the token to be accepted but the verifier rejected it:"
            + "\n  - signature [SIGNATURE_INVALID]: the RS256 signature does not verify with the trusted key (RSA 2048 bits)."
            + " Fix: sign with the private key that belongs to the trusted public key, and send the token unchanged."
            + SHOWN.replace("fake-rsa2048-1", "fake-rsa2048-2"));
  }

  @Test
  void failsOnATokenItCannotDecode() {
    assertThatThrownBy(() -> JwtAssertions.assertThat("not-a-token").hasSubject("u1"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting a compact JWT with a JSON header and claims but:"
            + "\n  - token [TOKEN_MALFORMED]: token has 1 part separated by '.'; a compact JWS has exactly 3."
            + " Fix: send the compact JWS exactly as signed: three base64url parts joined by dots (header.payload.signature).");
    assertThatThrownBy(() -> JwtAssertions.assertThat((String) null).hasSubject("u1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void neverShowsKeysEmbeddedInTheHeader() {
    String header = "{\"alg\":\"RS256\",\"jwk\":" + FakeKeys.rsa2048().jwk() + ",\"x5c\":[\"MIIB\"]}";
    String token = b64(header) + "." + b64("{\"sub\":\"u1\"}") + "." + b64("sig");
    assertThatThrownBy(() -> JwtAssertions.assertThat(token).hasSubject("u2"))
        .hasMessage("Expecting claim \"sub\" to be \"u2\" but it is \"u1\"."
            + "\nheader: {\"alg\":\"RS256\",\"jwk\":\"(not shown)\",\"x5c\":\"(not shown)\"}\nclaims: {\"sub\":\"u1\"}");
  }

  @Test
  void comparesJsonValuesSensibly() {
    assertThat(JwtAssertions.jsonEquals(3L, 3)).isTrue();
    assertThat(JwtAssertions.jsonEquals(3L, 3.0)).isTrue();
    assertThat(JwtAssertions.jsonEquals(new java.math.BigInteger("3"), (short) 3)).isTrue();
    assertThat(JwtAssertions.jsonEquals(0.1, 0.1f)).isTrue();
    assertThat(JwtAssertions.jsonEquals(3L, 3.5)).isFalse();
    assertThat(JwtAssertions.jsonEquals(Double.NaN, Double.NaN)).isTrue();
    assertThat(JwtAssertions.jsonEquals(Map.of("a", List.of(1L)), Map.of("a", List.of(1)))).isTrue();
    assertThat(JwtAssertions.jsonEquals(Map.of("a", 1L), Map.of("b", 1L))).isFalse();
    assertThat(JwtAssertions.jsonEquals(List.of(1L), List.of(1L, 2L))).isFalse();
    assertThat(JwtAssertions.jsonEquals(null, null)).isTrue();
    assertThat(JwtAssertions.jsonEquals("3", 3)).isFalse();
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
