package dev.jwtsigner.atomic;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static dev.jwtsigner.catalogue.LeakWatch.CLAIM_SENTINEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.catalogue.LeakWatch;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.KeySource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@link AtomicTokenBuilder}: every setter and {@code sign()} with each hostile
 * input, on a builder that already carries sentinel claim values. Each row ends in a typed rejection (the
 * setter's {@code INVALID_ARGUMENT} / {@code KEY_ID_INVALID}, or {@code sign()}'s {@code TOKEN_REJECTED} with
 * the named rule), never a token.
 */
class AtomicTokenBuilderBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final KeySource KEYS = KeySource.fromPemText(RSA);

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding().key("rsa2048", KEYS.signingKey().privateKey()).pem("rsa2048.pem", RSA);

  static final AtomicTokenBuilder BASE = AtomicTokenBuilder.create(KEYS)
      .subject(CLAIM_SENTINEL + "-user").email(CLAIM_SENTINEL + "@example.com").claim("note", CLAIM_SENTINEL);

  static final String NULL_ARG = " is null. Fix: ";
  static final String REFUSED = "the Atomic token was not signed: ";

  static Stream<Arguments> inputs() {
    Map<Object, Object> nonStringKeys = new HashMap<>();
    nonStringKeys.put(7, CLAIM_SENTINEL);
    Map<String, Object> deep = new HashMap<>();
    Map<String, Object> inner = deep;
    for (int i = 0; i < 20_000; i++) {
      Map<String, Object> next = new HashMap<>();
      inner.put("a", next);
      inner = next;
    }
    return Stream.of(
        setter("create(null)", b -> AtomicTokenBuilder.create(null), Reason.INVALID_ARGUMENT, "keySource" + NULL_ARG),
        setter("algorithm(null JwsAlgorithm)", b -> b.algorithm((dev.jwtsigner.JwsAlgorithm) null), Reason.INVALID_ARGUMENT,
            "algorithm" + NULL_ARG),
        setter("algorithm(null name)", b -> b.algorithm((String) null), Reason.INVALID_ARGUMENT, "algorithm" + NULL_ARG),
        signs("algorithm(\"none\")", b -> b.algorithm("none"), Rule.ALGORITHM_NOT_ALLOWED),
        signs("algorithm(10 MB)", b -> b.algorithm(BadInput.TEN_MB), Rule.ALGORITHM_NOT_ALLOWED),
        signs("algorithm(control characters)", b -> b.algorithm(BadInput.CONTROL), Rule.ALGORITHM_NOT_ALLOWED),
        signs("algorithm(ES512) with an RSA key", b -> b.algorithm("ES512"), Rule.ALGORITHM_KEY_MISMATCH),
        setter("policy(null)", b -> b.policy(null), Reason.INVALID_ARGUMENT, "policy" + NULL_ARG),
        setter("issuer(null)", b -> b.issuer(null), Reason.INVALID_ARGUMENT, "issuer" + NULL_ARG),
        setter("issuer(whitespace)", b -> b.issuer(" \t"), Reason.INVALID_ARGUMENT, "issuer is blank."),
        setter("issuer(lone surrogates)", b -> b.issuer(BadInput.LONE_SURROGATES), Reason.INVALID_ARGUMENT,
            "issuer is not well-formed Unicode"),
        signs("issuer(10 MB) not allowed", b -> b.policy(AtomicPolicy.builder().allowedIssuers("backend").build())
            .issuer(BadInput.TEN_MB), Rule.ISSUER_NOT_ALLOWED, Rule.TOO_LARGE),
        setter("clock(null)", b -> b.clock(null), Reason.INVALID_ARGUMENT, "clock" + NULL_ARG),
        setter("keyId(null)", b -> b.keyId(null), Reason.INVALID_ARGUMENT, "keyId" + NULL_ARG),
        setter("keyId(empty)", b -> b.keyId(""), Reason.KEY_ID_INVALID, "kid is blank."),
        setter("keyId(10 MB)", b -> b.keyId(BadInput.TEN_MB), Reason.KEY_ID_INVALID, "kid has 10485760 characters;"),
        setter("keyId(control characters)", b -> b.keyId(BadInput.CONTROL), Reason.KEY_ID_INVALID, "kid holds a control character"),
        setter("keyId(lone surrogates)", b -> b.keyId(BadInput.LONE_SURROGATES), Reason.KEY_ID_INVALID, "kid holds a lone UTF-16"),
        signs("subject(null)", b -> b.subject(null), Rule.USER_ID_MISSING),
        signs("subject(empty)", b -> b.subject(""), Rule.USER_ID_MISSING),
        signs("subject(whitespace)", b -> b.subject(" \n\t"), Rule.USER_ID_MISSING),
        signs("subject(lone surrogates)", b -> b.subject(CLAIM_SENTINEL + BadInput.LONE_SURROGATES), Rule.INVALID_UNICODE),
        signs("atomicSubject(whitespace)", b -> b.subject(null).atomicSubject(" "), Rule.USER_ID_MISSING),
        setter("expiresIn(null)", b -> b.expiresIn(null), Reason.INVALID_ARGUMENT, "expiresIn" + NULL_ARG),
        signs("expiresIn(negative)", b -> b.expiresIn(Duration.ofSeconds(-1)), Rule.EXPIRY_NOT_AFTER_ISSUED_AT),
        signs("expiresIn(Long.MAX_VALUE seconds)", b -> b.expiresIn(Duration.ofSeconds(Long.MAX_VALUE)), Rule.VALUE_NOT_JSON,
            Rule.EXPIRY_BEYOND_MAXIMUM),
        setter("expiresAt(null)", b -> b.expiresAt(null), Reason.INVALID_ARGUMENT, "expiresAt" + NULL_ARG),
        signs("expiresAt(Instant.MAX)", b -> b.expiresAt(Instant.MAX), Rule.VALUE_NOT_JSON, Rule.EXPIRY_BEYOND_MAXIMUM),
        signs("expiresAt(Instant.MIN)", b -> b.expiresAt(Instant.MIN), Rule.VALUE_NOT_JSON, Rule.EXPIRY_NOT_AFTER_ISSUED_AT),
        signs("email(lone surrogates)", b -> b.email(BadInput.LONE_SURROGATES), Rule.INVALID_UNICODE),
        signs("customField(null name)", b -> b.customField(null, CLAIM_SENTINEL), Rule.CLAIM_NAME_INVALID),
        signs("customField(control-character name)", b -> b.customField(BadInput.CONTROL, CLAIM_SENTINEL), Rule.CLAIM_NAME_INVALID),
        signs("claim(null name)", b -> b.claim(null, CLAIM_SENTINEL), Rule.CLAIM_NAME_INVALID),
        signs("claim(empty name)", b -> b.claim("", CLAIM_SENTINEL), Rule.CLAIM_NAME_INVALID),
        signs("claim(10 MB name)", b -> b.claim(BadInput.TEN_MB, CLAIM_SENTINEL), Rule.CLAIM_NAME_INVALID, Rule.TOO_LARGE),
        signs("claim(lone-surrogate name)", b -> b.claim(BadInput.LONE_SURROGATES, CLAIM_SENTINEL), Rule.INVALID_UNICODE),
        signs("claim(\"sub\") reserved", b -> b.claim("sub", CLAIM_SENTINEL), Rule.RESERVED_CLAIM),
        signs("claim(\"exp\") reserved", b -> b.claim("exp", 1), Rule.RESERVED_CLAIM),
        signs("claim(\"atomic_id\") reserved user-ID claim", b -> b.claim("atomic_id", CLAIM_SENTINEL), Rule.RESERVED_CLAIM),
        signs("claim(\"email\") twice with email()", b -> b.claim("email", CLAIM_SENTINEL), Rule.CLAIM_NAME_INVALID),
        signs("claim(NaN)", b -> b.claim("x", Double.NaN), Rule.VALUE_NOT_JSON),
        signs("claim(+Infinity)", b -> b.claim("x", Double.POSITIVE_INFINITY), Rule.VALUE_NOT_JSON),
        signs("claim(-Infinity float)", b -> b.claim("x", Float.NEGATIVE_INFINITY), Rule.VALUE_NOT_JSON),
        signs("claim(an Object)", b -> b.claim("x", new Object()), Rule.VALUE_NOT_JSON),
        signs("claim(Map with non-String keys)", b -> b.claim("x", nonStringKeys), Rule.VALUE_NOT_JSON),
        signs("claim(List holding NaN)", b -> b.claim("x", List.of(1, Double.NaN)), Rule.VALUE_NOT_JSON),
        signs("claim(20,000-deep Map)", b -> b.claim("x", deep), Rule.TOO_DEEP),
        signs("claim(lone-surrogate value)", b -> b.claim("x", BadInput.LONE_SURROGATES), Rule.INVALID_UNICODE),
        signs("claim(1e400 BigDecimal) with NaN beside", b -> b.claim("x", new BigDecimal("1e400")).claim("y", Double.NaN),
            Rule.VALUE_NOT_JSON),
        signs("claim(2^70) with an Object beside", b -> b.claim("x", BigInteger.TWO.pow(70)).claim("y", new Object()),
            Rule.VALUE_NOT_JSON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void rejectsEveryBadInputWithItsReasonAndRule(UnaryOperator<AtomicTokenBuilder> input, Reason reason, String messageStart,
      Rule[] rules) {
    JwtSignerException e = rejected(() -> input.apply(BASE).sign(), reason, messageStart);
    if (rules != null) {
      assertThat(e.violations()).extracting(Violation::rule).containsOnly(rules);
    }
  }

  static Arguments setter(String name, UnaryOperator<AtomicTokenBuilder> call, Reason reason, String messageStart) {
    return arguments(named(name, call), reason, messageStart, (Object) null);
  }

  static Arguments signs(String name, UnaryOperator<AtomicTokenBuilder> call, Rule... rules) {
    return arguments(named(name, call), Reason.TOKEN_REJECTED, REFUSED, rules);
  }
}
