package dev.jwtsigner.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.internal.JsonWriter;
import dev.jwtsigner.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the rulebook's JSON checks as both platforms meet them: raw JSON text through {@link StrictJson} (the
 * claims and payload reader, with limits chosen by the input), then every {@link AtomicRules} and
 * {@link AptoRules} rule on what it accepts. Invariants: the text is accepted, and then writes back to the same
 * map ({@link JsonWriter}) within the limits, or it is refused with a {@link TokenRejectedException} of the
 * caller's reason and exactly one violation of a JSON-text rule; the rules never throw; no message or fix quotes
 * a value ({@link #MARK} starts every string value of the seeds, and the fuzzer's edits keep most of them).
 */
class RulebookFuzzTest {

  /** Starts the seeds' string values and claim names; a message that shows it quotes the input. */
  static final String MARK = "\u2603";
  private static final long NOW = 1_767_225_600L;
  private static final String CLAIMS = "{\"iss\":\"https://issuer.example\",\"sub\":\"" + MARK + "user-1\","
      + "\"atomic_sub\":\"" + MARK + "u\",\"iat\":1767225000,\"exp\":1767311400,\"nbf\":1767225000,"
      + "\"" + MARK + "n\":[1,-2.5e3,{\"a\":null,\"b\":[true,false]}],\"id\":\"" + MARK + "\\ud83d\\ude00\"}";
  private static final String PAYLOAD = "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\""
      + MARK + "a@example.com\"}]},\"iat\":1767225000.0,\"exp\":17672256e2,\"amount\":12.5}";
  private static final List<String> SEEDS = List.of(CLAIMS, PAYLOAD);
  private static final Set<Rule> JSON_TEXT_RULES = EnumSet.of(Rule.NOT_A_JSON_OBJECT, Rule.JSON_MALFORMED,
      Rule.DUPLICATE_MEMBER, Rule.INVALID_UNICODE, Rule.VALUE_NOT_JSON, Rule.TOO_LARGE, Rule.TOO_DEEP);
  private static final List<AtomicRules> POLICIES = List.of(
      AtomicRules.of(Duration.ofDays(7), Duration.ofSeconds(60), Set.of(), List.of("atomic_sub", "atomic_id", "sub", "id")),
      AtomicRules.of(Duration.ofHours(1), Duration.ofMinutes(5), Set.of("https://issuer.example"), List.of("sub")));

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    acceptsAndWritesBackOrRefusesWithOneJsonRule(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    acceptsAndWritesBackOrRefusesWithOneJsonRule(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(RulebookFuzzTest.class, "fuzz");
  }

  private static void acceptsAndWritesBackOrRefusesWithOneJsonRule(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    boolean small = data.nextBoolean();
    StrictJson json = small ? StrictJson.create(2 + data.below(512), 1 + data.below(8)) : AtomicRules.claimsJson();
    Reason reason = data.nextBoolean() ? Reason.TOKEN_REJECTED : Reason.PAYLOAD_REJECTED;
    Map<String, Object> parsed;
    byte[] utf8 = null;
    try {
      switch (data.below(4)) {
        case 0 -> parsed = json.parseObject(utf8 = data.rest(), "claims", reason);
        case 1 -> parsed = json.parseObject(data.restAsChars(), "claims", reason);
        default -> {
          String text = data.splice(SEEDS.get(data.below(SEEDS.size())), 96);
          text = data.nextBoolean() ? text : data.splice(text, 32);
          utf8 = text.getBytes(StandardCharsets.UTF_8);
          parsed = json.parseObject(text, "claims", reason);
        }
      }
    } catch (TokenRejectedException e) {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.violations()).hasSize(1);
      Violation v = e.violations().get(0);
      assertThat(v.field()).isEqualTo("claims");
      assertThat(v.rule()).isIn(JSON_TEXT_RULES);
      assertQuotesNoValue(v);
      assertThat(e.getMessage()).doesNotContain(MARK);
      return;
    }
    JsonWriter.Result written = JsonWriter.write(parsed, json.maxDepth());
    assertThat(written.problems()).isEmpty();
    // read back with room for what writing adds (escapes, "1e2" as 100.0), at the same depth
    StrictJson roomy = StrictJson.create(json.maxBytes() * 8, json.maxDepth());
    assertThat(roomy.parseObject(written.json(), "claims", reason)).isEqualTo(parsed);
    if (utf8 != null) {
      assertThat(utf8.length).isLessThanOrEqualTo(json.maxBytes());
    }
    checksEveryRuleWithoutQuotingAValue(parsed);
  }

  private static void checksEveryRuleWithoutQuotingAValue(Map<String, Object> claims) {
    AtomicRules.Claims get = name -> claims.containsKey(name) ? claims.get(name) : AtomicRules.ABSENT;
    List<Violation> found = new ArrayList<>();
    for (AtomicRules rules : POLICIES) {
      found.addAll(rules.userId(get));
      found.addAll(rules.issuer(get.get("iss")));
      List<Violation> iat = AtomicRules.timeClaim("iat", get.get("iat"));
      List<Violation> exp = AtomicRules.timeClaim("exp", get.get("exp"));
      found.addAll(iat);
      found.addAll(exp);
      if (exp.isEmpty()) {
        double iatSeconds = iat.isEmpty() ? ((Number) claims.get("iat")).doubleValue() : Double.NaN;
        found.addAll(rules.expiry(iatSeconds, ((Number) claims.get("exp")).doubleValue(), NOW, 60));
      }
      String resolved = rules.resolveUserId(get);
      assertThat(resolved == null || !resolved.isBlank()).isTrue();
    }
    claims.keySet().forEach(name -> found.addAll(AtomicRules.claimName(name, "")));
    found.addAll(AptoRules.timeClaims(claims, NOW));
    found.forEach(RulebookFuzzTest::assertQuotesNoValue);
  }

  private static void assertQuotesNoValue(Violation v) {
    assertThat(v.field()).isNotBlank().doesNotContain(MARK);
    assertThat(v.message()).isNotBlank().doesNotContain(MARK);
    assertThat(v.fix()).isNotBlank().doesNotContain(MARK);
  }
}
