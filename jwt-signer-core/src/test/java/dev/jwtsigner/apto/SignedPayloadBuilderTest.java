package dev.jwtsigner.apto;

import static dev.jwtsigner.apto.AptoFixtures.createUserJson;
import static dev.jwtsigner.apto.AptoFixtures.keys;
import static dev.jwtsigner.apto.AptoFixtures.part;
import static dev.jwtsigner.apto.AptoFixtures.publicKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.KeySource;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedPayloadBuilderTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final long NOW_SECONDS = NOW.getEpochSecond();
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final KeySource RSA2048 = keys("rsa2048");
  private static final RSAPublicKey RSA2048_PUBLIC = publicKey("rsa2048");

  private final SignedPayloadBuilder builder = SignedPayloadBuilder.create(RSA2048).keyId("key_1").clock(CLOCK);

  @Test
  void contentTypeIsApplicationJwt() {
    assertThat(SignedPayloadBuilder.CONTENT_TYPE).isEqualTo("application/jwt");
  }

  @Test
  void signsTheCreateUserBodyAsRs256WithKidAndIat() throws Exception {
    String body = createUserJson();
    String token = builder.payload(body).sign();

    JWSObject jws = JWSObject.parse(token);
    assertThat(jws.verify(new RSASSAVerifier(RSA2048_PUBLIC))).isTrue();
    assertThat(JSONObjectUtils.parse(part(token, 0)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "typ", "JWT", "kid", "key_1"));
    assertThat(part(token, 1)).isEqualTo(body.substring(0, body.length() - 1) + ",\"iat\":" + NOW_SECONDS + "}");
  }

  @Test
  void createUserValuesRoundTripValueForValue() throws Exception {
    String token = builder.payload(createUserJson()).sign();
    Map<String, Object> signed = new LinkedHashMap<>(JSONObjectUtils.parse(part(token, 1)));
    assertThat(signed.remove("iat")).isEqualTo(NOW_SECONDS);
    assertThat(signed).isEqualTo(JSONObjectUtils.parse(createUserJson()));
  }

  @Test
  void keepsTheCallersTextByteForByte() {
    String body = "{ \"a\" : 1.0,\n \"big\":9007199254740991, \"e\":1E2, \"s\":\"\\u00e9\u00e9\" }\n";
    String token = builder.payload(body).sign();
    assertThat(part(token, 1))
        .isEqualTo("{ \"a\" : 1.0,\n \"big\":9007199254740991, \"e\":1E2, \"s\":\"\\u00e9\u00e9\" ,\"iat\":"
            + NOW_SECONDS + "}\n");
  }

  @Test
  void addsIatToAnEmptyObjectWithoutAComma() {
    assertThat(part(builder.payload("{}").sign(), 1)).isEqualTo("{\"iat\":" + NOW_SECONDS + "}");
    assertThat(part(builder.payload("{ }").sign(), 1)).isEqualTo("{ \"iat\":" + NOW_SECONDS + "}");
  }

  @Test
  void addsExpAfterIatWhenALifetimeIsSet() {
    String token = builder.payload("{\"a\":1}").expiresIn(Duration.ofMinutes(5)).sign();
    assertThat(part(token, 1)).isEqualTo("{\"a\":1,\"iat\":" + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 300) + "}");
  }

  @Test
  void acceptsALifetimeOfOneSecond() {
    assertThat(part(builder.payload("{\"a\":1}").issuedAt(false).expiresIn(Duration.ofSeconds(1)).sign(), 1))
        .isEqualTo("{\"a\":1,\"exp\":" + (NOW_SECONDS + 1) + "}");
  }

  @Test
  void signsTheTextUnchangedWithoutTimeClaims() {
    assertThat(part(builder.payload("{\"a\":1}").issuedAt(false).sign(), 1)).isEqualTo("{\"a\":1}");
    assertThat(part(builder.payload("{\"a\":1}").issuedAt(false).expiresIn(Duration.ofSeconds(60)).sign(), 1))
        .isEqualTo("{\"a\":1,\"exp\":" + (NOW_SECONDS + 60) + "}");
  }

  @Test
  void keepsThePayloadsOwnIatWhenIssuedAtIsOff() {
    assertThat(part(builder.payload("{\"iat\":5}").issuedAt(false).sign(), 1)).isEqualTo("{\"iat\":5}");
  }

  @Test
  void kidComesFromTheSigningKeyUnlessSet() throws Exception {
    String fromSource = SignedPayloadBuilder.create(RSA2048.withKeyId("key_2")).payload("{}").sign();
    assertThat(JSONObjectUtils.parse(part(fromSource, 0))).containsEntry("kid", "key_2");
    String none = SignedPayloadBuilder.create(RSA2048).payload("{}").sign();
    assertThat(JSONObjectUtils.parse(part(none, 0))).doesNotContainKey("kid");
  }

  @Test
  void everyCallReturnsANewBuilderAndLeavesThisOneAlone() {
    SignedPayloadBuilder base = SignedPayloadBuilder.create(RSA2048).clock(CLOCK);
    SignedPayloadBuilder withPayload = base.payload("{\"a\":1}");
    assertThat(withPayload).isNotSameAs(base);
    assertThat(part(withPayload.sign(), 1)).isEqualTo("{\"a\":1,\"iat\":" + NOW_SECONDS + "}");
    assertThat(rejection(base::sign).violations()).extracting(Violation::message).containsExactly("payload is not set.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "[1,2]                     | NOT_A_JSON_OBJECT | payload is a JSON array, not a JSON object.",
      "\"jane\"                  | NOT_A_JSON_OBJECT | payload is a JSON string, not a JSON object.",
      "42                        | NOT_A_JSON_OBJECT | payload is a JSON number, not a JSON object.",
      "null                      | NOT_A_JSON_OBJECT | payload is JSON null, not a JSON object.",
      "``                        | NOT_A_JSON_OBJECT | payload is empty, not a JSON object.",
      "{}{}                      | JSON_MALFORMED    | payload has more JSON after its object at line 1, column 4.",
      "{\"a\":1} x               | JSON_MALFORMED    | payload is not strict JSON at line 1, column 9.",
      "{a:1}                     | JSON_MALFORMED    | payload is not strict JSON at line 1, column 2.",
      "{'a':1}                   | JSON_MALFORMED    | payload is not strict JSON at line 1, column 2.",
      "{\"a\":1,}                | JSON_MALFORMED    | payload is not strict JSON at line 1, column 8.",
      "{\"a\":1,\"a\":2}         | DUPLICATE_MEMBER  | payload has a member name twice in one object at line 1, column 11.",
      "{\"a\":\"\\ud800\"}       | INVALID_UNICODE   | payload has an escaped lone UTF-16 surrogate at line 1, column 14.",
  })
  void refusesAPayloadThatIsNotExactlyOneStrictObject(String payload, Rule rule, String message) {
    TokenRejectedException e = rejection(builder.payload(payload)::sign);
    assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_REJECTED);
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("payload");
      assertThat(v.rule()).isEqualTo(rule);
      assertThat(v.message()).isEqualTo(message);
    });
    assertThat(e.getMessage()).startsWith("the signed payload was refused (1 rule broken); nothing was signed.\n"
        + "  - payload [" + rule + "]: " + message + " Fix: ");
  }

  @Test
  void refusesNullText() {
    assertThat(only(builder.payload((String) null)).message()).isEqualTo("payload is null.");
  }

  @Test
  void refusesARawLoneSurrogate() {
    Violation v = only(builder.payload("{\"a\":\"\ud800\"}"));
    assertThat(v.rule()).isEqualTo(Rule.INVALID_UNICODE);
    assertThat(v.message()).isEqualTo("payload contains a lone UTF-16 surrogate, which has no UTF-8 encoding.");
  }

  @Test
  void refusesABodyOverTheDefault64KibLimit() {
    String big = "{\"a\":\"" + "x".repeat(64 * 1024) + "\"}";
    Violation v = only(builder.payload(big));
    assertThat(v.rule()).isEqualTo(Rule.TOO_LARGE);
    assertThat(v.message()).isEqualTo("payload has 65544+ UTF-8 bytes; the limit is 65536.");
  }

  @Test
  void countsUtf8BytesAgainstAConfiguredLimit() {
    SignedPayloadBuilder small = builder.issuedAt(false).policy(AptoPolicy.builder().maxPayloadBytes(12).build());
    assertThat(part(small.payload("{\"a\":\"éé\"}").sign(), 1)).isEqualTo("{\"a\":\"éé\"}");
    Violation v = only(small.payload("{\"a\":\"ééé\"}"));
    assertThat(v.rule()).isEqualTo(Rule.TOO_LARGE);
    assertThat(v.message()).isEqualTo("payload has 14 UTF-8 bytes; the limit is 12.");
  }

  @Test
  void countsTheAddedTimeClaimsAgainstTheLimit() {
    SignedPayloadBuilder limited = builder.policy(AptoPolicy.builder().maxPayloadBytes(30).build());
    assertThat(part(limited.payload("{\"abcdefg\":1}").sign(), 1)).hasSize(30);
    Violation v = only(limited.payload("{\"abcdefgh\":1}"));
    assertThat(v.rule()).isEqualTo(Rule.TOO_LARGE);
    assertThat(v.message()).isEqualTo("payload has 31 UTF-8 bytes; the limit is 30.");
  }

  @Test
  void refusesNestingBeyondTheConfiguredDepth() {
    SignedPayloadBuilder shallow = builder.policy(AptoPolicy.builder().maxDepth(2).build());
    assertThat(shallow.payload("{\"a\":{\"b\":1}}").sign()).isNotBlank();
    Violation v = only(shallow.payload("{\"a\":{\"b\":[]}}"));
    assertThat(v.rule()).isEqualTo(Rule.TOO_DEEP);
    assertThat(v.message()).isEqualTo("payload nests objects and arrays more than 2 deep.");
  }

  @Test
  void refusesTwentyThousandDeepNestingWithoutCrashing() {
    String deep = "{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    Violation v = only(builder.payload(deep));
    assertThat(v.rule()).isEqualTo(Rule.TOO_DEEP);
    assertThat(v.message()).isEqualTo("payload nests objects and arrays more than 100 deep.");
  }

  @Test
  void refusesAnIatOrExpThatTheBuilderAlsoSets() {
    TokenRejectedException e = rejection(
        builder.payload("{\"iat\":" + NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 60) + "}").expiresIn(Duration.ofMinutes(1))::sign);
    assertThat(e.violations()).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        tuple("payload.iat", Rule.TIME_CLAIM_CONFLICT, "the payload sets iat and the builder adds it too."),
        tuple("payload.exp", Rule.TIME_CLAIM_CONFLICT, "the payload sets exp and the builder adds it too."));
    assertThat(e.violations().get(0).fix())
        .isEqualTo("remove iat from the payload, or set issuedAt(false) on the builder to keep the payload's.");
  }

  @Test
  void refusesAnEcKeyBecauseSignedPayloadsAreRs256Only() {
    Violation v = only(SignedPayloadBuilder.create(keys("p521")).payload("{}"));
    assertThat(v.field()).isEqualTo("header.alg");
    assertThat(v.rule()).isEqualTo(Rule.ALGORITHM_KEY_MISMATCH);
    assertThat(v.message()).isEqualTo("signed payloads use RS256 only, which needs an RSA key; the signing key's algorithm is EC.");
    assertThat(v.fix()).startsWith("sign with an RSA key of 2048 bits or more: make one with `openssl genrsa -out private.pem 2048`");
  }

  @Test
  void refusesABlankKid() {
    Violation v = only(builder.keyId("  ").payload("{}"));
    assertThat(v.field()).isEqualTo("header.kid");
    assertThat(v.rule()).isEqualTo(Rule.KEY_ID_INVALID);
    assertThat(v.message()).isEqualTo("kid is blank.");
    assertThat(only(builder.keyId(null).payload("{}")).message()).isEqualTo("kid is null.");
  }

  @Test
  void refusesAKidThatThePolicyDoesNotRegister() {
    AptoPolicy policy = AptoPolicy.builder().registerKey("key_1", RSA2048_PUBLIC).build();
    Violation v = only(builder.keyId("key_9").policy(policy).payload("{}"));
    assertThat(v.rule()).isEqualTo(Rule.KEY_ID_UNKNOWN);
    assertThat(v.message()).isEqualTo("kid key_9 is not registered in the policy, which registers [key_1].");
  }

  @Test
  void refusesASigningKeyThatIsNotTheOneRegisteredUnderItsKid() {
    AptoPolicy policy = AptoPolicy.builder()
        .registerKey("key_1", RSA2048_PUBLIC)
        .registerKey("key_2", publicKey("rsa4096"))
        .build();
    assertThat(builder.policy(policy).payload("{}").sign()).isNotBlank();
    Violation v = only(builder.keyId("key_2").policy(policy).payload("{}"));
    assertThat(v.rule()).isEqualTo(Rule.KEY_UNSUITABLE);
    assertThat(v.message())
        .isEqualTo("the signing key is not the private half of the public key registered under kid key_2 (the RSA moduli differ).");
  }

  @Test
  void withoutAKidTheKeyMustMatchARegisteredOne() {
    SignedPayloadBuilder noKid = SignedPayloadBuilder.create(RSA2048).payload("{}");
    assertThat(noKid.policy(AptoPolicy.builder().registerKey("key_1", RSA2048_PUBLIC).build()).sign()).isNotBlank();
    Violation v = only(noKid.policy(AptoPolicy.builder().registerKey("key_2", publicKey("rsa4096")).build()));
    assertThat(v.rule()).isEqualTo(Rule.KEY_UNSUITABLE);
    assertThat(v.message())
        .isEqualTo("the token has no kid and the signing key matches none of the registered public keys [key_2].");
  }

  @Test
  void reportsEveryBrokenRuleAtOnce() {
    TokenRejectedException e = rejection(SignedPayloadBuilder.create(keys("p521")).payload("[]")::sign);
    assertThat(e.violations()).extracting(Violation::rule)
        .containsExactly(Rule.ALGORITHM_KEY_MISMATCH, Rule.NOT_A_JSON_OBJECT);
    assertThat(e.getMessage()).startsWith("the signed payload was refused (2 rules broken); nothing was signed.\n  - header.alg");
  }

  @Test
  void signsAMapPayloadWithItsValues() throws Exception {
    Map<String, Object> body = JSONObjectUtils.parse(createUserJson());
    Map<String, Object> signed = new LinkedHashMap<>(JSONObjectUtils.parse(part(builder.payload(body).sign(), 1)));
    assertThat(signed.remove("iat")).isEqualTo(NOW_SECONDS);
    assertThat(signed).isEqualTo(body);
  }

  @Test
  void serializesTheMapWhenGivenSoLaterChangesDoNotShow() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("n", List.of(1, 2L, new BigInteger("9007199254740991"), 1.5, true));
    body.put("s", "é\"");
    body.put("z", null);
    SignedPayloadBuilder withMap = builder.issuedAt(false).payload(body);
    body.put("later", 1);
    assertThat(part(withMap.sign(), 1))
        .isEqualTo("{\"n\":[1,2,9007199254740991,1.5,true],\"s\":\"é\\\"\",\"z\":null}");
  }

  @Test
  void refusesAMapThatIsNotJsonWithEveryViolation() {
    Map<Object, Object> raw = new LinkedHashMap<>();
    raw.put("nan", Double.NaN);
    raw.put("inf", List.of(Float.POSITIVE_INFINITY));
    raw.put("when", new Object());
    raw.put(7, "seven");
    @SuppressWarnings("unchecked")
    Map<String, ?> payload = (Map<String, ?>) (Map<?, ?>) raw;
    TokenRejectedException e = rejection(builder.payload(payload)::sign);
    assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_REJECTED);
    assertThat(e.violations()).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        tuple("payload.nan", Rule.VALUE_NOT_JSON, "payload.nan is NaN or infinite, which JSON numbers cannot be."),
        tuple("payload.inf[0]", Rule.VALUE_NOT_JSON, "payload.inf[0] is NaN or infinite, which JSON numbers cannot be."),
        tuple("payload.when", Rule.VALUE_NOT_JSON, "payload.when is a java.lang.Object, which has no JSON form here."),
        tuple("payload", Rule.VALUE_NOT_JSON, "payload has a member name that is a java.lang.Integer, not a String."));
  }

  @Test
  void writesInstantsAndDatesAsAtomicClaimValuesAre() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("when", Instant.ofEpochSecond(1_767_225_600L, 999));
    body.put("date", java.time.LocalDate.of(1965, 10, 20));
    assertThat(part(builder.issuedAt(false).payload(body).sign(), 1)).isEqualTo("{\"when\":1767225600,\"date\":\"1965-10-20\"}");
  }

  @Test
  void refusesANumberWhoseExponentIsBeyondAnIntAsNotPortableNotWithANumberFormatException() {
    // found by RulebookFuzzTest: Jackson's BigDecimal reading threw NumberFormatException out of sign()
    Violation v = only(builder.payload("{\"n\":1e100000000000}"));
    assertThat(v.rule()).isEqualTo(Rule.VALUE_NOT_JSON);
    assertThat(v.message()).startsWith("payload has a number at line 1, column 20 that JavaScript and Python consumers");
  }

  @Test
  void refusesAPayloadThatIsJsonOnlyReadAsUtf32() {
    // found by SignedPayloadBuilderFuzzTest: "\0\0\0{\0\0\0}" was signed as it stands, and the decoder refused it
    Violation v = only(builder.payload("\0\0\0{\0\0\0}"));
    assertThat(v.rule()).isEqualTo(Rule.JSON_MALFORMED);
    assertThat(v.message()).isEqualTo("payload is not strict JSON at line 1, column 1.");
  }

  @Test
  void refusesACyclicMap() {
    Map<String, Object> a = new HashMap<>();
    a.put("self", List.of(a));
    Violation v = only(builder.payload(a));
    assertThat(v.rule()).isEqualTo(Rule.VALUE_NOT_JSON);
    assertThat(v.message()).isEqualTo("payload.self[0] refers back to a map or list that contains it (a cycle).");
  }

  @Test
  void refusesATwentyThousandDeepMapWithoutStackOverflow() {
    Map<String, Object> root = new HashMap<>();
    Map<String, Object> m = root;
    for (int i = 0; i < 20_000; i++) {
      Map<String, Object> next = new HashMap<>();
      m.put("a", next);
      m = next;
    }
    Violation v = only(builder.payload(root));
    assertThat(v.rule()).isEqualTo(Rule.TOO_DEEP);
    assertThat(v.message()).isEqualTo("payload nests maps and lists more than 1000 deep.");
  }

  @Test
  void appliesThePolicysDepthLimitToAMap() {
    Map<String, ?> twoDeep = Map.of("a", Map.of("b", List.of()));
    Violation v = only(builder.policy(AptoPolicy.builder().maxDepth(2).build()).payload(twoDeep));
    assertThat(v.message()).isEqualTo("payload nests objects and arrays more than 2 deep.");
  }

  @Test
  void refusesANullMap() {
    assertThat(only(builder.payload((Map<String, ?>) null)).message()).isEqualTo("payload is null.");
  }

  @Test
  void refusesAKeySourceThatReturnsNoKeyAsTheAtomicBuilderDoes() {
    JwtSignerException payload = org.assertj.core.api.Assertions.catchThrowableOfType(JwtSignerException.class,
        () -> SignedPayloadBuilder.create(() -> null).payload("{}").sign());
    JwtSignerException atomic = org.assertj.core.api.Assertions.catchThrowableOfType(JwtSignerException.class,
        () -> dev.jwtsigner.atomic.AtomicTokenBuilder.create(() -> null).subject("u1").sign());
    assertThat(payload.reason()).isEqualTo(Reason.SIGNING_FAILED).isEqualTo(atomic.reason());
    assertThat(payload).hasMessage(atomic.getMessage())
        .hasMessage("the key source returned no signing key. Fix: make KeySource.signingKey() return a key.");
  }

  @Test
  void refusesNullAndOutOfRangeSettingsAtOnce() {
    assertThatThrownBy(() -> SignedPayloadBuilder.create(null))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("keySource is null. Fix: pass a KeySource, such as KeySource.fromPemText(pem).");
    assertThatThrownBy(() -> builder.expiresIn(Duration.ofMillis(999)))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageStartingWith("expiresIn: the lifetime is PT0.999S; it must be at least one second");
    assertThatThrownBy(() -> builder.expiresIn(null))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("expiresIn is null. Fix: pass a Duration such as Duration.ofMinutes(5).");
    assertThatThrownBy(() -> builder.expiresIn(Duration.ofSeconds(-5)))
        .hasMessageStartingWith("expiresIn: the lifetime is PT-5S;");
    assertThatThrownBy(() -> builder.clock(null)).hasMessageStartingWith("clock is null.");
    assertThatThrownBy(() -> builder.policy(null)).hasMessageStartingWith("policy is null.");
  }

  @Test
  void aRotatingKeySourceNeverPairsAKidWithTheWrongKey() throws Exception {
    KeySource first = RSA2048.withKeyId("key_1");
    KeySource second = keys("rsa4096").withKeyId("key_2");
    AtomicInteger calls = new AtomicInteger();
    KeySource rotating = () -> (calls.getAndIncrement() % 3 == 0 ? second : first).signingKey();
    Map<String, RSAPublicKey> publicByKid = Map.of("key_1", RSA2048_PUBLIC, "key_2", publicKey("rsa4096"));
    SignedPayloadBuilder shared = SignedPayloadBuilder.create(rotating).payload(createUserJson());

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> tokens = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        tokens.add(pool.submit(shared::sign));
      }
      for (Future<String> f : tokens) {
        JWSObject jws = JWSObject.parse(f.get());
        assertThat(jws.verify(new RSASSAVerifier(publicByKid.get(jws.getHeader().getKeyID())))).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(calls.get()).isEqualTo(60);
  }

  @Test
  void toStringNamesTheSettingsButNoPayload() {
    assertThat(builder.payload("{\"ssn\":\"123456789\"}").toString())
        .doesNotContain("123456789")
        .startsWith("SignedPayloadBuilder[keys=KeySource.fromPemText[SigningKey[RSA 2048 bits]], kid=key_1, iat=true, ");
  }

  @Test
  void toStringNamesNoKidWhenNoneIsSet() {
    assertThat(SignedPayloadBuilder.create(RSA2048).toString())
        .startsWith("SignedPayloadBuilder[keys=KeySource.fromPemText[SigningKey[RSA 2048 bits]], iat=true, ")
        .doesNotContain("kid=").doesNotContain("expiresIn");
    assertThat(SignedPayloadBuilder.create(RSA2048).expiresIn(java.time.Duration.ofMinutes(5)).toString())
        .contains(", iat=true, expiresIn=PT5M, ");
  }

  private static Violation only(SignedPayloadBuilder b) {
    TokenRejectedException e = rejection(b::sign);
    assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_REJECTED);
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }

  private static TokenRejectedException rejection(Runnable signing) {
    TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, signing::run);
    assertThat(e).as("expected the builder to refuse").isNotNull();
    return e;
  }
}
