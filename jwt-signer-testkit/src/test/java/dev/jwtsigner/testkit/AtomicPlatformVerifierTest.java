package dev.jwtsigner.testkit;

import static dev.jwtsigner.testkit.CoreTestKeys.keySource;
import static dev.jwtsigner.testkit.CoreTestKeys.publicKey;
import static dev.jwtsigner.testkit.CoreTestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicPlatformVerifierTest {

  private static final long NOW = TestClock.DEFAULT_START.getEpochSecond();
  private static final long DAY = 86_400;

  private final TestClock clock = TestClock.create();
  private final AtomicPlatformVerifier rsa = AtomicPlatformVerifier.create(AtomicPolicy.defaults())
      .trust(publicKey("rsa2048")).clock(clock);

  // ------------------------------------------------------------ accepted

  @ParameterizedTest
  @CsvSource({"rsa2048, RS256", "rsa2048, RS512", "p521, ES512"})
  void acceptsWhatTheBuilderSignsUnderTheSamePolicy(String key, JwsAlgorithm alg) {
    AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend").maxTokenExpiry(Duration.ofDays(2)).build();
    String token = AtomicTokenBuilder.create(keySource(key)).algorithm(alg).policy(policy).issuer("my-backend")
        .clock(clock).subject("u1").email("a@example.com").expiresIn(Duration.ofDays(2)).sign();

    Verdict v = AtomicPlatformVerifier.create(policy).trust(publicKey(key)).clock(clock).verify(token);

    assertThat(v.violations()).isEmpty();
    assertThat(v.accepted()).isTrue();
    assertThat(v.userId()).contains("u1");
    assertThat(v.header()).containsEntry("alg", alg.name()).containsEntry("typ", "JWT");
    assertThat(v.claims()).containsEntry("sub", "u1").containsEntry("iat", NOW).containsEntry("exp", NOW + 2 * DAY)
        .containsEntry("iss", "my-backend").containsEntry("email", "a@example.com");
  }

  @Test
  void acceptsAFractionalExpiry() {
    String token = sign("rsa2048", JwsAlgorithm.RS256, "{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + ".5}");
    assertThat(rsa.verify(token).accepted()).isTrue();
  }

  // ------------------------------------------------------------ signature and header (the strict decoder)

  @Test
  void rejectsATokenSignedByAnotherKey() {
    String token = AtomicTokenBuilder.create(keySource("rsa4096")).clock(clock).subject("u1").sign();
    assertThat(rsa.verify(token).violations()).containsExactly(Violation.of("signature", Rule.SIGNATURE_INVALID,
        "the RS256 signature does not verify with the trusted key (RSA 2048 bits).",
        "sign with the private key that belongs to the trusted public key, and send the token unchanged."));
  }

  @Test
  void rejectsAnAlgorithmOutsideTheWhitelist() {
    String header = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String claims = base64("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + "}");
    Verdict v = rsa.verify(header + "." + claims + "." + base64("not a signature"));
    assertThat(v.violations()).containsExactly(Violation.of("header.alg", Rule.ALGORITHM_NOT_ALLOWED,
        "header.alg is HS256; only RS256, RS512 or ES512 are allowed, so the token is refused without checking its"
            + " signature.",
        "sign with RS256, RS512 or ES512; the platform accepts no other algorithm."));
    assertThat(v.userId()).contains("u1");
  }

  @Test
  void trustingNoKeyRejectsEveryToken() {
    String token = AtomicTokenBuilder.create(keySource("rsa2048")).clock(clock).subject("u1").sign();
    assertThat(AtomicPlatformVerifier.create(AtomicPolicy.defaults()).clock(clock).verify(token).violations())
        .extracting(Violation::rule).containsExactly(Rule.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "garbage", "a.b.c", "..", "{\"alg\":\"none\"}", "eyJ.eyJ.x"})
  void neverThrowsForGarbage(String token) {
    Verdict v = rsa.verify(token);
    assertThat(v.accepted()).isFalse();
    assertThat(v.violations()).isNotEmpty();
    assertThat(v.userId()).isEmpty();
  }

  // ------------------------------------------------------------ exp and iat

  @Test
  void rejectsAMissingExpiry() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + "}")).containsExactly(Violation.of("exp",
        Rule.CLAIM_MISSING, "exp is missing; the platform requires it.",
        "set exp to a JSON number of seconds since the epoch: the token's expiry, such as"
            + " expiresIn(Duration.ofHours(1))."));
  }

  @Test
  void rejectsAnExpiryWrittenAsAString() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":\"" + (NOW + 3600) + "\"}"))
        .containsExactly(Violation.of("exp", Rule.CLAIM_NOT_NUMERIC,
            "exp is a JSON string; the platform requires a JSON number of seconds since the epoch.",
            "write exp as a number, not in quotes, as jsonwebtoken and AtomicTokenBuilder do."));
  }

  @ParameterizedTest
  @CsvSource({"null, JSON null", "true, a JSON boolean", "{}, a JSON object", "[1], a JSON array"})
  void namesTheJsonTypeOfANonNumericIssuedAt(String json, String type) {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + json + ",\"exp\":" + (NOW + 3600) + "}"))
        .containsExactly(Violation.of("iat", Rule.CLAIM_NOT_NUMERIC,
            "iat is " + type + "; the platform requires a JSON number of seconds since the epoch.",
            "write iat as a number, not in quotes, as jsonwebtoken and AtomicTokenBuilder do."));
  }

  @Test
  void rejectsAMissingIssuedAt() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"exp\":" + (NOW + 3600) + "}")).containsExactly(Violation.of("iat",
        Rule.CLAIM_MISSING, "iat is missing; the platform requires it.",
        "set iat to a JSON number of seconds since the epoch: the time it was issued (jsonwebtoken and"
            + " AtomicTokenBuilder add it)."));
  }

  @Test
  void rejectsATokenExpiredNow() {
    String token = AtomicTokenBuilder.create(keySource("rsa2048")).clock(clock).subject("u1")
        .expiresIn(Duration.ofHours(1)).sign();
    clock.advance(Duration.ofHours(1));
    assertThat(rsa.verify(token).violations()).containsExactly(Violation.of("exp", Rule.EXPIRED,
        "the token expired 0 s ago (allowed clock skew: 0 s).",
        "mint a new token for each SDK request, or cache it only while it is fresh (AtomicTokenCache)."));
    clock.advance(Duration.ofSeconds(-1));
    assertThat(rsa.verify(token).accepted()).isTrue();
  }

  @Test
  void toleratesTheConfiguredClockSkewAndNoMore() {
    String token = AtomicTokenBuilder.create(keySource("rsa2048")).clock(clock).subject("u1")
        .expiresIn(Duration.ofHours(1)).sign();
    clock.advance(Duration.ofHours(1).plusSeconds(29));
    AtomicPlatformVerifier lenient = rsa.clockSkew(Duration.ofSeconds(30));
    assertThat(lenient.verify(token).accepted()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(lenient.verify(token).violations()).containsExactly(Violation.of("exp", Rule.EXPIRED,
        "the token expired 30 s ago (allowed clock skew: 30 s).",
        "mint a new token for each SDK request, or cache it only while it is fresh (AtomicTokenCache)."));
  }

  @Test
  void rejectsALifetimeBeyondThePolicyMaximum() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 7 * DAY + 1) + "}"))
        .containsExactly(Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
            "exp − iat is 604801 s; the policy allows at most 604800 s (7 days).",
            "shorten expiresIn(...) to 604800 s (7 days) or less, or raise the API key's max token expiry together"
                + " with AtomicPolicy.maxTokenExpiry."));
  }

  @Test
  void acceptsALifetimeEqualToThePolicyMaximum() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 7 * DAY) + "}")).isEmpty();
  }

  @Test
  void toleratesTheClockSkewOnAnExpiryAheadOfNow() {
    long iat = NOW + 30; // a signer whose clock runs 30 s ahead
    String claims = "{\"sub\":\"u1\",\"iat\":" + iat + ",\"exp\":" + (iat + 7 * DAY) + "}";
    String token = CoreTestKeys.sign("rsa2048", JwsAlgorithm.RS256, claims);
    assertThat(rsa.clockSkew(Duration.ofSeconds(30)).verify(token).accepted()).isTrue();
    assertThat(rsa.clockSkew(Duration.ofSeconds(29)).verify(token).violations()).extracting(Violation::rule)
        .containsExactly(Rule.EXPIRY_BEYOND_MAXIMUM);
  }

  @Test
  void namesWholeDaysAndHoursAndKeepsFractions() {
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(DAY)).isEqualTo("86400 s (1 day)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(2 * DAY)).isEqualTo("172800 s (2 days)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(3_600)).isEqualTo("3600 s (1 h)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(7_200)).isEqualTo("7200 s (2 h)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(3_599)).isEqualTo("3599 s");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(0.25)).isEqualTo("0.25 s");
  }

  @Test
  void rejectsAnExpiryFurtherAheadOfNowThanTheMaximum() {
    long iat = NOW + DAY; // a signer whose clock runs a day ahead
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + iat + ",\"exp\":" + (iat + 7 * DAY) + "}"))
        .containsExactly(Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
            "exp lies 691200 s (8 days) after now; the policy allows at most 604800 s (7 days) (allowed clock skew:"
                + " 0 s).",
            "sign with iat set to the current time and a lifetime of 604800 s (7 days) or less; check the signer's"
                + " clock."));
  }

  // ------------------------------------------------------------ iss

  @Test
  void rejectsAnIssuerOutsideTheAllowedList() {
    AtomicPlatformVerifier strict = AtomicPlatformVerifier.create(AtomicPolicy.builder().allowedIssuers("a", "b").build())
        .trust(publicKey("rsa2048")).clock(clock);
    String base = "{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600);
    assertThat(strict.verify(sign("rsa2048", JwsAlgorithm.RS256, base + ",\"iss\":\"c\"}")).violations())
        .containsExactly(Violation.of("iss", Rule.ISSUER_NOT_ALLOWED,
            "iss is not one of the policy's allowed issuers; the API key accepts only 2 issuers.",
            "sign with iss set to one of: a, b (issuer(...))."));
    assertThat(strict.verify(sign("rsa2048", JwsAlgorithm.RS256, base + "}")).violations())
        .extracting(Violation::message).containsExactly("iss is missing; the API key accepts only 2 issuers.");
    assertThat(strict.verify(sign("rsa2048", JwsAlgorithm.RS256, base + ",\"iss\":7}")).violations())
        .extracting(Violation::message).containsExactly("iss is a JSON number, not a string; the API key accepts only 2 issuers.");
    assertThat(strict.verify(sign("rsa2048", JwsAlgorithm.RS256, base + ",\"iss\":\"b\"}")).accepted()).isTrue();
  }

  @Test
  void acceptsAnyIssuerWhenThePolicyListsNone() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + ",\"iss\":42}")).isEmpty();
  }

  // ------------------------------------------------------------ user ID

  static Stream<Arguments> userIds() {
    return Stream.of(
        Arguments.of("\"sub\":\"s\"", "s"),
        Arguments.of("\"sub\":\"s\",\"atomic_sub\":\"a\"", "a"),
        Arguments.of("\"id\":\"i\",\"atomic_id\":\"ai\"", "ai"),
        Arguments.of("\"id\":\"i\"", "i"));
  }

  @Test
  void refusesAUserIdClaimThatHoldsNoUserIdEvenBesideAUsableOne() {
    Verdict v = rsa.verify(sign("rsa2048", JwsAlgorithm.RS256,
        "{\"atomic_sub\":\" \",\"sub\":\"s\",\"id\":7,\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + "}"));
    assertThat(v.violations()).containsExactly(Violation.of("atomic_sub", Rule.USER_ID_MISSING,
        "a user-ID claim holds no user ID (atomic_sub is blank; id is a JSON number); every one of atomic_sub,"
            + " atomic_id, sub, id the token carries must hold a non-blank string.",
        "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID"
            + " (atomicSubject(userId)), and in no other user-ID claim."));
    assertThat(v.userId()).contains("s");
  }

  @Test
  void refusesALifetimeTheSdkWouldNotUse() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 60) + "}"))
        .extracting(Violation::rule).containsExactly(Rule.LIFETIME_BELOW_SDK_INTERVAL);
  }

  @Test
  void refusesAnExpiryNotAfterIssuedAt() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + (NOW + 10) + ",\"exp\":" + (NOW + 5) + "}"))
        .extracting(Violation::rule).containsExactly(Rule.EXPIRY_NOT_AFTER_ISSUED_AT);
  }

  @Test
  void refusesClaimNamesTheBuilderRefuses() {
    assertThat(verifyClaims("{\"sub\":\"u1\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + ",\" \":1}"))
        .containsExactly(Violation.of("claims", Rule.CLAIM_NAME_INVALID, "a claim name is blank.",
            "name each claim with non-blank, printable text."));
  }

  @ParameterizedTest
  @MethodSource("userIds")
  void resolvesTheUserIdInThePolicysOrder(String members, String userId) {
    Verdict v = rsa.verify(sign("rsa2048", JwsAlgorithm.RS256,
        "{" + members + ",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + "}"));
    assertThat(v.accepted()).isTrue();
    assertThat(v.userId()).contains(userId);
  }

  @Test
  void resolvesTheUserIdFromAConfiguredClaim() {
    AtomicPlatformVerifier custom = AtomicPlatformVerifier.create(AtomicPolicy.builder().userIdClaims("uid").build())
        .trust(publicKey("rsa2048")).clock(clock);
    Verdict v = custom.verify(sign("rsa2048", JwsAlgorithm.RS256,
        "{\"sub\":\"s\",\"uid\":\"u\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + "}"));
    assertThat(v.userId()).contains("u");
  }

  @Test
  void rejectsATokenWithoutAUsableUserId() {
    assertThat(verifyClaims("{\"sub\":\"\",\"id\":42,\"iat\":" + NOW + ",\"exp\":" + (NOW + 3600) + "}"))
        .containsExactly(Violation.of("sub", Rule.USER_ID_MISSING,
            "no user ID: none of atomic_sub, atomic_id, sub, id holds a non-blank string (sub is blank; id is a JSON"
                + " number).",
            "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID"
                + " (atomicSubject(userId)), and in no other user-ID claim."));
  }

  // ------------------------------------------------------------ all at once

  @Test
  void reportsEveryBrokenRuleAtOnce() {
    AtomicPlatformVerifier strict = AtomicPlatformVerifier.create(AtomicPolicy.builder().allowedIssuers("a").build())
        .trust(publicKey("rsa4096")).clock(clock);
    Verdict v = strict.verify(sign("rsa2048", JwsAlgorithm.RS512, "{\"iat\":\"x\",\"exp\":" + (NOW - 1) + "}"));
    assertThat(v.violations()).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("signature", Rule.SIGNATURE_INVALID),
        tuple("iat", Rule.CLAIM_NOT_NUMERIC),
        tuple("exp", Rule.EXPIRED),
        tuple("iss", Rule.ISSUER_NOT_ALLOWED),
        tuple("sub", Rule.USER_ID_MISSING));
    assertThat(v.toString()).startsWith("Verdict[rejected]\n  - signature [SIGNATURE_INVALID]: ");
  }

  @Test
  void skipsClaimRulesWhenTheClaimsAreNotOneJsonObject() {
    String token = sign("rsa2048", JwsAlgorithm.RS256, "[1,2]");
    assertThat(rsa.verify(token).violations()).extracting(Violation::rule).containsExactly(Rule.NOT_A_JSON_OBJECT);
  }

  // ------------------------------------------------------------ keys

  @Test
  void trustsAPkcs1PemAsSshKeygenPrintsIt() {
    String token = AtomicTokenBuilder.create(keySource("rsa2048").withKeyId("any-kid")).clock(clock).subject("u1").sign();
    AtomicPlatformVerifier pem = AtomicPlatformVerifier.create(AtomicPolicy.defaults())
        .trust(CoreTestKeys.text("rsa2048.pub.rsa.pem")).clock(clock);
    assertThat(pem.verify(token).accepted()).isTrue();
  }

  @Test
  void trustsEachKeyOfAJwksUnderItsKid() {
    String jwks = new JWKSet(List.of(
        new RSAKey.Builder((RSAPublicKey) publicKey("rsa4096")).keyID("old").build(),
        new RSAKey.Builder((RSAPublicKey) publicKey("rsa2048")).keyID("new").build())).toString();
    AtomicPlatformVerifier v = AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(jwks).clock(clock);
    AtomicTokenBuilder signer = AtomicTokenBuilder.create(keySource("rsa2048").withKeyId("new")).clock(clock).subject("u1");
    assertThat(v.verify(signer.sign()).accepted()).isTrue();
    String otherKid = AtomicTokenBuilder.create(keySource("rsa2048")).keyId("other").clock(clock).subject("u1").sign();
    assertThat(v.verify(otherKid).violations()).extracting(Violation::rule).containsExactly(Rule.KEY_ID_UNKNOWN);
  }

  @Test
  void honoursTheAlgAndUseOfEachJwkItTrusts() {
    String rs512Only = new JWKSet(new RSAKey.Builder((RSAPublicKey) publicKey("rsa2048")).keyID("new")
        .algorithm(com.nimbusds.jose.JWSAlgorithm.RS512).build()).toString();
    AtomicPlatformVerifier v = AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(rs512Only).clock(clock);
    AtomicTokenBuilder signer = AtomicTokenBuilder.create(keySource("rsa2048").withKeyId("new")).clock(clock).subject("u1");
    assertThat(v.verify(signer.algorithm(JwsAlgorithm.RS512).sign()).accepted()).isTrue();
    assertThat(v.verify(signer.algorithm(JwsAlgorithm.RS256).sign()).violations()).extracting(Violation::rule)
        .containsExactly(Rule.ALGORITHM_KEY_MISMATCH);
    String encryption = new JWKSet(new RSAKey.Builder((RSAPublicKey) publicKey("rsa2048")).keyID("enc")
        .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build()).toString();
    assertThatThrownBy(() -> AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(encryption))
        .isInstanceOf(JwtSignerException.class).hasMessageStartingWith("the JWK (kid enc) is marked use enc");
  }

  @Test
  void rejectsAKidNoTrustedKeyCarries() {
    AtomicPlatformVerifier v = AtomicPlatformVerifier.create(AtomicPolicy.defaults())
        .trust(Map.of("key-1", publicKey("rsa2048"))).clock(clock);
    String token = AtomicTokenBuilder.create(keySource("rsa2048").withKeyId("key-2")).clock(clock).subject("u1").sign();
    assertThat(v.verify(token).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("header.kid", Rule.KEY_ID_UNKNOWN));
  }

  @Test
  void everyMethodReturnsANewVerifier() {
    AtomicPlatformVerifier none = AtomicPlatformVerifier.create(AtomicPolicy.defaults()).clock(clock);
    AtomicPlatformVerifier one = none.trust(publicKey("rsa2048"));
    String token = AtomicTokenBuilder.create(keySource("rsa2048")).clock(clock).subject("u1").sign();
    assertThat(one).isNotSameAs(none);
    assertThat(one.verify(token).accepted()).isTrue();
    assertThat(none.verify(token).accepted()).isFalse();
    assertThat(one.toString()).startsWith("AtomicPlatformVerifier[1 key, clockSkew=PT0S, AtomicPolicy[");
  }

  static Stream<Arguments> invalidArguments() {
    AtomicPlatformVerifier v = AtomicPlatformVerifier.create(AtomicPolicy.defaults());
    return Stream.of(
        Arguments.of((Supplier<?>) () -> AtomicPlatformVerifier.create(null),
            "policy is null. Fix: pass the AtomicPolicy the builder signs under."),
        Arguments.of((Supplier<?>) () -> v.trust((PublicKey[]) null),
            "keys is null. Fix: pass the public keys that verify the tokens."),
        Arguments.of((Supplier<?>) () -> v.trust((PublicKey) null),
            "publicKey is null. Fix: pass the public key that verifies the tokens."),
        Arguments.of((Supplier<?>) () -> v.trust((Map<String, PublicKey>) null),
            "keys is null. Fix: pass a map from kid to public key."),
        Arguments.of((Supplier<?>) () -> v.trust((String) null),
            "publicKeyText is null. Fix: pass a PEM public key or a JWKS."),
        Arguments.of((Supplier<?>) () -> v.clock(null),
            "clock is null. Fix: pass an InstantSource, such as a TestClock."),
        Arguments.of((Supplier<?>) () -> v.clockSkew(null),
            "clockSkew is null. Fix: pass Duration.ZERO or a small positive duration."),
        Arguments.of((Supplier<?>) () -> v.clockSkew(Duration.ofSeconds(-1)),
            "clockSkew is negative. Fix: pass Duration.ZERO or a small positive duration."));
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void refusesInvalidArguments(Supplier<?> call, String message) {
    assertThatThrownBy(call::get)
        .isExactlyInstanceOf(JwtSignerException.class)
        .hasMessage(message)
        .extracting(t -> ((JwtSignerException) t).reason()).isEqualTo(Reason.INVALID_ARGUMENT);
  }

  // ------------------------------------------------------------ helpers

  private List<Violation> verifyClaims(String claimsJson) {
    return rsa.verify(sign("rsa2048", JwsAlgorithm.RS256, claimsJson)).violations();
  }

  private static String base64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
