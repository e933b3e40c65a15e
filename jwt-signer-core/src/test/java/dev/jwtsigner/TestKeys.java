package dev.jwtsigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the pre-made test keys under {@code src/test/resources/keys}. */
public final class TestKeys {

  private TestKeys() {}

  /** The text of {@code keys/<name>}, such as {@code rsa2048.pem}. */
  public static String pem(String name) {
    try (InputStream in = TestKeys.class.getResourceAsStream("/keys/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test key " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
