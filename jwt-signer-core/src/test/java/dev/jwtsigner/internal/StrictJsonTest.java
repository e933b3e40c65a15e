package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

  private final StrictJson json = StrictJson.create(65_536, 100);

  @Test
  @SuppressWarnings("unchecked")
  void readsNestedValuesInOrder() {
    Map<String, Object> m = json.parseObject(
        "{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{\"d\":1.5},\"e\":9007199254740991}", "payload",
        Reason.PAYLOAD_REJECTED);
    assertThat(m).containsOnlyKeys("b", "a", "c", "e");
    assertThat(m.keySet()).containsExactly("b", "a", "c", "e");
    assertThat(m.get("b")).isEqualTo(1L);
    assertThat((List<Object>) m.get("a")).containsExactly(true, null, "x");
    assertThat(m.get("c")).isEqualTo(Map.of("d", 1.5));
    assertThat(m.get("e")).isEqualTo(9_007_199_254_740_991L);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "[1,2]                | NOT_A_JSON_OBJECT | payload is a JSON array, not a JSON object.",
      "42                   | NOT_A_JSON_OBJECT | payload is a JSON number, not a JSON object.",
      "null                 | NOT_A_JSON_OBJECT | payload is JSON null, not a JSON object.",
      "''                   | NOT_A_JSON_OBJECT | payload is empty, not a JSON object.",
      "{}{}                 | JSON_MALFORMED    | payload has more JSON after its object at line 1, column 4.",
      "{a:1}                | JSON_MALFORMED    | payload is not strict JSON at line 1, column 2.",
      "{\"a\":NaN}          | JSON_MALFORMED    | payload is not strict JSON at line 1, column 9.",
      "{\"a\":1,\"a\":2}    | DUPLICATE_MEMBER  | payload has a member name twice in one object at line 1, column 11.",
      "{\"a\":{\"b\":1,\"b\":tru}}         | DUPLICATE_MEMBER | payload has a member name twice in one object at line 1, column 16.",
      "{\"x\":[{\"c\":null,\"c\":null}]} | DUPLICATE_MEMBER | payload has a member name twice in one object at line 1, column 20.",
      "{\"a\":\"\\ud800\"}  | INVALID_UNICODE   | payload has an escaped lone UTF-16 surrogate at line 1, column 14.",
      "{\"\\udc00\":\"x\"}  | INVALID_UNICODE   | payload has invalid Unicode at line 1, column 9.",
      "\ufeff{}             | JSON_MALFORMED    | payload starts with a byte order mark, which RFC 8259 forbids a sender to add.",
      "{\"n\":9007199254740992}    | VALUE_NOT_JSON | payload has a number at line 1, column 22 that JavaScript and Python consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
      "{\"n\":-9007199254740992}   | VALUE_NOT_JSON | payload has a number at line 1, column 23 that JavaScript and Python consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
      "{\"n\":123456789012345678901234567890} | VALUE_NOT_JSON | payload has a number at line 1, column 36 that JavaScript and Python consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
      "{\"n\":1e400}               | VALUE_NOT_JSON | payload has a number at line 1, column 11 that JavaScript and Python consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
      "{\"n\":1e100000000000}      | VALUE_NOT_JSON | payload has a number at line 1, column 20 that JavaScript and Python consumers would not read as the same value (an integer beyond ±(2^53 − 1), or beyond the double range).",
  })
  void refusesWithTheRule(String input, Rule rule, String message) {
    Violation v = violation(() -> json.parseObject(input, "payload", Reason.PAYLOAD_REJECTED));
    assertThat(v.rule()).isEqualTo(rule);
    assertThat(v.message()).isEqualTo(message);
  }

  @Test
  void refusesNulBytesThatJacksonWouldReadAsUtf32() {
    // found by SignedPayloadBuilderFuzzTest: Jackson read "\0\0\0{\0\0\0}" as UTF-32 {}, which the builder signed
    for (String text : List.of("\0\0\0{\0\0\0}", "{\0}\0", " \0{}")) {
      Violation v = violation(() -> json.parseObject(text, "payload", Reason.PAYLOAD_REJECTED));
      assertThat(v.rule()).isEqualTo(Rule.JSON_MALFORMED);
      assertThat(v.message()).isEqualTo("payload is not strict JSON at line 1, column " + (text.indexOf('\0') + 1) + ".");
      assertThat(v.fix()).isEqualTo("send RFC 8259 JSON in UTF-8: no NUL bytes, no UTF-16 or UTF-32.");
    }
  }

  @Test
  void readsTheLargestIntegersEveryConsumerReadsExactly() {
    assertThat(json.parseObject("{\"a\":9007199254740991,\"b\":-9007199254740991,\"c\":1e308,\"d\":1e-400,\"e\":-1e-100000000000}",
        "payload", Reason.PAYLOAD_REJECTED))
        .containsEntry("a", 9_007_199_254_740_991L).containsEntry("b", -9_007_199_254_740_991L)
        .containsEntry("c", 1e308).containsEntry("d", 0.0).containsEntry("e", -0.0);
  }

  @Test
  void judgesJavaNumbersAsTheParserJudgesTheirText() {
    assertThat(StrictJson.isPortable((Number) 9_007_199_254_740_991L)).isTrue();
    assertThat(StrictJson.isPortable((Number) 9_007_199_254_740_992L)).isFalse();
    assertThat(StrictJson.isPortable(new BigInteger("-9007199254740992"))).isFalse();
    assertThat(StrictJson.isPortable(new java.math.BigDecimal("1E+3"))).isTrue();
    assertThat(StrictJson.isPortable(new java.math.BigDecimal("1E+400"))).isFalse();
    assertThat(StrictJson.isPortable(new java.math.BigDecimal("9007199254740992"))).isFalse();
    assertThat(StrictJson.isPortable(Double.NaN)).isFalse();
    assertThat(StrictJson.isPortable(Double.MAX_VALUE)).isTrue();
  }

  @Test
  void readsEscapedSurrogatePairsInNamesAndValues() {
    assertThat(json.parseObject("{\"\\ud83d\\ude00\":\"a\\ud83d\\ude00\"}", "payload", Reason.PAYLOAD_REJECTED))
        .containsExactly(Map.entry("\ud83d\ude00", "a\ud83d\ude00"));
  }

  @Test
  void refusesTwentyThousandDeepNestingWithoutCrashing() {
    String deep = "{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
    Violation v = violation(() -> json.parseObject(deep, "payload", Reason.PAYLOAD_REJECTED));
    assertThat(v.rule()).isEqualTo(Rule.TOO_DEEP);
    assertThat(v.message()).isEqualTo("payload nests objects and arrays more than 100 deep.");
  }

  @Test
  void refusesOversizedBodyCountingUtf8Bytes() {
    StrictJson small = StrictJson.create(10, 100);
    assertThat(small.parseObject("{\"a\":\"é\"}", "payload", Reason.PAYLOAD_REJECTED)).containsEntry("a", "é");
    Violation v = violation(() -> small.parseObject("{\"a\":\"éé\"}", "payload", Reason.PAYLOAD_REJECTED));
    assertThat(v.rule()).isEqualTo(Rule.TOO_LARGE);
    assertThat(v.message()).isEqualTo("payload has 12 UTF-8 bytes; the limit is 10.");
  }

  @Test
  void refusesRawLoneSurrogateAndInvalidUtf8() {
    assertThat(violation(() -> json.parseObject("{\"a\":\"\ud800\"}", "payload", Reason.PAYLOAD_REJECTED)).rule())
        .isEqualTo(Rule.INVALID_UNICODE);
    byte[] bad = "{\"a\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
    bad[6] = (byte) 0xC3;
    assertThat(violation(() -> json.parseObject(bad, "claims", Reason.TOKEN_NOT_ACCEPTED)).message())
        .isEqualTo("claims is not valid UTF-8.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "overlong slash            | C0 AF",
      "overlong three-byte NUL   | E0 80 80",
      "encoded high surrogate    | ED A0 80",
      "encoded low surrogate     | ED B0 80",
      "above U+10FFFF            | F4 90 80 80",
      "lone continuation byte    | 80",
      "truncated euro sign       | E2 82",
      "FF byte                   | FF"})
  void refusesEveryKindOfMalformedUtf8InAString(String what, String hex) {
    byte[] bad = withBytes("{\"a\":\"x", hex, "x\"}");
    assertThat(violation(() -> json.parseObject(bad, "claims", Reason.TOKEN_NOT_ACCEPTED)))
        .extracting(Violation::rule, Violation::message)
        .containsExactly(Rule.INVALID_UNICODE, "claims is not valid UTF-8.");
  }

  @Test
  void readsUtf8BeyondAsciiOfAnyLength() {
    String text = "é€😀".repeat(1_000); // 2-, 3- and 4-byte sequences, more than the checker's scratch buffer holds
    byte[] utf8 = ("{\"a\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(json.parseObject(utf8, "claims", Reason.TOKEN_NOT_ACCEPTED)).containsExactly(Map.entry("a", text));
    byte[] brokenAtTheEnd = withBytes("{\"a\":\"" + text, "E2 82", "\"}");
    assertThat(violation(() -> json.parseObject(brokenAtTheEnd, "claims", Reason.TOKEN_NOT_ACCEPTED)).message())
        .isEqualTo("claims is not valid UTF-8.");
    assertThat(json.parseObject(utf8, "claims", Reason.TOKEN_NOT_ACCEPTED))
        .as("a refusal leaves the next check on this thread intact").containsEntry("a", text);
  }

  /** {@code before}, the bytes in {@code hex}, then {@code after}, each string as UTF-8. */
  private static byte[] withBytes(String before, String hex, String after) {
    String[] pairs = hex.trim().split(" ");
    byte[] head = before.getBytes(StandardCharsets.UTF_8);
    byte[] tail = after.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + pairs.length + tail.length);
    for (int i = 0; i < pairs.length; i++) {
      out[head.length + i] = (byte) Integer.parseInt(pairs[i], 16);
    }
    System.arraycopy(tail, 0, out, head.length + pairs.length, tail.length);
    return out;
  }

  private static Violation violation(Runnable r) {
    TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, r::run);
    assertThat(e).as("expected a refusal").isNotNull();
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }
}
