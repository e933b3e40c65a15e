package dev.jwtsigner.atomic;

import static dev.jwtsigner.atomic.SignedTokens.P521;
import static dev.jwtsigner.atomic.SignedTokens.RSA;
import static dev.jwtsigner.atomic.SignedTokens.claimsJson;
import static dev.jwtsigner.atomic.SignedTokens.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JWSObject;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import dev.jwtsigner.internal.JoseSigner;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicTokenBuilderTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.750Z");
  private static final long IAT = NOW.getEpochSecond();
  private static final long DAY = 86_400;

  private final SettableInstantSource clock = new SettableInstantSource(NOW);
  private final AtomicTokenBuilder rsa = AtomicTokenBuilder.create(RSA).clock(clock);

  // ------------------------------------------------------------ shape

  @Test
  void namesWholeDaysAndHoursInMessages() {
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(DAY)).isEqualTo("86400 s (1 day)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(2 * DAY)).isEqualTo("172800 s (2 days)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(3_600)).isEqualTo("3600 s (1 h)");
    assertThat(dev.jwtsigner.internal.rules.Seconds.of(3_599)).isEqualTo("3599 s");
  }

  @Test
  void signsTheShapeOfTheVendorGuidesNodeExample() {
    String token = rsa.algorithm(JwsAlgorithm.RS512).subject("1234567890").expiresIn(Duration.ofDays(3)).sign();

    JWSObject jws = verified(token, "rsa2048");
    assertThat(jws.getHeader().toJSONObject()).containsOnly(Map.entry("alg", "RS512"), Map.entry("typ", "JWT"));
    assertThat(jws.getPayload().toString())
        .isEqualTo("{\"sub\":\"1234567890\",\"iat\":" + IAT + ",\"exp\":" + (IAT + 3 * DAY) + "}");
  }

  @Test
  void defaultsToRs256ForAnRsaKey() {
    String token = rsa.subject("u1").sign();
    assertThat(verified(token, "rsa2048").getHeader().getAlgorithm().getName()).isEqualTo("RS256");
  }

  @Test
  void defaultsToEs512ForAP521Key() {
    String token = AtomicTokenBuilder.create(P521).clock(clock).subject("u1").sign();
    JWSObject jws = verified(token, "p521");
    assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES512");
    assertThat(jws.getSignature().decode()).hasSize(132);
  }

  @Test
  void takesIatFromTheClockRoundedDownToWholeSeconds() {
    clock.advance(Duration.ofMillis(249)); // .999
    assertThat(claimsJson(rsa.subject("u1").expiresIn(Duration.ofHours(2)).sign(), "rsa2048"))
        .isEqualTo("{\"sub\":\"u1\",\"iat\":" + IAT + ",\"exp\":" + (IAT + 7200) + "}");
  }

  @Test
  void defaultLifetimeIsOneDay() {
    assertThat(claimsJson(rsa.subject("u1").sign(), "rsa2048")).endsWith("\"exp\":" + (IAT + DAY) + "}");
  }

  @Test
  void defaultLifetimeIsCappedAtThePolicyMaximum() {
    AtomicPolicy twelveHours = AtomicPolicy.builder().maxTokenExpiry(Duration.ofHours(12)).build();
    assertThat(claimsJson(rsa.policy(twelveHours).subject("u1").sign(), "rsa2048"))
        .endsWith("\"exp\":" + (IAT + 12 * 3600) + "}");
  }

  @Test
  void expiresAtWritesWholeEpochSecondsRoundedDown() {
    Instant at = NOW.plus(Duration.ofHours(5)).plusMillis(100);
    assertThat(claimsJson(rsa.subject("u1").expiresAt(at).sign(), "rsa2048"))
        .endsWith("\"exp\":" + at.getEpochSecond() + "}");
  }

  @Test
  void writesAtomicSubNextToSubWhenSubCarriesAnotherId() {
    String json = claimsJson(rsa.subject("crm-42").atomicSubject("u1").sign(), "rsa2048");
    assertThat(json).startsWith("{\"sub\":\"crm-42\",\"atomic_sub\":\"u1\",\"iat\":");
  }

  @Test
  void writesOnlyAtomicSubWhenNoSubIsGiven() {
    assertThat(claimsJson(rsa.atomicSubject("u1").sign(), "rsa2048")).startsWith("{\"atomic_sub\":\"u1\",\"iat\":");
  }

  @Test
  void writesClaimsInTheDocumentedOrder() {
    String token = rsa.issuer("my-backend")
        .claim("plan", "gold")
        .customField("Loyalty Tier", "silver")
        .email("a@example.com")
        .externalId("ext-1")
        .subject("u1")
        .expiresIn(Duration.ofHours(1))
        .sign();
    assertThat(claimsJson(token, "rsa2048")).isEqualTo("{\"sub\":\"u1\",\"iat\":" + IAT + ",\"exp\":" + (IAT + 3600)
        + ",\"iss\":\"my-backend\",\"email\":\"a@example.com\",\"external_id\":\"ext-1\","
        + "\"Loyalty Tier\":\"silver\",\"plan\":\"gold\"}");
  }

  @Test
  void writesEveryProfileFieldUnderItsDefaultName() {
    String json = claimsJson(rsa.subject("u1").externalId("e").name("n").email("m").phone("p").city("c")
        .country("DE").region("r").sign(), "rsa2048");
    assertThat(json).endsWith("\"external_id\":\"e\",\"name\":\"n\",\"email\":\"m\",\"phone\":\"p\",\"city\":\"c\","
        + "\"country\":\"DE\",\"region\":\"r\"}");
  }

  @Test
  void writesProfileAndCustomFieldsUnderThePolicysClaimMapping() {
    AtomicPolicy mapped = AtomicPolicy.builder()
        .mapClaim(AtomicPolicy.EMAIL, "user_email")
        .mapClaim("Birthday", "dob")
        .build();
    String json = claimsJson(rsa.policy(mapped).subject("u1").email("a@example.com")
        .customField("Birthday", LocalDate.of(1990, 1, 31)).sign(), "rsa2048");
    assertThat(json).endsWith("\"user_email\":\"a@example.com\",\"dob\":\"1990-01-31\"}");
  }

  @Test
  void appliesTheMappingOfThePolicySetLast() {
    AtomicPolicy mapped = AtomicPolicy.builder().mapClaim(AtomicPolicy.PHONE, "mobile").build();
    String json = claimsJson(rsa.subject("u1").phone("+1").policy(mapped).sign(), "rsa2048");
    assertThat(json).endsWith("\"mobile\":\"+1\"}");
  }

  @Test
  void aNullFieldValueRemovesTheClaim() {
    AtomicTokenBuilder full = rsa.subject("u1").email("a@example.com").customField("tier", "gold").claim("plan", "x");
    String json = claimsJson(full.email(null).customField("tier", (String) null).claim("plan", null).sign(), "rsa2048");
    assertThat(json).isEqualTo("{\"sub\":\"u1\",\"iat\":" + IAT + ",\"exp\":" + (IAT + DAY) + "}");
  }

  @Test
  void aLaterSubjectReplacesTheEarlierOne() {
    String json = claimsJson(rsa.subject("u0").subject("u1").sign(), "rsa2048");
    assertThat(json).startsWith("{\"sub\":\"u1\",");
  }

  @Test
  void rejectsTheSameClaimSetTwiceThroughClaim() {
    assertViolation(rsa.subject("u1").claim("plan", "a").claim("plan", "b"), Violation.of("plan",
        Rule.CLAIM_NAME_INVALID, "plan is written twice: by claim(...) and by claim(...).",
        "set each claim once; rename one of them, or change the policy's claim mapping."));
  }

  @Test
  void acceptsAClaimSetAgainAfterItWasRemoved() {
    String json = claimsJson(rsa.subject("u1").claim("plan", "a").claim("plan", null).claim("plan", "b").sign(), "rsa2048");
    assertThat(json).endsWith("\"plan\":\"b\"}");
  }

  static Stream<Arguments> jsonValues() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("a", List.of(1, "two", true));
    nested.put("b", null);
    return Stream.of(
        Arguments.of("text", "\"text\""),
        Arguments.of("quote \" and \\ and \n", "\"quote \\\" and \\\\ and \\n\""),
        Arguments.of("ünïcödé 😀", "\"ünïcödé 😀\""),
        Arguments.of(true, "true"),
        Arguments.of((byte) 7, "7"),
        Arguments.of((short) -7, "-7"),
        Arguments.of(42, "42"),
        Arguments.of(9_007_199_254_740_991L, "9007199254740991"),
        Arguments.of(1.5d, "1.5"),
        Arguments.of(2.5f, "2.5"),
        Arguments.of(1e-7, "1.0E-7"),
        Arguments.of(new BigInteger("-9007199254740991"), "-9007199254740991"),
        Arguments.of(new BigDecimal("1E+3"), "1E+3"),
        Arguments.of(new BigDecimal("0.10"), "0.10"),
        Arguments.of(Instant.parse("2026-01-02T03:04:05.999Z"), String.valueOf(Instant.parse("2026-01-02T03:04:05Z").getEpochSecond())),
        Arguments.of(LocalDate.of(2026, 2, 28), "\"2026-02-28\""),
        Arguments.of(List.of(), "[]"),
        Arguments.of(nested, "{\"a\":[1,\"two\",true],\"b\":null}"));
  }

  @ParameterizedTest
  @MethodSource("jsonValues")
  void writesAllowedClaimValuesAsJson(Object value, String json) {
    assertThat(claimsJson(rsa.subject("u1").claim("x", value).sign(), "rsa2048")).endsWith(",\"x\":" + json + "}");
  }

  @Test
  void copiesListValuesWhenTheyAreSet() {
    List<Object> roles = new ArrayList<>(List.of("reader"));
    AtomicTokenBuilder withRoles = rsa.subject("u1").claim("roles", roles);
    roles.add("admin");
    assertThat(claimsJson(withRoles.sign(), "rsa2048")).endsWith("\"roles\":[\"reader\"]}");
  }

  @Test
  void writesTheKeysKidOrTheConfiguredOne() {
    KeySource withKid = RSA.withKeyId("key-2");
    assertThat(verified(AtomicTokenBuilder.create(withKid).subject("u1").sign(), "rsa2048").getHeader().getKeyID())
        .isEqualTo("key-2");
    assertThat(verified(rsa.keyId("key-9").subject("u1").sign(), "rsa2048").getHeader().getKeyID()).isEqualTo("key-9");
  }

  // ------------------------------------------------------------ rules

  @Test
  void rejectsATokenWithoutUserId() {
    assertViolation(rsa, Violation.of("sub", Rule.USER_ID_MISSING,
        "no user ID: none of atomic_sub, atomic_id, sub, id holds a non-blank string.",
        "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID (atomicSubject(userId)), and in no other user-ID claim."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void rejectsABlankSubject(String blank) {
    assertViolation(rsa.subject(blank), Violation.of("sub", Rule.USER_ID_MISSING,
        "no user ID: none of atomic_sub, atomic_id, sub, id holds a non-blank string (sub is blank).",
        "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID (atomicSubject(userId)), and in no other user-ID claim."));
  }

  @Test
  void rejectsANullSubjectAtSigningNotWithANullPointerException() {
    assertViolation(rsa.subject(null), Violation.of("sub", Rule.USER_ID_MISSING,
        "no user ID: none of atomic_sub, atomic_id, sub, id holds a non-blank string (sub is JSON null).",
        "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID (atomicSubject(userId)), and in no other user-ID claim."));
  }

  @Test
  void rejectsABlankAtomicSubjectEvenWhenSubIsSet() {
    assertViolation(rsa.subject("crm-42").atomicSubject(" "), Violation.of("atomic_sub", Rule.USER_ID_MISSING,
        "a user-ID claim holds no user ID (atomic_sub is blank); every one of atomic_sub, atomic_id, sub, id the"
            + " token carries must hold a non-blank string.",
        "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID (atomicSubject(userId)), and in no other user-ID claim."));
  }

  @Test
  void rejectsAUserIdThePolicyDoesNotRead() {
    AtomicPolicy onlyAtomicSub = AtomicPolicy.builder().userIdClaims("atomic_sub", "uid").build();
    assertViolation(rsa.policy(onlyAtomicSub).subject("u1"), Violation.of("atomic_sub", Rule.USER_ID_MISSING,
        "no user ID: none of atomic_sub, uid holds a non-blank string; sub holds one, but the policy does not read it.",
        "write the user ID where the API key reads it, or add sub to AtomicPolicy.userIdClaims."));
    assertThat(claimsJson(rsa.policy(onlyAtomicSub).atomicSubject("u1").sign(), "rsa2048")).startsWith("{\"atomic_sub\":\"u1\"");
  }

  @Test
  void reportsABlankSubjectOnceWhenThePolicyDoesNotReadSub() {
    AtomicPolicy onlyAtomicSub = AtomicPolicy.builder().userIdClaims("atomic_sub", "uid").build();
    assertViolation(rsa.policy(onlyAtomicSub).subject(" "), Violation.of("atomic_sub", Rule.USER_ID_MISSING,
        "no user ID: none of atomic_sub, uid holds a non-blank string.",
        "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries another ID (atomicSubject(userId)), and in no other user-ID claim."));
  }

  @Test
  void rejectsAUserIdWithALoneSurrogate() {
    assertViolation(rsa.subject("u\ud800"), Violation.of("sub", Rule.INVALID_UNICODE,
        "sub contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
        "pass the user ID as well-formed Unicode text."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS256", "none", "PS256", "rs256"})
  void rejectsAnAlgorithmOutsideTheWhitelist(String name) {
    assertViolation(rsa.subject("u1").algorithm(name), Violation.of("header.alg", Rule.ALGORITHM_NOT_ALLOWED,
        "the algorithm " + name + " is not one the platform accepts (RS256, RS512, ES512).",
        "use RS256 or RS512 with an RSA key, or ES512 with a P-521 key."));
  }

  @Test
  void acceptsAnAlgorithmNamedInConfiguration() {
    String token = rsa.algorithm("RS512").subject("u1").sign();
    assertThat(verified(token, "rsa2048").getHeader().getAlgorithm().getName()).isEqualTo("RS512");
  }

  @Test
  void rejectsEs512WithAnRsaKey() {
    assertViolation(rsa.subject("u1").algorithm(JwsAlgorithm.ES512), Violation.of("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
        "ES512 needs an EC P-521 key, but the key source gives an RSA key.",
        "sign this key with RS256 or RS512, or load a P-521 key for ES512."));
  }

  @Test
  void rejectsRs256WithAP521Key() {
    AtomicTokenBuilder ec = AtomicTokenBuilder.create(P521).clock(clock).subject("u1").algorithm(JwsAlgorithm.RS256);
    assertViolation(ec, Violation.of("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
        "RS256 needs an RSA key, but the key source gives an EC key.",
        "sign this key with ES512, or load an RSA key of 2048 bits or more for RS256."));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, -3600})
  void rejectsAnExpiryNotAfterIssuedAt(long seconds) {
    assertViolation(rsa.subject("u1").expiresIn(Duration.ofSeconds(seconds)), Violation.of("exp",
        Rule.EXPIRY_NOT_AFTER_ISSUED_AT,
        "exp is not after iat: exp − iat is " + seconds + " s; the token must live longer than the SDK's expiry"
            + " interval of 60 s.",
        "sign with exp after iat: expiresIn(...) a positive duration (the default is 1 day), or expiresAt(...) a"
            + " later instant."));
  }

  @Test
  void rejectsAnExpiryInThePast() {
    TokenRejectedException e = reject(rsa.subject("u1").expiresAt(NOW.minusSeconds(10)));
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(Rule.EXPIRY_NOT_AFTER_ISSUED_AT);
    assertThat(e.violations().get(0).message()).startsWith("exp is not after iat: exp − iat is -10 s;");
  }

  @Test
  void rejectsExpiryBeyondPolicyMaximum() {
    assertViolation(rsa.subject("u1").expiresIn(Duration.ofDays(30)), Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
        "exp − iat is 2592000 s (30 days); the policy allows at most 604800 s (7 days).",
        "shorten expiresIn(...) to 604800 s (7 days) or less, or raise the API key's max token expiry together"
            + " with AtomicPolicy.maxTokenExpiry."));
  }

  @Test
  void rejectsExpiryOneSecondBeyondACustomMaximum() {
    AtomicPolicy twoHours = AtomicPolicy.builder().maxTokenExpiry(Duration.ofHours(2)).build();
    assertViolation(rsa.policy(twoHours).subject("u1").expiresIn(Duration.ofSeconds(7201)),
        Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
            "exp − iat is 7201 s; the policy allows at most 7200 s (2 h).",
            "shorten expiresIn(...) to 7200 s (2 h) or less, or raise the API key's max token expiry together"
                + " with AtomicPolicy.maxTokenExpiry."));
  }

  @Test
  void rejectsAnOverflowingLifetimeAsBeyondTheMaximum() {
    TokenRejectedException e = reject(rsa.subject("u1").expiresIn(Duration.ofSeconds(Long.MAX_VALUE)));
    assertThat(e.violations()).extracting(Violation::rule)
        .containsExactly(Rule.VALUE_NOT_JSON, Rule.EXPIRY_BEYOND_MAXIMUM);
  }

  @Test
  void acceptsExpiryEqualToThePolicyMaximum() {
    String token = rsa.subject("u1").expiresAt(Instant.ofEpochSecond(IAT + 7 * DAY)).sign();
    assertThat(claimsJson(token, "rsa2048")).endsWith("\"exp\":" + (IAT + 7 * DAY) + "}");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 30, 60})
  void rejectsALifetimeNotLongerThanTheSdkExpiryInterval(long seconds) {
    assertViolation(rsa.subject("u1").expiresIn(Duration.ofSeconds(seconds)), Violation.of("exp",
        Rule.LIFETIME_BELOW_SDK_INTERVAL,
        "exp − iat is " + seconds + " s; the SDK asks for a new token 60 s before exp, so the token must live longer"
            + " than that.",
        "set expiresIn(...) above 60 s (the default is 1 day), or lower AtomicPolicy.sdkExpiryInterval to match the"
            + " SDK's setting."));
  }

  @Test
  void acceptsALifetimeOneSecondLongerThanTheSdkExpiryInterval() {
    assertThat(claimsJson(rsa.subject("u1").expiresIn(Duration.ofSeconds(61)).sign(), "rsa2048"))
        .endsWith("\"exp\":" + (IAT + 61) + "}");
  }

  @Test
  void rejectsAnIssuerOutsideTheAllowedList() {
    AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend", "my-other-backend").build();
    assertViolation(rsa.policy(policy).subject("u1").issuer("someone-else"), Violation.of("iss", Rule.ISSUER_NOT_ALLOWED,
        "iss is not one of the policy's allowed issuers; the API key accepts only 2 issuers.",
        "sign with iss set to one of: my-backend, my-other-backend (issuer(...))."));
  }

  @Test
  void rejectsAMissingIssuerWhenThePolicyListsIssuers() {
    AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend").build();
    assertViolation(rsa.policy(policy).subject("u1"), Violation.of("iss", Rule.ISSUER_NOT_ALLOWED,
        "iss is missing; the API key accepts only 1 issuer.", "sign with iss set to one of: my-backend (issuer(...))."));
  }

  @Test
  void acceptsAnIssuerOnTheAllowedList() {
    AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend", "my-other-backend").build();
    assertThat(claimsJson(rsa.policy(policy).subject("u1").issuer("my-other-backend").sign(), "rsa2048"))
        .endsWith("\"iss\":\"my-other-backend\"}");
  }

  @Test
  void acceptsAnyIssuerWhenThePolicyListsNone() {
    assertThat(claimsJson(rsa.subject("u1").issuer("anyone").sign(), "rsa2048")).endsWith("\"iss\":\"anyone\"}");
  }

  static Stream<Arguments> reservedClaims() {
    return Stream.of(
        Arguments.of("iss", "set the issuer with issuer(...)."),
        Arguments.of("sub", "set the user ID with subject(...)."),
        Arguments.of("atomic_sub", "set the user ID with atomicSubject(...)."),
        Arguments.of("exp", "set the expiry with expiresIn(...) or expiresAt(...)."),
        Arguments.of("iat", "leave iat to the builder, which takes it from its clock(...)."),
        Arguments.of("nbf", "leave nbf out; the platform does not use it and it could make a fresh token unusable."),
        Arguments.of("atomic_id", "the SDK reads the user ID from atomic_id; set it with subject(...) or atomicSubject(...)."),
        Arguments.of("id", "the SDK reads the user ID from id; set it with subject(...) or atomicSubject(...)."));
  }

  @ParameterizedTest
  @MethodSource("reservedClaims")
  void rejectsReservedClaimsSetThroughClaim(String name, String fix) {
    assertViolation(rsa.subject("u1").claim(name, "x"), Violation.of(name, Rule.RESERVED_CLAIM,
        name + " is reserved: claim(...) may not set it, so no extra claim can change whose token it is or how long it"
            + " lives.", fix));
  }

  @Test
  void rejectsAClaimNamedLikeAConfiguredUserIdClaim() {
    AtomicPolicy policy = AtomicPolicy.builder().userIdClaims("uid", "sub").build();
    TokenRejectedException e = reject(rsa.policy(policy).subject("u1").claim("uid", "other"));
    assertThat(e.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("uid", Rule.RESERVED_CLAIM));
  }

  @Test
  void rejectsACustomFieldNamedLikeAReservedClaim() {
    assertViolation(rsa.subject("u1").customField("sub", "x"), Violation.of("sub", Rule.RESERVED_CLAIM,
        "sub is reserved: customField(...) may not set it, so no extra claim can change whose token it is or how long"
            + " it lives.", "set the user ID with subject(...)."));
  }

  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of(null, "is null"),
        Arguments.of("", "is blank"),
        Arguments.of("  ", "is blank"),
        Arguments.of("a\u0000b", "contains a control character"),
        Arguments.of("x".repeat(257), "is longer than 256 characters"));
  }

  @Test
  void rejectsAClaimNameWithALoneSurrogateAsInvalidUnicode() {
    assertViolation(rsa.subject("u1").claim("a\udc00", "x"), Violation.of("claims", Rule.INVALID_UNICODE,
        "a claim name given to claim(...) contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
        "name each claim with well-formed Unicode text."));
  }

  @ParameterizedTest
  @MethodSource("invalidNames")
  void rejectsInvalidClaimNames(String name, String problem) {
    assertViolation(rsa.subject("u1").claim(name, "x"), Violation.of("claims", Rule.CLAIM_NAME_INVALID,
        "a claim name given to claim(...) " + problem + ".", "name each claim with non-blank, printable text."));
  }

  @Test
  void rejectsAClaimWrittenTwice() {
    assertViolation(rsa.subject("u1").email("a@example.com").claim("email", "b@example.com"),
        Violation.of("email", Rule.CLAIM_NAME_INVALID,
            "email is written twice: by the profile field email and by claim(...).",
            "set each claim once; rename one of them, or change the policy's claim mapping."));
  }

  @Test
  void rejectsACustomFieldMappedOntoAProfileClaim() {
    AtomicPolicy policy = AtomicPolicy.builder().mapClaim("Contact", "email").build();
    TokenRejectedException e = reject(rsa.policy(policy).subject("u1").email("a@example.com").customField("Contact", "c"));
    assertThat(e.violations().get(0).message()).isEqualTo("email is written twice: by the profile field email and by customField(...).");
  }

  static Stream<Arguments> notJson() {
    List<Object> selfContaining = new ArrayList<>();
    selfContaining.add(selfContaining);
    String nan = "is NaN or infinite, which JSON numbers cannot be.";
    String finite = "pass a finite number, or leave the member out.";
    String allowed = "pass a String, Boolean, whole or finite number, BigInteger, BigDecimal, Instant (written as epoch"
        + " seconds), LocalDate (written as ISO text), or a List or Map with String keys of those.";
    String portable = "is a number that JavaScript and Python consumers would not read as the same value (an integer"
        + " beyond ±(2^53 − 1), or beyond the double range).";
    String portableFix = "send large integers and exact decimals as strings, and only finite numbers.";
    String unicode = "contains a lone UTF-16 surrogate, which has no UTF-8 encoding.";
    return Stream.of(
        Arguments.of(Double.NaN, "x", Rule.VALUE_NOT_JSON, nan, finite),
        Arguments.of(Double.POSITIVE_INFINITY, "x", Rule.VALUE_NOT_JSON, nan, finite),
        Arguments.of(Float.NEGATIVE_INFINITY, "x", Rule.VALUE_NOT_JSON, nan, finite),
        Arguments.of(List.of(1, Double.NaN), "x[1]", Rule.VALUE_NOT_JSON, nan, finite),
        Arguments.of(Optional.of("x"), "x", Rule.VALUE_NOT_JSON, "is a java.util.Optional, which has no JSON form here.", allowed),
        Arguments.of('c', "x", Rule.VALUE_NOT_JSON, "is a java.lang.Character, which has no JSON form here.", allowed),
        Arguments.of(new int[] {1}, "x", Rule.VALUE_NOT_JSON, "is a [I, which has no JSON form here.", allowed),
        Arguments.of(Map.of(1, "x"), "x", Rule.VALUE_NOT_JSON, "has a member name that is a java.lang.Integer, not a String.",
            "use String keys: JSON member names are strings."),
        Arguments.of(selfContaining, "x[0]", Rule.VALUE_NOT_JSON, "refers back to a map or list that contains it (a cycle).",
            "pass a tree of maps and lists in which no container holds itself."),
        Arguments.of(Long.MAX_VALUE, "x", Rule.VALUE_NOT_JSON, portable, portableFix),
        Arguments.of(new BigInteger("9007199254740992"), "x", Rule.VALUE_NOT_JSON, portable, portableFix),
        Arguments.of("bad \ud800 text", "x", Rule.INVALID_UNICODE, unicode, "pass well-formed Unicode text."),
        Arguments.of(Map.of("k\udfff", 1), "x.k\\udfff", Rule.INVALID_UNICODE,
            "is named with a lone UTF-16 surrogate, which has no UTF-8 encoding.", "name each member with well-formed Unicode text."));
  }

  @ParameterizedTest
  @MethodSource("notJson")
  void rejectsValuesWithoutAJsonForm(Object value, String field, Rule rule, String problem, String fix) {
    assertViolation(rsa.subject("u1").claim("x", value), Violation.of(field, rule, field + " " + problem, fix));
  }

  @Test
  void rejectsAValueNestedDeeperThanTheVerifierReads() {
    Object deep = "leaf";
    for (int i = 0; i < 100; i++) {
      deep = List.of(deep);
    }
    assertViolation(rsa.subject("u1").claim("x", deep), Violation.of("x", Rule.TOO_DEEP,
        "x nests maps and lists more than 99 deep.", "flatten the value, or raise the depth limit."));
  }

  @Test
  void rejectsAProfileFieldWithALoneSurrogateUnderItsMappedName() {
    AtomicPolicy mapped = AtomicPolicy.builder().mapClaim(AtomicPolicy.NAME, "display_name").build();
    TokenRejectedException e = reject(rsa.policy(mapped).subject("u1").name("\udbff"));
    assertThat(e.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("display_name", Rule.INVALID_UNICODE));
  }

  @Test
  void rejectsAKeyIdThatContradictsTheKeysOwnKid() {
    assertViolation(AtomicTokenBuilder.create(RSA.withKeyId("key-1")).keyId("key-2").subject("u1"),
        Violation.of("header.kid", Rule.KEY_ID_INVALID,
            "keyId(...) sets a kid other than the one the key source gives its current key.",
            "leave keyId(...) out and let the key source name its key (KeySource.withKeyId), so a kid always travels"
                + " with its key."));
  }

  @Test
  void reportsEveryBrokenRuleAtOnceWithoutEchoingValues() {
    AtomicPolicy policy = AtomicPolicy.builder().allowedIssuers("my-backend").build();
    TokenRejectedException e = reject(rsa.policy(policy)
        .algorithm(JwsAlgorithm.ES512)
        .issuer("secret-issuer-value")
        .expiresIn(Duration.ofDays(8))
        .claim("sub", "secret-sub-value")
        .claim("score", Double.NaN));
    assertThat(e.reason()).isEqualTo(Reason.TOKEN_REJECTED);
    assertThat(e.violations()).extracting(Violation::rule).containsExactly(Rule.USER_ID_MISSING,
        Rule.ALGORITHM_KEY_MISMATCH, Rule.EXPIRY_BEYOND_MAXIMUM, Rule.ISSUER_NOT_ALLOWED, Rule.RESERVED_CLAIM,
        Rule.VALUE_NOT_JSON);
    assertThat(e.getMessage()).startsWith("the Atomic token was not signed: 6 rules broken.\n  - sub [USER_ID_MISSING]: ")
        .doesNotContain("secret-issuer-value").doesNotContain("secret-sub-value");
  }

  @Test
  void aSingleBrokenRuleSaysRule() {
    assertThat(reject(rsa).getMessage()).startsWith("the Atomic token was not signed: 1 rule broken.\n  - ");
  }

  // ------------------------------------------------------------ arguments

  static Stream<Arguments> nullSettings() {
    return Stream.of(
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.algorithm((JwsAlgorithm) null),
            "algorithm is null. Fix: pass JwsAlgorithm.RS256, RS512 or ES512."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.algorithm((String) null),
            "algorithm is null. Fix: pass \"RS256\", \"RS512\" or \"ES512\"."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.policy(null),
            "policy is null. Fix: pass an AtomicPolicy, such as AtomicPolicy.defaults()."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.issuer(null),
            "issuer is null. Fix: pass your backend's issuer name, or leave issuer out."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.clock(null),
            "clock is null. Fix: pass an InstantSource, such as Clock.systemUTC()."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.keyId(null),
            "keyId is null. Fix: pass the id the public key is registered under, or leave keyId out."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.expiresIn(null),
            "expiresIn is null. Fix: pass a Duration such as Duration.ofDays(1)."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.expiresAt(null),
            "expiresAt is null. Fix: pass an Instant after now."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> AtomicTokenBuilder.create(null),
            "keySource is null. Fix: pass a KeySource, such as KeySource.fromPemText(pem)."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.issuer(" "),
            "issuer is blank. Fix: pass your backend's issuer name, or leave issuer out."),
        Arguments.of((Function<AtomicTokenBuilder, Object>) b -> b.issuer("x\ud800"),
            "issuer is not well-formed Unicode (a lone UTF-16 surrogate). Fix: pass your backend's issuer name, or leave"
                + " issuer out."));
  }

  @ParameterizedTest
  @MethodSource("nullSettings")
  void refusesNullOrBlankSettingsAsInvalidArgument(Function<AtomicTokenBuilder, Object> call, String message) {
    SignedTokens.assertInvalidArgument(() -> call.apply(rsa), message);
  }

  @Test
  void refusesABlankKeyId() {
    assertThatThrownBy(() -> rsa.keyId(" "))
        .isInstanceOf(KeyRejectedException.class)
        .hasMessage("kid is blank. Fix: pass the non-blank id the platform registered the public key under, such as"
            + " \"key_1\".")
        .extracting(t -> ((JwtSignerException) t).reason()).isEqualTo(Reason.KEY_ID_INVALID);
  }

  // ------------------------------------------------------------ immutability, signer reuse, threads

  @Test
  void everyCallReturnsANewBuilderAndLeavesTheOriginalUnchanged() {
    AtomicTokenBuilder base = rsa.issuer("my-backend");
    AtomicTokenBuilder derived = base.subject("u1").email("a@example.com").expiresIn(Duration.ofHours(2));
    assertThat(derived).isNotSameAs(base);
    assertThat(reject(base).violations()).extracting(Violation::rule).containsExactly(Rule.USER_ID_MISSING);
    assertThat(claimsJson(derived.sign(), "rsa2048")).contains("\"email\"");
    assertThat(claimsJson(base.subject("u2").sign(), "rsa2048")).doesNotContain("email").contains("\"exp\":" + (IAT + DAY));
  }

  @Test
  void derivedBuildersReuseOnePreparedSigner() {
    AtomicTokenBuilder base = AtomicTokenBuilder.create(P521).clock(clock);
    base.subject("u1").sign();
    assertThat(base.signers().size()).as("sign() prepared and kept one signer").isEqualTo(1);
    JoseSigner first = base.signers().signerFor(P521.signingKey(), JwsAlgorithm.ES512, null);
    base.subject("u2").email("x@example.com").sign();
    assertThat(base.signers().size()).isEqualTo(1);
    assertThat(base.signers().signerFor(P521.signingKey(), JwsAlgorithm.ES512, null)).isSameAs(first);
    assertThat(base.subject("u3").signers()).isSameAs(base.signers());
  }

  @Test
  void reusesTheSignerWhenASourceWrapsTheSameKeyAnewEachTime() {
    SigningKey key = RSA.signingKey();
    KeySource wrapping = () -> key.withKeyId("k1"); // a new SigningKey object around the same key on every call
    AtomicTokenBuilder b = AtomicTokenBuilder.create(wrapping).clock(clock).subject("u1");
    b.sign();
    assertThat(b.signers().size()).as("sign() prepared and kept one signer").isEqualTo(1);
    JoseSigner first = b.signers().signerFor(wrapping.signingKey(), JwsAlgorithm.RS256, "k1");
    b.sign();
    assertThat(b.signers().size()).isEqualTo(1);
    assertThat(b.signers().signerFor(wrapping.signingKey(), JwsAlgorithm.RS256, "k1")).isSameAs(first);
  }

  @Test
  void aRotatedKeyGetsAFreshSignerWithItsOwnKid() {
    AtomicReference<SigningKey> current = new AtomicReference<>(RSA.withKeyId("rsa-1").signingKey());
    AtomicTokenBuilder b = AtomicTokenBuilder.create(current::get).clock(clock).subject("u1");
    JWSObject before = verified(b.sign(), "rsa2048");
    current.set(P521.withKeyId("ec-2").signingKey());
    JWSObject after = verified(b.sign(), "p521");
    assertThat(before.getHeader().getKeyID()).isEqualTo("rsa-1");
    assertThat(before.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(after.getHeader().getKeyID()).isEqualTo("ec-2");
    assertThat(after.getHeader().getAlgorithm().getName()).isEqualTo("ES512");
  }

  @Test
  void aSharedBuilderSignsFromEightThreads() throws Exception {
    AtomicTokenBuilder shared = rsa.algorithm(JwsAlgorithm.RS512).issuer("my-backend").expiresIn(Duration.ofHours(1));
    int threads = 8;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<String>>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        tasks.add(() -> {
          List<String> subjects = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            String subject = "user-" + thread + "-" + i;
            String json = claimsJson(shared.subject(subject).email(subject + "@example.com").sign(), "rsa2048");
            if (!json.equals("{\"sub\":\"" + subject + "\",\"iat\":" + IAT + ",\"exp\":" + (IAT + 3600)
                + ",\"iss\":\"my-backend\",\"email\":\"" + subject + "@example.com\"}")) {
              throw new AssertionError("thread " + thread + " token " + i + " carries " + json);
            }
            subjects.add(subject);
          }
          return subjects;
        });
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(tasks)) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toStringNamesSettingsButNoClaimValues() {
    String s = rsa.algorithm(JwsAlgorithm.RS512).subject("secret-user").email("secret@example.com").toString();
    assertThat(s).startsWith("AtomicTokenBuilder[algorithm=RS512, keySource=KeySource.fromPemText[SigningKey[RSA 2048 bits]]")
        .doesNotContain("secret");
  }

  // ------------------------------------------------------------ helpers

  private static TokenRejectedException reject(AtomicTokenBuilder b) {
    TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, b::sign);
    assertThat(e).as("sign() should have refused").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.TOKEN_REJECTED);
    return e;
  }

  private static void assertViolation(AtomicTokenBuilder b, Violation expected) {
    assertThat(reject(b).violations()).containsExactly(expected);
  }
}
