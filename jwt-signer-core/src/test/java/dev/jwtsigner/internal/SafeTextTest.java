package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void keepsPrintableTextAsItIs() {
    assertThat(SafeText.of("/etc/secrets/jwt/private.pem")).isEqualTo("/etc/secrets/jwt/private.pem");
    assertThat(SafeText.of("key-\uD83D\uDD11")).isEqualTo("key-\uD83D\uDD11");
  }

  @Test
  void escapesControlCharactersSoNoInputForgesALogLine() {
    assertThat(SafeText.of("a\r\n2024-01-01 INFO forged\u001b[2J\u0000\u2028"))
        .isEqualTo("a\\u000d\\u000a2024-01-01 INFO forged\\u001b[2J\\u0000\\u2028");
  }

  @Test
  void escapesLoneSurrogates() {
    assertThat(SafeText.of("a\uD800b\uDC00")).isEqualTo("a\\ud800b\\udc00");
  }

  @Test
  void cutsLongInputAndSaysHowLongItWas() {
    assertThat(SafeText.of("x".repeat(10_000))).isEqualTo("x".repeat(SafeText.MAX_CHARS) + "...(10000 characters)");
    assertThat(SafeText.of("x".repeat(SafeText.MAX_CHARS))).isEqualTo("x".repeat(SafeText.MAX_CHARS));
  }

  @Test
  void namesNull() {
    assertThat(SafeText.of(null)).isEqualTo("null");
  }
}
