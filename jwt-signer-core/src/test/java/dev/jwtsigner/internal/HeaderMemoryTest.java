package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMemoryTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void answersOnlyForTheExactHeaderTextLastRemembered() {
    HeaderMemory memory = new HeaderMemory();
    Map<String, Object> header = Map.of("alg", "RS256");
    assertThat(memory.lookup(bytes("abc.payload.sig"), 3)).isNull();
    memory.remember(bytes("abc.payload.sig"), 3, header);
    assertThat(memory.lookup(bytes("abc.other.sig"), 3)).isSameAs(header);
    assertThat(memory.lookup(bytes("abd.payload.sig"), 3)).isNull();
    assertThat(memory.lookup(bytes("abcd.payload.sig"), 4)).isNull();
    assertThat(memory.lookup(null, 3)).isNull();
  }

  @Test
  void keepsItsOwnCopyOfTheHeaderText() {
    HeaderMemory memory = new HeaderMemory();
    byte[] token = bytes("abc.payload.sig");
    memory.remember(token, 3, Map.of());
    token[0] = 'z';
    assertThat(memory.lookup(bytes("abc.x.y"), 3)).isNotNull();
  }
}
