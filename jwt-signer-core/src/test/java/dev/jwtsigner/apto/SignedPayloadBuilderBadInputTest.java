package dev.jwtsigner.apto;

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
import java.math.BigInteger;
import java.time.Duration;
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
 * The bad-input catalogue of {@link SignedPayloadBuilder}: every setter and {@code sign()} with each hostile
 * input. A payload that is not exactly one well-formed JSON object ends in {@code PAYLOAD_REJECTED} with the
 * named rule; a null setting in {@code INVALID_ARGUMENT}; never a signature.
 */
class SignedPayloadBuilderBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final KeySource KEYS = KeySource.fromPemText(RSA);

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding().key("rsa2048", KEYS.signingKey().privateKey()).pem("rsa2048.pem", RSA);

  static final SignedPayloadBuilder BASE = SignedPayloadBuilder.create(KEYS).keyId("key_1");
  static final String REFUSED = "the signed payload was refused (1 rule broken); nothing was signed.";

  static String dataPoints(String value) {
    return "{\"data_points\":{\"email\":\"" + CLAIM_SENTINEL + "\",\"x\":" + value + "}}";
  }

  static Stream<Arguments> inputs() {
    Map<Object, Object> nonStringKeys = new HashMap<>();
    nonStringKeys.put(7, CLAIM_SENTINEL);
    Map<String, Object> deep = nested(20_000);
    Map<String, Object> withNaN = new HashMap<>(Map.of("email", CLAIM_SENTINEL));
    withNaN.put("x", Double.NaN);
    return Stream.of(
        setter("create(null)", b -> SignedPayloadBuilder.create(null), "keySource is null."),
        signs("payload not set", b -> b, Rule.NOT_A_JSON_OBJECT),
        signs("payload(null text)", b -> b.payload((String) null), Rule.NOT_A_JSON_OBJECT),
        signs("payload(null map)", b -> b.payload((Map<String, ?>) null), Rule.NOT_A_JSON_OBJECT),
        signs("payload(empty)", b -> b.payload(""), Rule.NOT_A_JSON_OBJECT),
        signs("payload(whitespace)", b -> b.payload(" \n\t"), Rule.NOT_A_JSON_OBJECT),
        signs("payload(10 MB string)", b -> b.payload(BadInput.TEN_MB), Rule.TOO_LARGE),
        signs("payload(10 MB JSON object)", b -> b.payload(dataPoints("\"" + BadInput.TEN_MB + "\"")), Rule.TOO_LARGE),
        signs("payload(binary garbage)", b -> b.payload(BadInput.BINARY), Rule.JSON_MALFORMED),
        signs("payload(truncated JSON)", b -> b.payload(dataPoints("1").substring(0, 20)), Rule.JSON_MALFORMED),
        signs("payload(control characters in a string)", b -> b.payload(dataPoints("\"" + BadInput.CONTROL + "\"")),
            Rule.JSON_MALFORMED),
        signs("payload(lone surrogates)", b -> b.payload(dataPoints("\"" + BadInput.LONE_SURROGATES + "\"")), Rule.INVALID_UNICODE),
        signs("payload(20,000-deep JSON)", b -> b.payload(dataPoints(BadInput.DEEP_JSON)), Rule.TOO_DEEP),
        signs("payload(duplicate names)", b -> b.payload(BadInput.DUPLICATE_NAMES), Rule.DUPLICATE_MEMBER),
        signs("payload(a JSON array)", b -> b.payload("[" + dataPoints("1") + "]"), Rule.NOT_A_JSON_OBJECT),
        signs("payload(two objects)", b -> b.payload(dataPoints("1") + "{}"), Rule.JSON_MALFORMED),
        signs("payload(NaN literal)", b -> b.payload(dataPoints("NaN")), Rule.JSON_MALFORMED),
        signs("payload(Infinity literal)", b -> b.payload(dataPoints("Infinity")), Rule.JSON_MALFORMED),
        signs("payload(iat 1e400)", b -> b.payload("{\"iat\":" + BadInput.HUGE_EXPONENT + "}"), Rule.VALUE_NOT_JSON),
        signs("payload(exp 2^70) beside the builder's exp", b -> b.expiresIn(Duration.ofMinutes(5))
            .payload("{\"exp\":" + BadInput.TWO_TO_THE_70 + "}"), Rule.VALUE_NOT_JSON),
        signs("payload(Map with non-String keys)", b -> b.payload(Map.of("data_points", nonStringKeys)), Rule.VALUE_NOT_JSON),
        signs("payload(Map holding an Object)", b -> b.payload(Map.of("data_points", new Object())), Rule.VALUE_NOT_JSON),
        signs("payload(Map holding NaN)", b -> b.payload(Map.of("data_points", withNaN)), Rule.VALUE_NOT_JSON),
        signs("payload(Map holding +Infinity)", b -> b.payload(Map.of("x", Double.POSITIVE_INFINITY)), Rule.VALUE_NOT_JSON),
        signs("payload(Map holding a List with -Infinity)", b -> b.payload(Map.of("x", List.of(Float.NEGATIVE_INFINITY))),
            Rule.VALUE_NOT_JSON),
        signs("payload(20,000-deep Map)", b -> b.payload(deep), Rule.TOO_DEEP),
        signs("payload(1,000-deep Map, the deepest a policy may allow)", b -> b.payload(nested(1_000)), Rule.TOO_DEEP),
        signs("payload(Map with a lone-surrogate value)", b -> b.payload(Map.of("x", BadInput.LONE_SURROGATES)),
            Rule.INVALID_UNICODE),
        signs("payload(Map holding 2^70)", b -> b.payload(Map.of("n", BigInteger.TWO.pow(70))), Rule.VALUE_NOT_JSON),
        signs("keyId(null)", b -> b.keyId(null).payload(dataPoints("1")), Rule.KEY_ID_INVALID),
        signs("keyId(whitespace)", b -> b.keyId(" \t").payload(dataPoints("1")), Rule.KEY_ID_INVALID),
        signs("keyId(10 MB)", b -> b.keyId(BadInput.TEN_MB).payload(dataPoints("1")), Rule.KEY_ID_INVALID),
        signs("keyId(control characters)", b -> b.keyId(BadInput.CONTROL).payload(dataPoints("1")), Rule.KEY_ID_INVALID),
        signs("keyId(lone surrogates)", b -> b.keyId(BadInput.LONE_SURROGATES).payload(dataPoints("1")), Rule.KEY_ID_INVALID),
        setter("expiresIn(null)", b -> b.expiresIn(null), "expiresIn is null."),
        setter("expiresIn(negative)", b -> b.expiresIn(Duration.ofSeconds(-5)), "expiresIn: the lifetime is PT-5S;"),
        setter("clock(null)", b -> b.clock(null), "clock is null."),
        setter("policy(null)", b -> b.policy(null), "policy is null."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void rejectsEveryBadInputWithItsReasonAndRule(UnaryOperator<SignedPayloadBuilder> input, Reason reason, String messageStart,
      Rule rule) {
    JwtSignerException e = rejected(() -> input.apply(BASE).sign(), reason, messageStart);
    if (rule != null) {
      assertThat(e.violations()).extracting(Violation::rule).containsExactly(rule);
    }
  }

  static Map<String, Object> nested(int depth) {
    Map<String, Object> root = new HashMap<>();
    Map<String, Object> inner = root;
    for (int i = 1; i < depth; i++) {
      Map<String, Object> next = new HashMap<>();
      inner.put("a", next);
      inner = next;
    }
    return root;
  }

  static Arguments setter(String name, UnaryOperator<SignedPayloadBuilder> call, String messageStart) {
    return arguments(named(name, call), Reason.INVALID_ARGUMENT, messageStart, null);
  }

  static Arguments signs(String name, UnaryOperator<SignedPayloadBuilder> call, Rule rule) {
    return arguments(named(name, call), Reason.PAYLOAD_REJECTED, REFUSED, rule);
  }
}
