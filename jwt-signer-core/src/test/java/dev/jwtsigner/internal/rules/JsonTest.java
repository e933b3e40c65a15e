package dev.jwtsigner.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void namesTheJsonTypeOfEveryDecodedValue() {
    assertThat(Json.typeOf(null)).isEqualTo("JSON null");
    assertThat(Json.typeOf("1767225600")).isEqualTo("a JSON string");
    assertThat(Json.typeOf(true)).isEqualTo("a JSON boolean");
    assertThat(Json.typeOf(1_767_225_600L)).isEqualTo("a JSON number");
    assertThat(Json.typeOf(new BigDecimal("1.5"))).isEqualTo("a JSON number");
    assertThat(Json.typeOf(Map.of("a", 1))).isEqualTo("a JSON object");
    assertThat(Json.typeOf(List.of(1))).isEqualTo("a JSON array");
  }
}
