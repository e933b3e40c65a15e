package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwksDocumentTest {

  private final JwksDocument document = new JwksDocument("{\"keys\":[]}", "\"abc\"", List.of());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"abc\"|true", "W/\"abc\"|true", "\"x\", \"abc\"|true", "*|true",
      "\"abd\"|false", "abc|false", "''|false"})
  void answersNotModifiedOnlyForTheCurrentTag(String ifNoneMatch, boolean expected) {
    assertThat(document.notModified(ifNoneMatch)).isEqualTo(expected);
  }

  @Test
  void answersModifiedWithoutTheHeader() {
    assertThat(document.notModified(null)).isFalse();
    assertThat(document).hasToString("JwksDocument[kids=[], etag=\"abc\"]");
  }
}
