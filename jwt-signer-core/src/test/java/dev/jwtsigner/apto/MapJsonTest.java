package dev.jwtsigner.apto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapJsonTest {

  @Test
  void writesEveryJsonTypeInIterationOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", (byte) 1);
    m.put("s", (short) 2);
    m.put("f", 0.5f);
    m.put("d", new BigDecimal("1.10"));
    m.put("set", new LinkedHashSet<>(List.of("x", "y")));
    m.put("obj", Map.of("k", false));
    m.put("esc", "line\nquote\"\u0001");
    MapJson.Result r = MapJson.write(m, "payload", 10);
    assertThat(r.violations()).isEmpty();
    assertThat(r.json()).isEqualTo(
        "{\"b\":1,\"s\":2,\"f\":0.5,\"d\":1.10,\"set\":[\"x\",\"y\"],\"obj\":{\"k\":false},\"esc\":\"line\\nquote\\\"\\u0001\"}");
  }

  @Test
  void aListSharedTwiceIsNotACycle() {
    List<Integer> shared = List.of(1);
    MapJson.Result r = MapJson.write(Map.of("a", List.of(shared, shared)), "payload", 10);
    assertThat(r.json()).isEqualTo("{\"a\":[[1],[1]]}");
  }

  @Test
  void countsTheRootObjectAsDepthOne() {
    assertThat(MapJson.write(Map.of("a", List.of()), "payload", 2).violations()).isEmpty();
    MapJson.Result r = MapJson.write(Map.of("a", List.of(List.of())), "payload", 2);
    assertThat(r.json()).isNull();
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.TOO_DEEP);
  }

  @Test
  void listsAtMostTwentyViolations() {
    List<Object> bad = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bad.add(new Object());
    }
    MapJson.Result r = MapJson.write(Map.of("items", bad), "payload", 10);
    assertThat(r.violations()).hasSize(MapJson.MAX_VIOLATIONS);
    assertThat(r.violations().get(19).field()).isEqualTo("payload.items[19]");
  }
}
