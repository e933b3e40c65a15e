package dev.jwtsigner.testkit;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.catalogue.LeakWatch;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of both verifiers: construction and trust with bad arguments end in a typed
 * {@code JwtSignerException}; {@code verify(token)} never throws and returns a rejecting {@link Verdict} that
 * names the rule, for every hostile token.
 */
class VerifierBadInputTest {

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding()
      .key("rsa2048", HostileTokens.KEY.privateKey()).pem("rsa2048", HostileTokens.KEY.privateKeyPem())
      .key("p521", HostileTokens.P521.privateKey()).pem("p521", HostileTokens.P521.privateKeyPem());

  static final AtomicPlatformVerifier ATOMIC =
      AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(HostileTokens.KEY.publicKey(), HostileTokens.P521.publicKey());
  static final SignedPayloadVerifier APTO = SignedPayloadVerifier.create().trust("key_1", HostileTokens.KEY.publicKey());

  static Stream<Arguments> tokens() {
    long now = System.currentTimeMillis() / 1000;
    String later = String.valueOf(now + 3600);
    Stream<Arguments> plain = Stream.of(
        row("null", null, Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("empty", "", Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("whitespace", " \n\t", Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("10 MB string", BadInput.TEN_MB, Rule.TOO_LARGE, Rule.TOO_LARGE),
        row("10 MB of dots", ".".repeat(10 << 20), Rule.TOO_LARGE, Rule.TOO_LARGE),
        row("binary garbage", BadInput.BINARY, Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("control characters", BadInput.CONTROL, Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("lone surrogates", BadInput.LONE_SURROGATES, Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("20,000-deep JSON as the token", BadInput.DEEP_JSON, Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("truncated base64 (one part cut mid-quad)", HostileTokens.signed(HostileTokens.claims(later)).substring(0, 37),
            Rule.TOKEN_MALFORMED, Rule.TOKEN_MALFORMED),
        row("exp 1e400", HostileTokens.signed(HostileTokens.claims(BadInput.HUGE_EXPONENT)), Rule.VALUE_NOT_JSON,
            Rule.VALUE_NOT_JSON),
        row("exp 2^70", HostileTokens.signed(HostileTokens.claims(BadInput.TWO_TO_THE_70)), Rule.VALUE_NOT_JSON,
            Rule.VALUE_NOT_JSON),
        row("exp -2^70", HostileTokens.signed(HostileTokens.claims("-" + BadInput.TWO_TO_THE_70)), Rule.VALUE_NOT_JSON,
            Rule.VALUE_NOT_JSON),
        row("exp as a string", HostileTokens.signed(HostileTokens.claims("\"" + later + "\"")), Rule.CLAIM_NOT_NUMERIC,
            Rule.CLAIM_NOT_NUMERIC));
    return Stream.concat(plain, Arrays.stream(HostileTokens.forgeries(HostileTokens.claims(later)))
        .map(f -> row((String) f[0], f[1], Rule.valueOf((String) f[2]), Rule.valueOf((String) f[3]))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void atomicVerifierRefusesEveryHostileToken(String token, Rule rule, Rule signedPayloadRule) {
    assertRefused(() -> ATOMIC.verify(token), rule);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void signedPayloadVerifierRefusesEveryHostileToken(String token, Rule atomicRule, Rule rule) {
    assertRefused(() -> APTO.verify(token), rule);
  }

  static Stream<Arguments> atomicConstruction() {
    Map<String, PublicKey> nullKey = new HashMap<>();
    nullKey.put("k", null);
    return Stream.of(
        call("create(null)", () -> AtomicPlatformVerifier.create(null), Reason.INVALID_ARGUMENT, "policy is null."),
        call("trust((PublicKey[]) null)", () -> ATOMIC.trust((PublicKey[]) null), Reason.INVALID_ARGUMENT, "keys is null."),
        call("trust(a null PublicKey)", () -> ATOMIC.trust((PublicKey) null), Reason.INVALID_ARGUMENT, "publicKey is null."),
        call("trust((Map) null)", () -> ATOMIC.trust((Map<String, PublicKey>) null), Reason.INVALID_ARGUMENT, "keys is null."),
        call("trust(Map with a null key)", () -> ATOMIC.trust(nullKey), Reason.INVALID_ARGUMENT, "publicKey is null."),
        call("trust((String) null)", () -> ATOMIC.trust((String) null), Reason.INVALID_ARGUMENT, "publicKeyText is null."),
        call("trust(empty text)", () -> ATOMIC.trust(""), Reason.PUBLIC_KEY_MALFORMED, "public key text is empty;"),
        call("trust(10 MB text)", () -> ATOMIC.trust(BadInput.TEN_MB), Reason.PUBLIC_KEY_MALFORMED, "public key text is in no"),
        call("trust(binary garbage)", () -> ATOMIC.trust(BadInput.BINARY), Reason.PUBLIC_KEY_MALFORMED, "public key text is in no"),
        call("trust(truncated PEM)", () -> ATOMIC.trust(BadInput.truncatedPem(HostileTokens.KEY.publicKeyPem())),
            Reason.PUBLIC_KEY_MALFORMED, "public key text holds a garbled or truncated PEM block."),
        call("trust(20,000-deep JSON)", () -> ATOMIC.trust("{\"keys\":" + BadInput.DEEP_JSON + "}"), Reason.PUBLIC_KEY_MALFORMED,
            "public key text is JSON but not a valid JWK or JWKS"),
        call("trust(private key PEM)", () -> ATOMIC.trust(HostileTokens.KEY.privateKeyPem()), Reason.PUBLIC_KEY_MALFORMED,
            "public key text holds a private key"),
        call("clock(null)", () -> ATOMIC.clock(null), Reason.INVALID_ARGUMENT, "clock is null."),
        call("clockSkew(null)", () -> ATOMIC.clockSkew(null), Reason.INVALID_ARGUMENT, "clockSkew is null."),
        call("clockSkew(negative)", () -> ATOMIC.clockSkew(Duration.ofSeconds(-1)), Reason.INVALID_ARGUMENT, "clockSkew is negative."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("atomicConstruction")
  void atomicVerifierRefusesBadTrustAndSettings(Supplier<?> call, Reason reason, String messageStart) {
    rejected(call::get, reason, messageStart);
  }

  static Stream<Arguments> signedPayloadConstruction() {
    PublicKey key = HostileTokens.KEY.publicKey();
    return Stream.of(
        call("create(null)", () -> SignedPayloadVerifier.create(null), Reason.INVALID_ARGUMENT, "policy is null."),
        call("trust(null kid)", () -> APTO.trust(null, key), Reason.INVALID_ARGUMENT, "registerKey: the kid is null."),
        call("trust(blank kid)", () -> APTO.trust(" ", key), Reason.INVALID_ARGUMENT, "registerKey: the kid is blank."),
        call("trust(10 MB kid)", () -> APTO.trust(BadInput.TEN_MB, key), Reason.INVALID_ARGUMENT,
            "registerKey: the kid has 10485760 characters;"),
        call("trust(control-character kid)", () -> APTO.trust(BadInput.CONTROL, key), Reason.INVALID_ARGUMENT,
            "registerKey: the kid holds a control character"),
        call("trust(lone-surrogate kid)", () -> APTO.trust(BadInput.LONE_SURROGATES, key), Reason.INVALID_ARGUMENT,
            "registerKey: the kid holds a lone UTF-16 surrogate"),
        call("trust(null key)", () -> APTO.trust("key_2", null), Reason.INVALID_ARGUMENT,
            "registerKey: kid key_2 is not an RSA public key;"),
        call("trust(a third key)", () -> APTO.trust("key_2", key).trust("key_3", key), Reason.INVALID_ARGUMENT, "registerKey: "),
        call("trust(a P-521 key)", () -> APTO.trust("key_2", HostileTokens.P521.publicKey()), Reason.INVALID_ARGUMENT,
            "registerKey: kid key_2 is not an RSA public key;"),
        call("clock(null)", () -> APTO.clock(null), Reason.INVALID_ARGUMENT, "clock is null."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedPayloadConstruction")
  void signedPayloadVerifierRefusesBadTrustAndSettings(Supplier<?> call, Reason reason, String messageStart) {
    rejected(call::get, reason, messageStart);
  }

  /** {@code verify} returned (never threw, never hung) a verdict that refuses the token for {@code rule}. */
  static void assertRefused(Supplier<Verdict> verify, Rule rule) {
    Verdict verdict = assertTimeoutPreemptively(BadInput.TIME_LIMIT, verify::get);
    LeakWatch.record(verdict);
    verdict.violations().forEach(LeakWatch::record);
    assertThat(verdict.accepted()).as("accepted: %s", verdict).isFalse();
    assertThat(verdict.violations()).extracting(Violation::rule).as("%s", verdict).contains(rule);
    verdict.violations().forEach(v -> BadInput.assertPrintable(v.toString()));
  }

  static Arguments row(String name, Object token, Rule atomicRule, Rule signedPayloadRule) {
    return arguments(named(name, token), atomicRule, signedPayloadRule);
  }

  static Arguments call(String name, Supplier<?> call, Reason reason, String messageStart) {
    return arguments(named(name, call), reason, messageStart);
  }
}
