package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void wellFormedMeansEverySurrogateIsHalfOfAPair() {
    assertThat(Text.isWellFormed("a\ud83d\ude00b")).isTrue();
    assertThat(Text.isWellFormed("")).isTrue();
    assertThat(Text.isWellFormed("a\ud83d")).isFalse();
    assertThat(Text.isWellFormed("\ude00a")).isFalse();
    assertThat(Text.isWellFormed("\ud83d\ud83d\ude00")).isFalse();
  }

  @Test
  void countsUtf8BytesAsTheEncoderWrites() {
    for (String s : new String[] {"", "abc", "é", "€", "\ud83d\ude00", "aé€\ud83d\ude00"}) {
      assertThat(Text.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
