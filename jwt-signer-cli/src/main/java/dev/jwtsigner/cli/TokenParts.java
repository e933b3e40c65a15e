package dev.jwtsigner.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A token split and decoded for display only: the header and claims as JSON objects where they decode,
 * {@code null} where not. What the token is worth is the verifiers' business, never this class's.
 */
record TokenParts(int parts, Map<String, Object> header, Map<String, Object> claims) {

  static TokenParts of(String token) {
    String[] p = token.strip().split("\\.", -1);
    return new TokenParts(p.length, decode(p, 0), decode(p, 1));
  }

  private static Map<String, Object> decode(String[] parts, int i) {
    if (parts.length <= i) {
      return null;
    }
    try {
      return Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
