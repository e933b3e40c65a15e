package dev.jwtsigner.keys;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.catalogue.LeakWatch;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@link RotatingKeySource} and its builder: missing keys and sources, every
 * hostile kid (the table of {@link KeySourceBadInputTest}) where a kid is added, chosen or activated. Each row ends in a typed rejection.
 */
class RotatingKeySourceBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final KeySource KEY = KeySource.fromPemText(RSA);
  static final RotatingKeySource.Builder ONE = RotatingKeySource.builder().key("key_1", KEY);

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding().key("rsa2048", KEY.signingKey().privateKey()).pem("rsa2048.pem", RSA);

  static final String NOT_ONE_OF = " is not one of this source's keys [key_1].";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.jwtsigner.keys.KeySourceBadInputTest#keyIds")
  void keyRejectsKeyId(String keyId, Reason reason, String messageStart) {
    rejected(() -> RotatingKeySource.builder().key(keyId, KEY), reason, messageStart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.jwtsigner.keys.KeySourceBadInputTest#keyIds")
  void activeRejectsKeyId(String keyId, Reason reason, String messageStart) {
    rejected(() -> ONE.active(keyId), reason, messageStart);
  }

  static Stream<Arguments> unknownKeyIds() {
    return Stream.of(
        row("null", null, Reason.KEY_ID_INVALID, "kid null" + NOT_ONE_OF),
        row("empty", "", Reason.KEY_ID_INVALID, "kid \"\"" + NOT_ONE_OF),
        row("unknown", "key_2", Reason.KEY_ID_INVALID, "kid \"key_2\"" + NOT_ONE_OF),
        row("different case", "KEY_1", Reason.KEY_ID_INVALID, "kid \"KEY_1\"" + NOT_ONE_OF),
        row("10 MB string", BadInput.TEN_MB, Reason.KEY_ID_INVALID, "kid \"AAAA"),
        row("control characters", BadInput.CONTROL, Reason.KEY_ID_INVALID, "kid \"key\\u0000\\u0007\\u001b[2J\\u000d\\u000a2024"),
        row("lone surrogates", BadInput.LONE_SURROGATES, Reason.KEY_ID_INVALID, "kid \"a\\ud800b\\udc00c\"" + NOT_ONE_OF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownKeyIds")
  void activateRejectsUnknownKeyId(String keyId, Reason reason, String messageStart) {
    RotatingKeySource source = ONE.build();
    rejected(() -> {
      source.activate(keyId);
      return source;
    }, reason, messageStart);
  }

  static Stream<Arguments> builders() {
    return Stream.of(
        build("no keys", b -> RotatingKeySource.builder(), Reason.INVALID_ARGUMENT, "a rotating source needs at least one key."),
        build("only an active kid", b -> RotatingKeySource.builder().active("key_1"), Reason.INVALID_ARGUMENT,
            "a rotating source needs at least one key."),
        build("null source", b -> RotatingKeySource.builder().key("key_1", null), Reason.INVALID_ARGUMENT,
            "the source for kid \"key_1\" is null."),
        build("duplicate kid", b -> b.key("key_1", KEY), Reason.KEY_ID_INVALID, "kid \"key_1\" was added twice."),
        build("duplicate kid, another source", b -> b.key("key_1", KeySource.fromPemText(TestKeys.pem("p521.pem"))),
            Reason.KEY_ID_INVALID, "kid \"key_1\" was added twice."),
        build("source with another kid", b -> b.key("key_2", KEY.withKeyId("key_3")), Reason.KEY_ID_INVALID,
            "the source added as kid \"key_2\" already gives its key kid \"key_3\"."),
        build("active kid unknown", b -> b.active("key_2"), Reason.KEY_ID_INVALID, "kid \"key_2\"" + NOT_ONE_OF),
        build("source that fails", b -> b.key("key_2", () -> KeySource.fromPemText(BadInput.truncatedPem(RSA)).signingKey()),
            Reason.KEY_MALFORMED, "PEM text holds a garbled or truncated PEM block."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builders")
  void buildRejects(Function<RotatingKeySource.Builder, RotatingKeySource.Builder> configure, Reason reason, String messageStart) {
    rejected(() -> configure.apply(ONE).build(), reason, messageStart);
  }

  static Stream<Arguments> renames() {
    return Stream.of(
        row("a kid", "key_2", Reason.KEY_ID_INVALID, "a rotating source names each of its keys itself"),
        row("null", null, Reason.KEY_ID_INVALID, "a rotating source names each of its keys itself"),
        row("control characters", BadInput.CONTROL, Reason.KEY_ID_INVALID, "a rotating source names each of its keys itself"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renames")
  void withKeyIdRejects(String keyId, Reason reason, String messageStart) {
    RotatingKeySource source = ONE.build();
    rejected(() -> source.withKeyId(keyId), reason, messageStart);
  }

  static Arguments row(String name, Object input, Reason reason, String messageStart) {
    return arguments(named(name, input), reason, messageStart);
  }

  private static Arguments build(String name, Function<RotatingKeySource.Builder, RotatingKeySource.Builder> configure,
      Reason reason, String messageStart) {
    return row(name, configure, reason, messageStart);
  }
}
