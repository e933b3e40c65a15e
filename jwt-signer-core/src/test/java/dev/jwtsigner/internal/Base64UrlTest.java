package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base64UrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "eyJhIjoxfQ= | has '=' padding at character 11",
      "eyJh IjoxfQ | has whitespace at character 5",
      "eyJh+joxfQ  | has a character outside A-Z a-z 0-9 - _ at character 5",
      "eyJhIjoxf   | has 9 characters, a length no base64url text has (it is truncated or padded)",
      "eyJhIjoxfR  | has non-zero unused bits in its last character, so it is not the canonical encoding",
  })
  void refusesAnythingButCanonicalUnpaddedBase64Url(String part, String problem) {
    assertThat(Base64Url.problem(part)).isEqualTo(problem);
    byte[] latin1 = part.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Base64Url.decode(part, latin1, 0, part.length())).isNull();
    assertThat(Base64Url.decode(part, null, 0, part.length())).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"eyJhIjoxfQ, '{\"a\":1}'", "'', ''", "YQ, a", "YWI, ab"})
  void decodesCanonicalPartsFromTheTokensBytesOrItsText(String part, String text) {
    String token = "x." + part + ".y";
    byte[] latin1 = token.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Base64Url.problem(part)).isNull();
    assertThat(Base64Url.decode(token, latin1, 2, 2 + part.length())).asString(StandardCharsets.UTF_8).isEqualTo(text);
    assertThat(Base64Url.decode(token, null, 2, 2 + part.length())).asString(StandardCharsets.UTF_8).isEqualTo(text);
  }
}
