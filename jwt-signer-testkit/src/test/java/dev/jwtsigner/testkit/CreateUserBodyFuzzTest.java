package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.internal.StrictJson;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the fake Mobile API's create-user body check, {@link CreateUserBody#firstProblem(Map)}, on what the
 * signed-payload verifier decodes (strict JSON, the default payload limits): a real body with every data-point
 * type, spliced by the input, or raw text. Invariants: it never throws; a problem is {@code path: rule} with a
 * path of member names and indexes only (never a value: {@link #MARK} starts every string of the seed) that
 * points into the body, at a missing member for {@code required} and at a present one otherwise.
 */
class CreateUserBodyFuzzTest {

  /** Starts every string value of the seed; a problem that shows it quotes the body. */
  static final String MARK = "\u2603";
  private static final String BODY = "{\"data_points\":{\"type\":\"list\",\"data\":["
      + "{\"type\":\"phone\",\"country_code\":\"" + MARK + "1\",\"phone_number\":\"" + MARK + "2025550123\","
      + "\"verification\":{\"verification_id\":\"" + MARK + "entity_1\"}},"
      + "{\"type\":\"email\",\"email\":\"" + MARK + "a@example.com\"},"
      + "{\"type\":\"name\",\"first_name\":\"" + MARK + "Ada\",\"last_name\":\"" + MARK + "Lovelace\"},"
      + "{\"type\":\"address\",\"street_one\":\"" + MARK + "1 Main St\",\"street_two\":\"\",\"locality\":\"" + MARK
      + "Springfield\",\"region\":\"" + MARK + "IL\",\"postal_code\":\"" + MARK + "62701\",\"country\":\"" + MARK + "US\"},"
      + "{\"type\":\"birthdate\",\"date\":\"1990-02-28\"},"
      + "{\"type\":\"id_document\",\"value\":\"" + MARK + "123456789\",\"country\":\"" + MARK + "US\",\"doc_type\":\""
      + MARK + "ssn\"}]},\"iat\":1767225600}";
  private static final StrictJson PAYLOAD_JSON = StrictJson.create(65_536, 100);
  private static final Pattern PROBLEM = Pattern.compile("(data_points(?:\\.[a-z_]+|\\[\\d+])*): ([a-z].*)");
  private static final Pattern SEGMENT = Pattern.compile("\\.([a-z_]+)|\\[(\\d+)]");

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    namesTheFirstProblemByItsPathOnly(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    namesTheFirstProblemByItsPathOnly(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(CreateUserBodyFuzzTest.class, "fuzz");
  }

  private static void namesTheFirstProblemByItsPathOnly(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    String text = data.below(5) == 0 ? data.restAsText() : data.splice(BODY, 64);
    text = data.nextBoolean() ? text : data.splice(text, 32);
    Map<String, Object> payload;
    try {
      payload = PAYLOAD_JSON.parseObject(text, "payload", Reason.PAYLOAD_REJECTED);
    } catch (TokenRejectedException e) {
      return; // the verifier refuses it before the body check (RulebookFuzzTest's business)
    }
    String problem = CreateUserBody.firstProblem(payload);
    if (problem == null) {
      return;
    }
    assertThat(problem).doesNotContain(MARK);
    Matcher m = PROBLEM.matcher(problem);
    assertThat(m.matches()).as(problem).isTrue();
    Object parent = payload;
    Object value = payload.get("data_points");
    boolean present = payload.containsKey("data_points");
    Matcher segment = SEGMENT.matcher(m.group(1).substring("data_points".length()));
    while (segment.find()) {
      assertThat(present && value != null).as(problem).isTrue();
      parent = value;
      if (segment.group(1) != null) {
        assertThat(parent).as(problem).isInstanceOf(Map.class);
        present = ((Map<?, ?>) parent).containsKey(segment.group(1));
        value = ((Map<?, ?>) parent).get(segment.group(1));
      } else {
        assertThat(parent).as(problem).isInstanceOf(List.class);
        int i = Integer.parseInt(segment.group(2));
        present = i < ((List<?>) parent).size();
        value = present ? ((List<?>) parent).get(i) : null;
      }
    }
    if (m.group(2).equals("required")) {
      assertThat(value).as(problem).isNull();
    } else {
      assertThat(present).as(problem).isTrue();
    }
  }
}
