package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesEveryJsonTypeInIterationOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "é\"\n");
    m.put("n", List.of(1, 2L, (short) 3, (byte) 4, BigInteger.TEN, new BigDecimal("1.50"), 2.5, 0.5f));
    m.put("b", true);
    m.put("z", null);
    m.put("t", Instant.parse("2026-01-02T03:04:05.999Z"));
    m.put("d", LocalDate.of(2026, 2, 28));
    m.put("set", new LinkedHashSet<>(List.of("a", "b")));
    JsonWriter.Result r = JsonWriter.write(m, 10);
    assertThat(r.problems()).isEmpty();
    assertThat(r.json()).isEqualTo("{\"s\":\"é\\\"\\n\",\"n\":[1,2,3,4,10,1.50,2.5,0.5],\"b\":true,\"z\":null,"
        + "\"t\":" + Instant.parse("2026-01-02T03:04:05Z").getEpochSecond() + ",\"d\":\"2026-02-28\",\"set\":[\"a\",\"b\"]}");
  }

  @Test
  void aListSharedTwiceIsNotACycleButAListInsideItselfIs() {
    List<Integer> shared = List.of(1);
    assertThat(JsonWriter.write(Map.of("a", List.of(shared, shared)), 10).json()).isEqualTo("{\"a\":[[1],[1]]}");
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertThat(JsonWriter.write(Map.of("a", self), 10).violationsAt("payload"))
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(tuple("payload.a[0]", Rule.VALUE_NOT_JSON,
            "payload.a[0] refers back to a map or list that contains it (a cycle)."));
  }

  @Test
  void countsTheOutermostContainerAsDepthOne() {
    assertThat(JsonWriter.write(Map.of("a", List.of()), 2).problems()).isEmpty();
    JsonWriter.Result r = JsonWriter.write(Map.of("a", List.of(List.of())), 2);
    assertThat(r.json()).isNull();
    assertThat(r.violationsAt("x")).extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(tuple("x", Rule.TOO_DEEP, "x nests maps and lists more than 2 deep."));
  }

  @Test
  void refusesWhatJsonCannotHoldAtItsPathWithoutTheValue() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("nan", Double.NaN);
    m.put(7, "seven");
    m.put("opt", Optional.of("secret"));
    m.put("big", BigInteger.TWO.pow(70));
    m.put("text", List.of("ok", "bad \ud800"));
    m.put("k\udc00", 1);
    assertThat(JsonWriter.write(m, 10).violationsAt("payload"))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("payload.nan", Rule.VALUE_NOT_JSON),
            tuple("payload", Rule.VALUE_NOT_JSON),
            tuple("payload.opt", Rule.VALUE_NOT_JSON),
            tuple("payload.big", Rule.VALUE_NOT_JSON),
            tuple("payload.text[1]", Rule.INVALID_UNICODE),
            tuple("payload.k\\udc00", Rule.INVALID_UNICODE));
    assertThat(JsonWriter.write(m, 10).violationsAt("payload")).allSatisfy(v -> assertThat(v.toString())
        .doesNotContain("secret").doesNotContain("seven"));
  }

  @Test
  void listsAtMostTwentyProblems() {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(Double.NaN);
    }
    List<Violation> v = JsonWriter.write(Map.of("items", items), 10).violationsAt("payload");
    assertThat(v).hasSize(JsonWriter.MAX_PROBLEMS);
    assertThat(v.get(19).field()).isEqualTo("payload.items[19]");
  }
}
